package io.github.smtpclient.tls;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
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

    /**
     * The named groups {@link #setNamedGroups(List)} accepts (RFC 8446 4.2.7, RFC 7919): the elliptic curves and the
     * finite-field groups both engines know.
     */
    public static final List<String> KNOWN_NAMED_GROUPS = List.of("x25519", "x448", "secp256r1", "secp384r1",
            "secp521r1", "ffdhe2048", "ffdhe3072", "ffdhe4096", "ffdhe6144", "ffdhe8192");

    /** The wait for the server's close_notify that {@code config("TLSSSLOptions=cssloExpectShutdownMessage")} sets. */
    public static final Duration EXPECT_SHUTDOWN_WAIT = Duration.ofSeconds(5);

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
    private ClientCertificate clientCertificate;
    private boolean checkKeyIntegrityBeforeUse = true;
    private List<String> namedGroups = List.of();
    private boolean finiteFieldDhe = true;
    private ExtendedMasterSecret extendedMasterSecret = ExtendedMasterSecret.PREFERRED;
    private SecureRenegotiation secureRenegotiation = SecureRenegotiation.REQUIRED;
    private Duration closeNotifyWait = Duration.ZERO;
    private SecureRandom secureRandom;
    private TlsBaseConfiguration baseConfiguration;
    private PreSharedKey preSharedKey;
    private String preSharedKeyCipherSuite;

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
     * Connections with a {@link #setPreSharedKey pre-shared key} offer {@link #setPreSharedKeyCipherSuite} instead.
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

    /** The client's certificate and key, presented when a server asks for one; {@code null} (the default) for none. */
    public ClientCertificate getClientCertificate() {
        return clientCertificate;
    }

    /**
     * Presents this certificate chain and key when a server asks for a client certificate (the reference's
     * ClientCert* list), on both engines. One per client: a client, and so an {@code SmtpMailSender}'s pool, talks to
     * one server. {@code null} presents none. Cannot be combined with {@link #setSslContext an application
     * SSLContext}, whose key managers choose the certificate themselves.
     */
    public void setClientCertificate(ClientCertificate clientCertificate) {
        this.clientCertificate = clientCertificate;
    }

    /** Whether the client key is checked against its certificate before a handshake uses it; true by default. */
    public boolean isCheckKeyIntegrityBeforeUse() {
        return checkKeyIntegrityBeforeUse;
    }

    /**
     * Checks (true, the default) that the {@link #getClientCertificate() client key} belongs to its certificate
     * before the first handshake that uses it (the reference's CheckKeyIntegrityBeforeUse): a probe signed with the
     * key must verify with the certificate's public key. A mismatch fails the connection with INVALID_ARGUMENT before
     * anything is sent, instead of a handshake the server refuses for reasons it does not tell. The probe runs once per
     * {@link ClientCertificate}.
     */
    public void setCheckKeyIntegrityBeforeUse(boolean checkKeyIntegrityBeforeUse) {
        this.checkKeyIntegrityBeforeUse = checkKeyIntegrityBeforeUse;
    }

    /** The named groups offered for the key exchange, in preference order; empty means the engine's defaults. */
    public List<String> getNamedGroups() {
        return namedGroups;
    }

    /**
     * Restricts the (EC)DHE groups the client offers, by their RFC 8446 names from {@link #KNOWN_NAMED_GROUPS}, in
     * preference order (the reference's TLSECCurves; it includes the RFC 7919 finite-field groups). The first is the
     * one a TLS 1.3 key share is sent for. Empty (the default) restores the engine's list. On {@link TlsEngine#JSSE}
     * groups can be set per connection only on Java 20 or later ({@code SSLParameters.setNamedGroups}); on older
     * Java a connection with groups configured fails with INVALID_ARGUMENT rather than ignore them.
     *
     * @throws IllegalArgumentException if the list holds null or an unknown name
     */
    public void setNamedGroups(List<String> namedGroups) {
        requireList(namedGroups, "tls().namedGroups");
        for (String group : namedGroups) {
            if (!KNOWN_NAMED_GROUPS.contains(group)) {
                throw new IllegalArgumentException("tls().namedGroups: unknown group '" + group + "'; allowed values: "
                        + String.join(", ", KNOWN_NAMED_GROUPS));
            }
        }
        this.namedGroups = List.copyOf(new LinkedHashSet<>(namedGroups));
    }

    /** Whether finite-field Diffie-Hellman (DHE suites and ffdhe groups) may be negotiated; true by default. */
    public boolean isFiniteFieldDhe() {
        return finiteFieldDhe;
    }

    /**
     * Allows (true, the default) or forbids finite-field Diffie-Hellman key exchange (the reference's
     * EnableClientSideSSLFFDHE): with false, no {@code ffdhe*} group is offered and no {@code TLS_DHE_*} cipher suite,
     * so only elliptic-curve key exchange remains. Applies on both engines; on {@link TlsEngine#JSSE} the groups part
     * needs Java 20 or later, as {@link #setNamedGroups} does.
     */
    public void setFiniteFieldDhe(boolean finiteFieldDhe) {
        this.finiteFieldDhe = finiteFieldDhe;
    }

    /** How the RFC 7627 extended master secret is used in TLS 1.2; {@link ExtendedMasterSecret#PREFERRED} by default. */
    public ExtendedMasterSecret getExtendedMasterSecret() {
        return extendedMasterSecret;
    }

    /**
     * Requires, prefers or switches off the extended master secret of RFC 7627 in TLS 1.2 (the reference's
     * TLSUseExtendedMasterSecret); TLS 1.3 always binds its keys to the whole handshake. Only
     * {@link ExtendedMasterSecret#PREFERRED} is possible on {@link TlsEngine#JSSE}, where the JDK decides this for
     * the whole JVM ({@code jdk.tls.useExtendedMasterSecret}); the others fail a JSSE connection with
     * INVALID_ARGUMENT.
     */
    public void setExtendedMasterSecret(ExtendedMasterSecret extendedMasterSecret) {
        this.extendedMasterSecret = Objects.requireNonNull(extendedMasterSecret, "tls().extendedMasterSecret");
    }

    /** Whether a TLS 1.2 server must support RFC 5746 secure renegotiation; {@link SecureRenegotiation#REQUIRED} by default. */
    public SecureRenegotiation getSecureRenegotiation() {
        return secureRenegotiation;
    }

    /**
     * Requires (the default) or only prefers the secure renegotiation of RFC 5746 from a TLS 1.2 server (the
     * reference's TLSRenegotiationAttackPreventionMode: strict or compatible); why it matters is on
     * {@link SecureRenegotiation}. A server without it fails the handshake with TLS_HANDSHAKE_FAILED naming this
     * setting. The client never renegotiates, on either engine. On {@link TlsEngine#JSSE} the JDK refuses such a
     * server only when the JVM runs with {@code -Dsun.security.ssl.allowLegacyHelloMessages=false}, so the client
     * reads the server's TLS 1.2 ServerHello itself and refuses it after the handshake, before any SMTP is sent.
     */
    public void setSecureRenegotiation(SecureRenegotiation secureRenegotiation) {
        this.secureRenegotiation = Objects.requireNonNull(secureRenegotiation, "tls().secureRenegotiation");
    }

    /** How long closing waits for the server's close_notify after sending the client's; zero (the default): not at all. */
    public Duration getCloseNotifyWait() {
        return closeNotifyWait;
    }

    /**
     * Waits this long at most, after sending close_notify, for the server's close_notify before the socket is closed
     * (the reference's TLSSSLOptions flag cssloExpectShutdownMessage; {@link #EXPECT_SHUTDOWN_WAIT} when set through
     * {@code config}); whether it came is {@link TlsLayer#closeNotifyReceived()}, and a debug line says so when it
     * did not. The wait is bounded as a whole and, like the rest of the close, by the socket timeout. Zero, the
     * default, closes at once: the SMTP session has already ended with QUIT and the server's 221, so nothing can be
     * truncated, and RFC 8446 6.1 lets a party close without waiting; waiting costs a round trip on every close, and
     * the whole wait against servers that drop the connection without a close_notify.
     *
     * @throws IllegalArgumentException if the wait is null or negative
     */
    public void setCloseNotifyWait(Duration closeNotifyWait) {
        if (closeNotifyWait == null || closeNotifyWait.isNegative()) {
            throw new IllegalArgumentException("tls().closeNotifyWait must be zero (do not wait) or positive, was "
                    + closeNotifyWait);
        }
        this.closeNotifyWait = closeNotifyWait;
    }

    /** The source of randomness for handshakes, or {@code null} for the engine's default {@code new SecureRandom()}. */
    public SecureRandom getSecureRandom() {
        return secureRandom;
    }

    /**
     * Sets the {@link SecureRandom} handshakes draw their randomness from (the reference's UseSystemRandom: for the
     * operating system's blocking source pass {@code SecureRandom.getInstanceStrong()}). {@code null} (the default)
     * uses one {@code new SecureRandom()} shared by all connections. On {@link TlsEngine#JSSE} it is given to the
     * SSLContext of a destination when that context is made, so the connections sharing a
     * {@link #getSessionCache() session cache} to one server use the random of the first of them.
     */
    public void setSecureRandom(SecureRandom secureRandom) {
        this.secureRandom = secureRandom;
    }

    /** The pre-shared key connections authenticate with, or {@code null} (the default) for certificates. */
    public PreSharedKey getPreSharedKey() {
        return preSharedKey;
    }

    /**
     * Connects with a TLS pre-shared key instead of a server certificate (the reference's TLSPreSharedIdentity and
     * TLSPreSharedKey); {@code null} (the default) goes back to certificates. Only {@link TlsEngine#BOUNCY_CASTLE}
     * has PSK suites: with {@link TlsEngine#JSSE}, an application SSLContext or a client certificate, a connection
     * fails with INVALID_ARGUMENT. One ClientHello offers what {@link #getVersions()} allows: a TLS 1.3 external
     * PSK (psk_dhe_ke, so with an (EC)DHE key share) and the TLS 1.2 suites ECDHE_PSK and DHE_PSK; the server
     * picks the version. The server is authenticated by knowing the key: no certificate is exchanged, so the
     * certificate settings ({@link #setValidateCertificates}, trusted certificates, the host name check,
     * revocation) do not apply, and a TLS 1.3 server that does not accept the key fails the handshake rather than
     * continue with a certificate. The suites come from {@link #setPreSharedKeyCipherSuite}, not from
     * {@link #setCipherSuites}.
     */
    public void setPreSharedKey(PreSharedKey preSharedKey) {
        this.preSharedKey = preSharedKey;
    }

    /** The one cipher suite pre-shared-key connections offer, or {@code null} (the default) for the automatic set. */
    public String getPreSharedKeyCipherSuite() {
        return preSharedKeyCipherSuite;
    }

    /**
     * Offers only this suite on pre-shared-key connections (the reference's TLSPreSharedKeyCiphersuite), by its
     * standard name: a TLS 1.2 PSK suite such as {@code TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256},
     * {@code TLS_DHE_PSK_WITH_AES_128_GCM_SHA256} or {@code TLS_PSK_WITH_AES_128_GCM_SHA256} (then only TLS 1.2 is
     * offered), or a TLS 1.3 suite such as {@code TLS_AES_128_GCM_SHA256} (then only TLS 1.3, with the PSK bound to
     * the suite's hash). {@code null} or {@code "AUTO"} offers the automatic set: TLS 1.3 with
     * TLS_AES_128_GCM_SHA256 and TLS_CHACHA20_POLY1305_SHA256 (the SHA-256 suites an external PSK is used with by
     * OpenSSL), and the forward-secret TLS 1.2 suites ECDHE_PSK and DHE_PSK with ChaCha20-Poly1305, AES-GCM and
     * AES-CBC-SHA256 (DHE_PSK only while {@link #isFiniteFieldDhe()}). Plain PSK suites, which have no forward
     * secrecy, are offered only when named here.
     *
     * @throws IllegalArgumentException if the name is neither AUTO nor a PSK or TLS 1.3 suite Bouncy Castle knows
     */
    public void setPreSharedKeyCipherSuite(String suite) {
        this.preSharedKeyCipherSuite = suite == null || suite.equalsIgnoreCase("AUTO") ? null
                : PskSuites.requireKnown(suite);
    }

    /** The preset last applied with {@link #applyBaseConfiguration}, or {@code null} if none was. */
    public TlsBaseConfiguration getBaseConfiguration() {
        return baseConfiguration;
    }

    /**
     * Sets the versions, cipher suites, named groups and finite-field DHE of a named preset (the reference's
     * TLSBaseConfiguration); what each preset sets is listed on {@link TlsBaseConfiguration}. Settings changed
     * afterwards override the preset's values.
     */
    public void applyBaseConfiguration(TlsBaseConfiguration preset) {
        Objects.requireNonNull(preset, "tls().baseConfiguration");
        setVersions(preset.versions());
        setCipherSuites(preset.cipherSuites());
        setNamedGroups(preset.namedGroups());
        setFiniteFieldDhe(preset.finiteFieldDhe());
        this.baseConfiguration = preset;
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
        copy.clientCertificate = clientCertificate;
        copy.checkKeyIntegrityBeforeUse = checkKeyIntegrityBeforeUse;
        copy.namedGroups = namedGroups;
        copy.finiteFieldDhe = finiteFieldDhe;
        copy.extendedMasterSecret = extendedMasterSecret;
        copy.secureRenegotiation = secureRenegotiation;
        copy.closeNotifyWait = closeNotifyWait;
        copy.secureRandom = secureRandom;
        copy.baseConfiguration = baseConfiguration;
        copy.preSharedKey = preSharedKey;
        copy.preSharedKeyCipherSuite = preSharedKeyCipherSuite;
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
                + ", sniHostName=" + (sniHostName == null ? "host" : sniHostName)
                + ", clientCertificate=" + (clientCertificate == null ? "none" : clientCertificate)
                + ", checkKeyIntegrityBeforeUse=" + checkKeyIntegrityBeforeUse
                + ", namedGroups=" + (namedGroups.isEmpty() ? "engine defaults" : namedGroups)
                + ", finiteFieldDhe=" + finiteFieldDhe + ", extendedMasterSecret=" + extendedMasterSecret
                + ", secureRenegotiation=" + secureRenegotiation
                + ", closeNotifyWait=" + (closeNotifyWait.isZero() ? "none" : closeNotifyWait.toMillis() + " ms")
                + ", secureRandom=" + (secureRandom == null ? "default" : secureRandom.getAlgorithm())
                + ", baseConfiguration=" + (baseConfiguration == null ? "none" : baseConfiguration)
                + ", preSharedKey=" + (preSharedKey == null ? "none" : preSharedKey)
                + ", preSharedKeyCipherSuite=" + (preSharedKeyCipherSuite == null ? "AUTO" : preSharedKeyCipherSuite)
                + "]";
    }
}
