package io.github.smtpclient.tls;

import java.util.List;

/**
 * Named presets of versions, cipher suites and key-exchange groups ({@code tls().applyBaseConfiguration}, the
 * reference's TLSBaseConfiguration). A preset sets {@link TlsSettings#setVersions}, {@link TlsSettings#setCipherSuites},
 * {@link TlsSettings#setNamedGroups} and {@link TlsSettings#setFiniteFieldDhe} at once; each can be changed afterwards.
 * {@link #SECURE} and {@link #HIGHLY_SECURE} choose groups, which {@link TlsEngine#JSSE} can apply per connection only
 * on Java 20 or later: on older Java, clear them ({@code setNamedGroups(List.of())}, {@code setFiniteFieldDhe(true)})
 * after applying the preset, or the connection is refused.
 */
public enum TlsBaseConfiguration {

    /**
     * The defaults: TLS 1.3 and 1.2, the engine's cipher suites (on Bouncy Castle only forward-secret ones) and
     * groups, finite-field DHE allowed. Works with every server a TLS 1.2 client can reach.
     */
    COMPATIBLE,

    /**
     * TLS 1.3 and 1.2 with AEAD suites and elliptic-curve key exchange only: the TLS 1.3 suites, and ECDHE with
     * AES-GCM or ChaCha20-Poly1305 for TLS 1.2 (no CBC, no static RSA, no DHE); groups x25519, secp256r1, secp384r1.
     */
    SECURE,

    /**
     * TLS 1.3 only, with 256-bit ciphers (TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256) and groups of at
     * least 384 bits or x25519 (secp384r1, x25519, secp521r1).
     */
    HIGHLY_SECURE;

    /** The TLS versions the preset enables. */
    public List<String> versions() {
        return this == HIGHLY_SECURE ? List.of("TLSv1.3") : List.of("TLSv1.3", "TLSv1.2");
    }

    /** The cipher suites the preset enables; empty means the engine's defaults. */
    public List<String> cipherSuites() {
        return switch (this) {
            case COMPATIBLE -> List.of();
            case SECURE -> List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
                    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
            case HIGHLY_SECURE -> List.of("TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");
        };
    }

    /** The groups the preset offers; empty means the engine's defaults. */
    public List<String> namedGroups() {
        return switch (this) {
            case COMPATIBLE -> List.of();
            case SECURE -> List.of("x25519", "secp256r1", "secp384r1");
            case HIGHLY_SECURE -> List.of("secp384r1", "x25519", "secp521r1");
        };
    }

    /** Whether the preset allows finite-field DHE. */
    public boolean finiteFieldDhe() {
        return this == COMPATIBLE;
    }
}
