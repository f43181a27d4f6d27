package io.github.smtpclient.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.smtpclient.tls.ExtendedMasterSecret;
import io.github.smtpclient.tls.SecureRenegotiation;
import io.github.smtpclient.tls.TlsBaseConfiguration;
import io.github.smtpclient.tls.TlsEngine;
import io.github.smtpclient.tls.TlsMode;
import io.github.smtpclient.tls.validation.ChainTolerance;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.core.io.Resource;

/**
 * The {@code smtp.client.tls.*} properties: encryption and certificate checks; drives {@code client.tls()}.
 */
public class SmtpTlsProperties {

    /** When to encrypt: EXPLICIT (STARTTLS required), IMPLICIT (TLS from the first byte), MIXED or NONE; by default IMPLICIT on port 465 and EXPLICIT elsewhere. */
    private @Nullable TlsMode mode;

    /** TLS versions to enable, in preference order: TLSv1.3, TLSv1.2, TLSv1.1 or TLSv1. */
    private List<String> versions = new ArrayList<>(List.of("TLSv1.3", "TLSv1.2"));

    /** Cipher suites to enable, by standard name; empty means the TLS provider's defaults. */
    private List<String> cipherSuites = new ArrayList<>();

    /** Whether the server's certificate chain and host name are checked; false lets anyone on the network path impersonate the server. */
    private boolean validateCertificates = true;

    /** Whether the server's certificate must name the host connected to. */
    private boolean verifyHostname = true;

    /** PEM files of certificates to trust in addition to the JDK's trust store, such as a private CA. For instance, 'classpath:smtp-ca.pem'. */
    private List<Resource> trustedCertificates = new ArrayList<>();

    /** Whether the JDK's default trust store is consulted at all; false trusts only 'trusted-certificates'. */
    private boolean useSystemCertificates = true;

    /** Whether the JDK's trust store only completes chains instead of being trusted; then only 'trusted-certificates' are trusted. */
    private boolean ignoreSystemTrust;

    /** Name of a Spring Boot SSL bundle ('spring.ssl.bundle.*') whose SSLContext decides which servers are trusted. */
    private @Nullable String sslBundle;

    /** Server name sent in the TLS SNI extension and accepted by the host name check; by default the host connected to. */
    private @Nullable String sniHostName;

    /** TLS implementation: BOUNCY_CASTLE (Bouncy Castle's TLS API, reports every negotiated detail) or JSSE (the JDK's, resumes TLS 1.3 sessions). */
    private TlsEngine engine = TlsEngine.BOUNCY_CASTLE;

    /** PEM files of intermediate CA certificates that complete the chain of a server sending an incomplete one; never trusted themselves. */
    private List<Resource> knownCertificates = new ArrayList<>();

    /** PEM files of certificates refused wherever they appear in a server's chain, matched by SHA-256 fingerprint. */
    private List<Resource> blockedCertificates = new ArrayList<>();

    /** Minor chain issues to tolerate, each logged as a warning: EXPIRED_TRUSTED_ROOT, TRUSTED_ROOT_WITHOUT_CA_FLAGS, LEAF_WITHOUT_SERVER_AUTH. */
    private Set<ChainTolerance> tolerances = new LinkedHashSet<>();

    /** Whether earlier TLS sessions are resumed (the pooled sender's connections share them); a resumed chain is validated again. */
    private boolean useSessionResumption = true;

    /** Whether a session made with one address of the host is offered to another of its addresses. */
    private boolean forceResumeIfDestinationChanges;

    @NestedConfigurationProperty
    private final SmtpRevocationProperties revocation = new SmtpRevocationProperties();

    @NestedConfigurationProperty
    private final SmtpClientCertificateProperties clientCertificate = new SmtpClientCertificateProperties();

    @NestedConfigurationProperty
    private final SmtpPskProperties psk = new SmtpPskProperties();

    /** Whether the client key is checked against its certificate (a signed probe) before the first handshake that uses it. */
    private boolean checkKeyIntegrityBeforeUse = true;

    /** Preset of versions, cipher suites and groups: COMPATIBLE, SECURE or HIGHLY_SECURE; explicit versions, cipher-suites, named-groups and finite-field-dhe override its values. */
    private @Nullable TlsBaseConfiguration baseConfiguration;

    /** Key-exchange groups to offer, in preference order (x25519, x448, secp256r1, secp384r1, secp521r1, ffdhe2048...ffdhe8192); empty means the engine's defaults. On the JSSE engine this needs Java 20 or later. */
    private List<String> namedGroups = new ArrayList<>();

    /** Whether finite-field Diffie-Hellman (DHE suites and ffdhe groups) may be negotiated; by default true, or the base configuration's value. */
    private @Nullable Boolean finiteFieldDhe;

    /** RFC 7627 extended master secret in TLS 1.2: REQUIRED, PREFERRED or OFF; only PREFERRED on the JSSE engine. */
    private ExtendedMasterSecret extendedMasterSecret = ExtendedMasterSecret.PREFERRED;

    /** RFC 5746 secure renegotiation of a TLS 1.2 server: REQUIRED refuses a server without it, PREFERRED accepts one (the client never renegotiates). */
    private SecureRenegotiation secureRenegotiation = SecureRenegotiation.REQUIRED;

    /** How long closing waits for the server's close_notify after sending the client's; 0s closes at once. */
    private Duration closeNotifyWait = Duration.ZERO;

    /** Whether handshakes draw from the JDK's strong SecureRandom (on Linux the operating system's /dev/random) instead of the default one. */
    private boolean useSystemRandom;

    public @Nullable TlsMode getMode() {
        return mode;
    }

    public void setMode(@Nullable TlsMode mode) {
        this.mode = mode;
    }

    public List<String> getVersions() {
        return versions;
    }

    public void setVersions(List<String> versions) {
        this.versions = versions;
    }

    public List<String> getCipherSuites() {
        return cipherSuites;
    }

    public void setCipherSuites(List<String> cipherSuites) {
        this.cipherSuites = cipherSuites;
    }

    public boolean isValidateCertificates() {
        return validateCertificates;
    }

    public void setValidateCertificates(boolean validateCertificates) {
        this.validateCertificates = validateCertificates;
    }

    public boolean isVerifyHostname() {
        return verifyHostname;
    }

    public void setVerifyHostname(boolean verifyHostname) {
        this.verifyHostname = verifyHostname;
    }

    public List<Resource> getTrustedCertificates() {
        return trustedCertificates;
    }

    public void setTrustedCertificates(List<Resource> trustedCertificates) {
        this.trustedCertificates = trustedCertificates;
    }

    public boolean isUseSystemCertificates() {
        return useSystemCertificates;
    }

    public void setUseSystemCertificates(boolean useSystemCertificates) {
        this.useSystemCertificates = useSystemCertificates;
    }

    public boolean isIgnoreSystemTrust() {
        return ignoreSystemTrust;
    }

    public void setIgnoreSystemTrust(boolean ignoreSystemTrust) {
        this.ignoreSystemTrust = ignoreSystemTrust;
    }

    public @Nullable String getSslBundle() {
        return sslBundle;
    }

    public void setSslBundle(@Nullable String sslBundle) {
        this.sslBundle = sslBundle;
    }

    public @Nullable String getSniHostName() {
        return sniHostName;
    }

    public void setSniHostName(@Nullable String sniHostName) {
        this.sniHostName = sniHostName;
    }

    public TlsEngine getEngine() {
        return engine;
    }

    public void setEngine(TlsEngine engine) {
        this.engine = engine;
    }

    public List<Resource> getKnownCertificates() {
        return knownCertificates;
    }

    public void setKnownCertificates(List<Resource> knownCertificates) {
        this.knownCertificates = knownCertificates;
    }

    public List<Resource> getBlockedCertificates() {
        return blockedCertificates;
    }

    public void setBlockedCertificates(List<Resource> blockedCertificates) {
        this.blockedCertificates = blockedCertificates;
    }

    public Set<ChainTolerance> getTolerances() {
        return tolerances;
    }

    public void setTolerances(Set<ChainTolerance> tolerances) {
        this.tolerances = tolerances;
    }

    public boolean isUseSessionResumption() {
        return useSessionResumption;
    }

    public void setUseSessionResumption(boolean useSessionResumption) {
        this.useSessionResumption = useSessionResumption;
    }

    public boolean isForceResumeIfDestinationChanges() {
        return forceResumeIfDestinationChanges;
    }

    public void setForceResumeIfDestinationChanges(boolean forceResumeIfDestinationChanges) {
        this.forceResumeIfDestinationChanges = forceResumeIfDestinationChanges;
    }

    public SmtpRevocationProperties getRevocation() {
        return revocation;
    }

    public SmtpPskProperties getPsk() {
        return psk;
    }

    public SmtpClientCertificateProperties getClientCertificate() {
        return clientCertificate;
    }

    public boolean isCheckKeyIntegrityBeforeUse() {
        return checkKeyIntegrityBeforeUse;
    }

    public void setCheckKeyIntegrityBeforeUse(boolean checkKeyIntegrityBeforeUse) {
        this.checkKeyIntegrityBeforeUse = checkKeyIntegrityBeforeUse;
    }

    public @Nullable TlsBaseConfiguration getBaseConfiguration() {
        return baseConfiguration;
    }

    public void setBaseConfiguration(@Nullable TlsBaseConfiguration baseConfiguration) {
        this.baseConfiguration = baseConfiguration;
    }

    public List<String> getNamedGroups() {
        return namedGroups;
    }

    public void setNamedGroups(List<String> namedGroups) {
        this.namedGroups = namedGroups;
    }

    public @Nullable Boolean getFiniteFieldDhe() {
        return finiteFieldDhe;
    }

    public void setFiniteFieldDhe(@Nullable Boolean finiteFieldDhe) {
        this.finiteFieldDhe = finiteFieldDhe;
    }

    public ExtendedMasterSecret getExtendedMasterSecret() {
        return extendedMasterSecret;
    }

    public void setExtendedMasterSecret(ExtendedMasterSecret extendedMasterSecret) {
        this.extendedMasterSecret = extendedMasterSecret;
    }

    public SecureRenegotiation getSecureRenegotiation() {
        return secureRenegotiation;
    }

    public void setSecureRenegotiation(SecureRenegotiation secureRenegotiation) {
        this.secureRenegotiation = secureRenegotiation;
    }

    public Duration getCloseNotifyWait() {
        return closeNotifyWait;
    }

    public void setCloseNotifyWait(Duration closeNotifyWait) {
        this.closeNotifyWait = closeNotifyWait;
    }

    public boolean isUseSystemRandom() {
        return useSystemRandom;
    }

    public void setUseSystemRandom(boolean useSystemRandom) {
        this.useSystemRandom = useSystemRandom;
    }
}
