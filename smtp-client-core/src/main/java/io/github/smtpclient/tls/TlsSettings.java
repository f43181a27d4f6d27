package io.github.smtpclient.tls;

import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;

import io.github.smtpclient.tls.revocation.RevocationSettings;
import io.github.smtpclient.tls.validation.ChainTolerance;

/**
 * How a connection is encrypted and how the server's certificate is checked; reached as {@code client.tls()}.
 * Mutable and not thread-safe: configure it before connecting. A connection works on a {@link #copy()}, so later
 * changes affect only later connections.
 *
 * <p>The defaults are secure: STARTTLS required (implicit TLS on port 465), TLS 1.3 and 1.2 only, the engine's
 * default cipher suites (on {@link TlsEngine#BOUNCY_CASTLE} only forward-secret ones: ECDHE and DHE with AES-GCM,
 * ChaCha20-Poly1305 and AES-CBC), full certificate validation against the JDK's trust store, and the server
 * identity check of RFC 9525: the host name or IP address must be in the certificate's subjectAltName (a wildcard
 * only as the whole left-most label; the common name is never used). Revocation is not checked unless
 * {@link #revocation()} says so.
 */
public final class TlsSettings {

    /** The versions enabled by default: TLS 1.3 and 1.2. */
    public static final List<String> DEFAULT_VERSIONS = List.of("TLSv1.3", "TLSv1.2");

    /** The version names {@link #setVersions(List)} accepts. TLS 1.1 and 1.0 are also disabled by the JDK's own security policy. */
    public static final List<String> KNOWN_VERSIONS = List.of("TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1");

    private static final Pattern CIPHER_SUITE_NAME = Pattern.compile("[A-Za-z0-9_]+");

    private TlsMode mode;
    private TlsEngine engine = TlsEngine.BOUNCY_CASTLE;
    private boolean useSessionResumption = true;
    private boolean forceResumeIfDestinationChanges;
    private TlsSessionCache sessionCache = new TlsSessionCache();
    private List<String> versions = DEFAULT_VERSIONS;
    private List<String> cipherSuites = List.of();
    private boolean validateCertificates = true;
    private boolean verifyHostname = true;
    private List<X509Certificate> trustedCertificates = List.of();
    private List<X509Certificate> knownCertificates = List.of();
    private List<X509Certificate> blockedCertificates = List.of();
    private boolean useSystemCertificates = true;
    private boolean ignoreSystemTrust;
    private Set<ChainTolerance> tolerances = Set.of();
    private RevocationSettings revocation = new RevocationSettings();
    private SSLContext sslContext;
    private String sniHostName;

    /**
     * Settings with the defaults each getter describes: the mode follows the port, certificates and host names are
     * checked.
     */
    public TlsSettings() {
    }

    /** The configured mode, or {@code null} when it follows the port (see {@link #effectiveMode(int)}). */
    public TlsMode getMode() {
        return mode;
    }

    /** Sets the mode; {@code null} (the default) means {@link TlsMode#defaultFor(int)} of the port connected to. */
    public void setMode(TlsMode mode) {
        this.mode = mode;
    }

    /** The mode used for a connection to {@code port}: the configured mode, or the port's default. */
    public TlsMode effectiveMode(int port) {
        return mode != null ? mode : TlsMode.defaultFor(port);
    }

    /** The TLS implementation connections run on; {@link TlsEngine#BOUNCY_CASTLE} by default. */
    public TlsEngine getEngine() {
        return engine;
    }

    /**
     * Chooses the TLS implementation. Both validate certificates the same way; {@link TlsEngine#BOUNCY_CASTLE}
     * reports every negotiated detail, {@link TlsEngine#JSSE} resumes TLS 1.3 sessions. With
     * {@link #setSslContext an application SSLContext} the connection always runs on JSSE.
     */
    public void setEngine(TlsEngine engine) {
        this.engine = Objects.requireNonNull(engine, "tls().engine");
    }

    /** Whether sessions are resumed from {@link #getSessionCache()} (the reference's TLSUseSessionResumption). */
    public boolean isUseSessionResumption() {
        return useSessionResumption;
    }

    /**
     * Resumes earlier TLS sessions (true, the default) or makes a full handshake every time. A resumed TLS 1.2
     * handshake takes one round trip instead of two; a resumed TLS 1.3 one takes one round trip as a full one does,
     * but without the server's certificate and signature. The chain of a resumed session is validated again. Which
     * sessions each engine can resume: {@link TlsEngine}.
     */
    public void setUseSessionResumption(boolean useSessionResumption) {
        this.useSessionResumption = useSessionResumption;
    }

    /** Whether a session is offered to another address of the same host (the reference's TLSForceResumeIfDestinationChanges). */
    public boolean isForceResumeIfDestinationChanges() {
        return forceResumeIfDestinationChanges;
    }

    /**
     * With true, a session made with one address of a host name is offered when that name resolves to another address
     * (a cluster sharing its session keys). By default a session is offered only to the address it was made with.
     */
    public void setForceResumeIfDestinationChanges(boolean forceResumeIfDestinationChanges) {
        this.forceResumeIfDestinationChanges = forceResumeIfDestinationChanges;
    }

    /** Where sessions are kept for resumption; each settings object starts with one of its own. */
    public TlsSessionCache getSessionCache() {
        return sessionCache;
    }

    /** Shares a session cache, for example between the clients of a pool (an {@code SmtpMailSender} does this itself). */
    public void setSessionCache(TlsSessionCache sessionCache) {
        this.sessionCache = Objects.requireNonNull(sessionCache, "tls().sessionCache");
    }

    /** The enabled TLS versions, in preference order (the reference's TLSVersions). */
    public List<String> getVersions() {
        return versions;
    }

    /**
     * Sets the enabled TLS versions. Only names from {@link #KNOWN_VERSIONS} are accepted; versions below TLS 1.2
     * are never enabled unless named here, and the JDK disables them by default anyway.
     *
     * @throws IllegalArgumentException if the list is empty or names an unknown version
     */
    public void setVersions(List<String> versions) {
        requireList(versions, "tls().versions");
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("tls().versions must name at least one version; allowed values: "
                    + String.join(", ", KNOWN_VERSIONS));
        }
        for (String version : versions) {
            if (!KNOWN_VERSIONS.contains(version)) {
                throw new IllegalArgumentException("tls().versions: unknown TLS version '" + version
                        + "'; allowed values: " + String.join(", ", KNOWN_VERSIONS));
            }
        }
        this.versions = List.copyOf(new LinkedHashSet<>(versions));
    }

    /** The enabled cipher suites (the reference's TLSCiphersuites); empty means the engine's defaults. */
    public List<String> getCipherSuites() {
        return cipherSuites;
    }

    /**
     * Restricts the cipher suites, by their standard names (for example {@code TLS_AES_128_GCM_SHA256}); an empty
     * list restores the provider's defaults. Names the provider does not support are reported when connecting.
     *
     * @throws IllegalArgumentException if a name is blank or contains characters no suite name has
     */
    public void setCipherSuites(List<String> cipherSuites) {
        requireList(cipherSuites, "tls().cipherSuites");
        for (String suite : cipherSuites) {
            if (!CIPHER_SUITE_NAME.matcher(suite).matches()) {
                throw new IllegalArgumentException("tls().cipherSuites: '" + suite
                        + "' is not a cipher suite name (letters, digits and '_', e.g. TLS_AES_128_GCM_SHA256)");
            }
        }
        this.cipherSuites = List.copyOf(new LinkedHashSet<>(cipherSuites));
    }

    /** Whether the server's certificate chain and host name are checked (the reference's TLSAutoValidateCertificates). */
    public boolean isValidateCertificates() {
        return validateCertificates;
    }

    /**
     * Switches certificate validation on or off. <strong>Dangerous when off:</strong> any certificate is accepted
     * and the host name is not checked, so anyone on the network path can impersonate the server and read the
     * session, passwords included. Every connection then fires a
     * {@link io.github.smtpclient.event.NotificationEvent.Kind#CERTIFICATE_VALIDATION_DISABLED} notification. To
     * trust a private CA, keep validation on and use {@link #setTrustedCertificates(List)} instead.
     */
    public void setValidateCertificates(boolean validateCertificates) {
        this.validateCertificates = validateCertificates;
    }

    /** Whether the certificate must name the host connected to (when validation is on). */
    public boolean isVerifyHostname() {
        return verifyHostname;
    }

    /**
     * Switches the host name check on or off. With it off, any server holding a trusted certificate for any name
     * can impersonate this one. Prefer connecting by a name the certificate lists.
     */
    public void setVerifyHostname(boolean verifyHostname) {
        this.verifyHostname = verifyHostname;
    }

    /** Certificates trusted as anchors in addition to (or, see {@link #setUseSystemCertificates}, instead of) the JDK's. */
    public List<X509Certificate> getTrustedCertificates() {
        return trustedCertificates;
    }

    /**
     * Sets extra trust anchors (the reference's TrustedCert* list): typically a private CA, or the server's own
     * certificate to pin it (then also {@code setUseSystemCertificates(false)}, so nothing else is trusted).
     *
     * @throws IllegalArgumentException if the list or an element is null
     */
    public void setTrustedCertificates(List<X509Certificate> trustedCertificates) {
        requireList(trustedCertificates, "tls().trustedCertificates");
        this.trustedCertificates = List.copyOf(trustedCertificates);
    }

    /** Intermediate certificates that may complete a server's chain; they are not trusted themselves. */
    public List<X509Certificate> getKnownCertificates() {
        return knownCertificates;
    }

    /**
     * Supplies intermediate CA certificates for servers that send an incomplete chain (the reference's KnownCert*
     * list). They are used to build the path to a trusted anchor, never as anchors.
     *
     * @throws IllegalArgumentException if the list or an element is null
     */
    public void setKnownCertificates(List<X509Certificate> knownCertificates) {
        requireList(knownCertificates, "tls().knownCertificates");
        this.knownCertificates = List.copyOf(knownCertificates);
    }

    /** Certificates refused wherever they appear in a server's chain. */
    public List<X509Certificate> getBlockedCertificates() {
        return blockedCertificates;
    }

    /**
     * Refuses these certificates even in a chain that is otherwise valid (the reference's BlockedCert* list), for
     * example a compromised intermediate or a server certificate that must no longer be used. Certificates are
     * matched by their SHA-256 fingerprint, in the chain the server sends and in the path built from it.
     *
     * @throws IllegalArgumentException if the list or an element is null
     */
    public void setBlockedCertificates(List<X509Certificate> blockedCertificates) {
        requireList(blockedCertificates, "tls().blockedCertificates");
        this.blockedCertificates = List.copyOf(blockedCertificates);
    }

    /** Whether the JDK's default trust store is consulted at all (the reference's UseSystemCertificates). */
    public boolean isUseSystemCertificates() {
        return useSystemCertificates;
    }

    /**
     * Consults (true, the default) or ignores the JDK's default trust store (the reference's
     * UseSystemCertificates). When false, only {@link #getTrustedCertificates()} are trusted and only the
     * server's chain and {@link #getKnownCertificates()} complete paths.
     */
    public void setUseSystemCertificates(boolean useSystemCertificates) {
        this.useSystemCertificates = useSystemCertificates;
    }

    /** Whether the system store's certificates are used only to complete paths, not as trust anchors. */
    public boolean isIgnoreSystemTrust() {
        return ignoreSystemTrust;
    }

    /**
     * With true, the certificates of the JDK's trust store still complete paths but no longer count as trust
     * anchors (the reference's IgnoreSystemTrust), so only {@link #getTrustedCertificates()} are trusted. Has no
     * effect while {@link #isUseSystemCertificates()} is false.
     */
    public void setIgnoreSystemTrust(boolean ignoreSystemTrust) {
        this.ignoreSystemTrust = ignoreSystemTrust;
    }

    /** The minor chain issues validation tolerates; empty by default. */
    public Set<ChainTolerance> getTolerances() {
        return tolerances;
    }

    /**
     * Tolerates the named minor chain issues (the reference's TolerateMinorChainIssues, as named choices). Each one
     * that a chain needs is recorded in the validation log as a warning.
     *
     * @throws IllegalArgumentException if the set or an element is null
     */
    public void setTolerances(Set<ChainTolerance> tolerances) {
        if (tolerances == null || tolerances.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("tls().tolerances must be a set without null elements (use Set.of() for none)");
        }
        this.tolerances = tolerances.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(tolerances));
    }

    /** How revocation of the server's certificates is checked: OCSP, stapling, CRLs; off by default. */
    public RevocationSettings revocation() {
        return revocation;
    }

    /** The application's own SSLContext, or {@code null} when one is built from these settings. */
    public SSLContext getSslContext() {
        return sslContext;
    }

    /**
     * Uses an application-supplied SSLContext (for example from a Spring Boot SSL bundle): its trust managers
     * decide which chains are trusted, and the trusted, known and system certificates, the tolerances and revocation settings are not
     * used. The host name check (RFC 9525), blocked certificates, versions, cipher suites and the certificateValidate event still apply; the
     * event's listener can reject a chain the context accepted but cannot accept one it rejected, because the
     * handshake has already failed. {@code null} restores the built-in context.
     */
    public void setSslContext(SSLContext sslContext) {
        this.sslContext = sslContext;
    }

    /** The server name sent in the TLS SNI extension, or {@code null} when it is the host connected to. */
    public String getSniHostName() {
        return sniHostName;
    }

    /**
     * Overrides the server name sent in the TLS SNI extension (by default the host connected to, unless it is an
     * IP address). Host name verification then accepts a certificate for this name or for the host connected to,
     * which suits connecting by IP address to a server known by name.
     *
     * @throws IllegalArgumentException if the value is not a valid DNS host name
     */
    public void setSniHostName(String sniHostName) {
        if (sniHostName != null) {
            try {
                new SNIHostName(sniHostName);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("tls().sniHostName: '" + sniHostName
                        + "' is not a valid DNS host name (" + e.getMessage() + ")", e);
            }
        }
        this.sniHostName = sniHostName;
    }

    /** An independent copy; the certificate lists are immutable and shared, and so is the session cache. */
    public TlsSettings copy() {
        TlsSettings copy = new TlsSettings();
        copy.mode = mode;
        copy.engine = engine;
        copy.useSessionResumption = useSessionResumption;
        copy.forceResumeIfDestinationChanges = forceResumeIfDestinationChanges;
        copy.sessionCache = sessionCache;
        copy.versions = versions;
        copy.cipherSuites = cipherSuites;
        copy.validateCertificates = validateCertificates;
        copy.verifyHostname = verifyHostname;
        copy.trustedCertificates = trustedCertificates;
        copy.knownCertificates = knownCertificates;
        copy.blockedCertificates = blockedCertificates;
        copy.useSystemCertificates = useSystemCertificates;
        copy.ignoreSystemTrust = ignoreSystemTrust;
        copy.tolerances = tolerances;
        copy.revocation = revocation.copy();
        copy.sslContext = sslContext;
        copy.sniHostName = sniHostName;
        return copy;
    }

    private static void requireList(List<?> list, String setting) {
        if (list == null || list.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException(setting + " must be a list without null elements (use List.of() for none)");
        }
    }

    @Override
    public String toString() {
        return "TlsSettings[mode=" + (mode == null ? "by port" : mode) + ", engine=" + engine
                + ", useSessionResumption=" + useSessionResumption + ", forceResumeIfDestinationChanges="
                + forceResumeIfDestinationChanges + ", versions=" + versions
                + ", cipherSuites=" + (cipherSuites.isEmpty() ? "provider defaults" : cipherSuites)
                + ", validateCertificates=" + validateCertificates + ", verifyHostname=" + verifyHostname
                + ", trustedCertificates=" + trustedCertificates.size() + ", knownCertificates=" + knownCertificates.size()
                + ", blockedCertificates=" + blockedCertificates.size() + ", useSystemCertificates=" + useSystemCertificates
                + ", ignoreSystemTrust=" + ignoreSystemTrust + ", tolerances=" + tolerances + ", revocation=" + revocation
                + ", sslContext=" + (sslContext == null ? "built-in" : sslContext.getProtocol() + "/" + sslContext.getProvider().getName())
                + ", sniHostName=" + (sniHostName == null ? "host" : sniHostName) + "]";
    }
}
