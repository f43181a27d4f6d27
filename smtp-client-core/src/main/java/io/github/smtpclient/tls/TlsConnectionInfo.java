package io.github.smtpclient.tls;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

import io.github.smtpclient.tls.validation.CertificateInfo;
import io.github.smtpclient.tls.validation.ValidationResult;

/**
 * What was negotiated on an encrypted connection and how the server's certificate was judged (the reference's
 * ConnInfo* and ServerCert* values), for events, logs and health reports. Immutable.
 *
 * <p>Every value comes from the handshake as it happened, never from a guess. A value the engine cannot see is
 * empty: the JSSE engine has no API for the named group, the server's signature scheme or the exporter, so
 * {@link #namedGroup()}, {@link #keyExchangeKeyBits()}, {@link #signatureAlgorithm()}, {@link #connectionId()} and the
 * TLS 1.3 {@link #keyExchangeAlgorithm()} are empty there; the Bouncy Castle engine fills them all.
 */
public final class TlsConnectionInfo {

    private final TlsEngine engine;
    private final String protocol;
    private final String cipherSuite;
    private final List<X509Certificate> peerCertificates;
    private final List<CertificateInfo> certificates;
    private final ValidationResult validation;
    private final Optional<Boolean> resumedSession;
    private final Optional<Boolean> clientAuthRequested;
    private final boolean clientAuthenticated;
    private final Optional<SuiteFacts> suite;
    private final Optional<String> keyExchangeAlgorithm;
    private final Optional<String> namedGroup;
    private final OptionalInt keyExchangeKeyBits;
    private final Optional<String> signatureAlgorithm;
    private final Optional<String> digestAlgorithm;
    private final Optional<Boolean> forwardSecret;
    private final Optional<String> connectionId;
    private final Optional<Boolean> extendedMasterSecret;
    private final Optional<String> preSharedKeyIdentity;
    private final Optional<String> preSharedIdentityHint;

    private TlsConnectionInfo(Builder builder) {
        this.engine = Objects.requireNonNull(builder.engine, "engine");
        this.protocol = Objects.requireNonNull(builder.protocol, "protocol");
        this.cipherSuite = Objects.requireNonNull(builder.cipherSuite, "cipherSuite");
        this.peerCertificates = List.copyOf(builder.peerCertificates);
        this.certificates = this.peerCertificates.stream().map(CertificateInfo::of).toList();
        this.validation = Objects.requireNonNull(builder.validation, "validation");
        this.resumedSession = Optional.ofNullable(builder.resumedSession);
        this.clientAuthRequested = Optional.ofNullable(builder.clientAuthRequested);
        this.clientAuthenticated = builder.clientAuthenticated;
        this.suite = SuiteFacts.of(cipherSuite);
        this.namedGroup = Optional.ofNullable(builder.namedGroup);
        this.keyExchangeKeyBits = builder.keyExchangeKeyBits > 0 ? OptionalInt.of(builder.keyExchangeKeyBits)
                : OptionalInt.empty();
        this.keyExchangeAlgorithm = suite.map(SuiteFacts::keyExchange).or(() -> Optional.ofNullable(builder.tls13KeyExchange));
        this.signatureAlgorithm = Optional.ofNullable(builder.signatureAlgorithm);
        this.digestAlgorithm = suite.map(SuiteFacts::mac).or(() -> Optional.ofNullable(builder.prfHash));
        this.forwardSecret = suite.map(SuiteFacts::forwardSecret).or(() -> Optional.ofNullable(builder.tls13ForwardSecret));
        this.connectionId = Optional.ofNullable(builder.connectionId);
        this.extendedMasterSecret = Optional.ofNullable(builder.extendedMasterSecret);
        this.preSharedKeyIdentity = Optional.ofNullable(builder.preSharedKeyIdentity);
        this.preSharedIdentityHint = Optional.ofNullable(builder.preSharedIdentityHint);
    }

    static Builder builder(TlsEngine engine) {
        return new Builder(engine);
    }

    /** The engine that made the connection. */
    public TlsEngine engine() {
        return engine;
    }

    /** The TLS version, for example {@code TLSv1.3} (the reference's ConnInfoVersion). */
    public String protocol() {
        return protocol;
    }

    /** The cipher suite's standard name, for example {@code TLS_AES_256_GCM_SHA384} (ConnInfoCiphersuite). */
    public String cipherSuite() {
        return cipherSuite;
    }

    /** The chain the server presented, leaf first; empty if it presented none. */
    public List<X509Certificate> peerCertificates() {
        return peerCertificates;
    }

    /**
     * A readable view of each certificate the server presented, leaf first: fingerprints, key, key usage, key
     * identifiers, names and RDNs, serial, signature algorithm, validity (the reference's ServerCert* values).
     */
    public List<CertificateInfo> certificates() {
        return certificates;
    }

    /**
     * How the server's chain was judged: status, reasons, the path built and the log of every check (the
     * reference's ConnInfoChainValidationResult, ConnInfoChainValidationDetails and ConnInfoValidationLog).
     */
    public ValidationResult validation() {
        return validation;
    }

    /**
     * Whether the server was authenticated (ConnInfoServerAuthenticated): validation ran and passed, or the
     * connection used a {@linkplain #preSharedKeyIdentity() pre-shared key}, which the server proved it knows by
     * completing the handshake. False when validation is off, and when a listener accepted a chain that failed
     * validation.
     */
    public boolean isServerAuthenticated() {
        return validation.isValid() || preSharedKeyIdentity.isPresent();
    }

    /**
     * The identity of the pre-shared key the connection was made with ({@link TlsSettings#setPreSharedKey}); empty
     * for a certificate-authenticated connection. Bouncy Castle engine only, the one with PSK suites.
     */
    public Optional<String> preSharedKeyIdentity() {
        return preSharedKeyIdentity;
    }

    /**
     * The identity hint the server sent in a TLS 1.2 PSK key exchange (ConnInfoPreSharedIdentityHint; RFC 4279 5.1),
     * with control characters escaped. Empty when it sent none (stunnel and OpenSSL by default send none), and
     * always in TLS 1.3, which has no hint.
     */
    public Optional<String> preSharedIdentityHint() {
        return preSharedIdentityHint;
    }

    /**
     * Whether the handshake resumed an earlier session (ConnInfoResumedSession). Known on both engines: a resumed
     * handshake is one in which the server presented no certificate. Empty with an application's SSLContext,
     * whose trust manager the client cannot watch.
     */
    public Optional<Boolean> resumedSession() {
        return resumedSession;
    }

    /** Whether the server asked for a client certificate (ConnInfoClientAuthRequested); empty with an application's SSLContext. */
    public Optional<Boolean> clientAuthRequested() {
        return clientAuthRequested;
    }

    /** Whether the client presented a certificate and the handshake completed (ConnInfoClientAuthenticated). */
    public boolean clientAuthenticated() {
        return clientAuthenticated;
    }

    /** Whether the record cipher is an AEAD cipher such as AES-GCM or ChaCha20-Poly1305 (ConnInfoAEADCipher). */
    public Optional<Boolean> aeadCipher() {
        return suite.map(SuiteFacts::aead);
    }

    /** The record cipher, for example {@code AES_256_GCM} (ConnInfoEncryptionAlgorithm). */
    public Optional<String> encryptionAlgorithm() {
        return suite.map(SuiteFacts::encryption);
    }

    /** The record cipher's key size in bits (ConnInfoSymmetricKeyBits). */
    public OptionalInt symmetricKeyBits() {
        return suite.map(facts -> OptionalInt.of(facts.keyBits())).orElse(OptionalInt.empty());
    }

    /** The record cipher's block size in bits, 0 for stream ciphers such as ChaCha20 (ConnInfoSymmetricBlockSize). */
    public OptionalInt symmetricBlockSize() {
        return suite.map(facts -> OptionalInt.of(facts.blockBits())).orElse(OptionalInt.empty());
    }

    /**
     * The hash protecting the records (ConnInfoDigestAlgorithm): the HMAC's hash for CBC suites, the PRF or HKDF
     * hash for AEAD suites (Bouncy Castle engine only; JSSE does not report it).
     */
    public Optional<String> digestAlgorithm() {
        return digestAlgorithm;
    }

    /** Whether the record cipher is export grade, 56-bit keys or fewer (ConnInfoExportable); never true with TLS 1.2+ suites. */
    public Optional<Boolean> exportable() {
        return suite.map(SuiteFacts::exportable);
    }

    /**
     * The key exchange (ConnInfoKeyExchangeAlgorithm): for TLS 1.2 the suite's (for example {@code ECDHE_RSA}), for
     * TLS 1.3 {@code ECDHE}, {@code DHE} or {@code KEM} after the negotiated group (Bouncy Castle engine only).
     */
    public Optional<String> keyExchangeAlgorithm() {
        return keyExchangeAlgorithm;
    }

    /**
     * The size of the key exchange's key in bits (ConnInfoKeyExchangeKeyBits): the field size of the negotiated
     * curve (255 for x25519, 256 for secp256r1), the modulus of a finite-field group (2048 for ffdhe2048), or the
     * server key's size for an RSA key exchange. Bouncy Castle engine only; empty on JSSE and for groups of no
     * fixed size, such as the ML-KEM hybrids.
     */
    public OptionalInt keyExchangeKeyBits() {
        return keyExchangeKeyBits;
    }

    /** The negotiated (EC)DH group, for example {@code x25519} or {@code secp256r1} (ConnInfoNamedECCurve). */
    public Optional<String> namedGroup() {
        return namedGroup;
    }

    /** Whether the key exchange was ephemeral, so a stolen server key cannot decrypt this session later (ConnInfoPFSCipher). */
    public Optional<Boolean> pfsCipher() {
        return forwardSecret;
    }

    /** The size in bits of the server certificate's public key (ConnInfoPublicKeyBits). */
    public OptionalInt publicKeyBits() {
        return certificates.isEmpty() ? OptionalInt.empty() : certificates.get(0).keyBits();
    }

    /**
     * The signature scheme the server signed the handshake with, for example {@code rsa_pss_rsae_sha256} or
     * {@code ecdsa_secp256r1_sha256} (ConnInfoSignatureAlgorithm). Empty after a TLS 1.2 resumption, which signs
     * nothing.
     */
    public Optional<String> signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /**
     * An identifier unique to this connection (ConnInfoConnectionID): 16 bytes of keying material exported
     * (RFC 5705/8446) under the label {@code EXPERIMENTAL-smtp-client-connection-id}, as hex. The server can derive the
     * same value; it reveals nothing about the session keys. Bouncy Castle engine only.
     */
    public Optional<String> connectionId() {
        return connectionId;
    }

    /**
     * Whether the session's keys are bound to the whole handshake: in TLS 1.2 whether the RFC 7627 extended master
     * secret was negotiated, in TLS 1.3 always true. Bouncy Castle engine only; JSSE does not report it.
     */
    public Optional<Boolean> extendedMasterSecret() {
        return extendedMasterSecret;
    }

    @Override
    public String toString() {
        String subject = preSharedKeyIdentity.map(identity -> "none, pre-shared key " + identity).orElseGet(() ->
                peerCertificates.isEmpty() ? "none" : peerCertificates.get(0).getSubjectX500Principal().getName());
        return protocol + " " + cipherSuite + " via " + engine + " (server certificate: " + subject + ", "
                + validation.status() + (resumedSession.orElse(false) ? ", resumed" : "") + ")";
    }

    /** Collects the values as an engine learns them. */
    static final class Builder {

        private final TlsEngine engine;
        private String protocol;
        private String cipherSuite;
        private List<X509Certificate> peerCertificates = List.of();
        private ValidationResult validation;
        private Boolean resumedSession;
        private Boolean clientAuthRequested;
        private boolean clientAuthenticated;
        private String namedGroup;
        private int keyExchangeKeyBits;
        private String tls13KeyExchange;
        private Boolean tls13ForwardSecret;
        private String signatureAlgorithm;
        private String prfHash;
        private String connectionId;
        private Boolean extendedMasterSecret;
        private String preSharedKeyIdentity;
        private String preSharedIdentityHint;

        private Builder(TlsEngine engine) {
            this.engine = engine;
        }

        Builder negotiated(String protocol, String cipherSuite) {
            this.protocol = protocol;
            this.cipherSuite = cipherSuite;
            return this;
        }

        Builder peerCertificates(List<X509Certificate> peerCertificates) {
            this.peerCertificates = List.copyOf(peerCertificates);
            return this;
        }

        Builder validation(ValidationResult validation) {
            this.validation = validation;
            return this;
        }

        Builder resumedSession(Boolean resumedSession) {
            this.resumedSession = resumedSession;
            return this;
        }

        Builder clientAuth(Boolean requested, boolean authenticated) {
            this.clientAuthRequested = requested;
            this.clientAuthenticated = authenticated;
            return this;
        }

        /** The negotiated group and, for TLS 1.3, the key exchange it implies. */
        Builder group(String name, int bits, String tls13KeyExchange) {
            this.namedGroup = name;
            this.keyExchangeKeyBits = bits;
            this.tls13KeyExchange = tls13KeyExchange;
            return this;
        }

        /** The size of a static (RSA) key exchange's key, which no group describes. */
        Builder keyExchangeKeyBits(int bits) {
            this.keyExchangeKeyBits = bits;
            return this;
        }

        Builder tls13ForwardSecret(Boolean forwardSecret) {
            this.tls13ForwardSecret = forwardSecret;
            return this;
        }

        Builder signatureAlgorithm(String signatureAlgorithm) {
            this.signatureAlgorithm = signatureAlgorithm;
            return this;
        }

        Builder prfHash(String prfHash) {
            this.prfHash = prfHash;
            return this;
        }

        Builder connectionId(String connectionId) {
            this.connectionId = connectionId;
            return this;
        }

        Builder extendedMasterSecret(Boolean extendedMasterSecret) {
            this.extendedMasterSecret = extendedMasterSecret;
            return this;
        }

        /** The identity of the pre-shared key used, and the server's TLS 1.2 hint ({@code null}: none). */
        Builder preSharedKey(String identity, String hint) {
            this.preSharedKeyIdentity = identity;
            this.preSharedIdentityHint = hint;
            return this;
        }

        TlsConnectionInfo build() {
            return new TlsConnectionInfo(this);
        }
    }
}
