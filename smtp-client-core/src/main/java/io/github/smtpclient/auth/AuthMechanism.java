package io.github.smtpclient.auth;

import java.util.Locale;
import java.util.Optional;

/**
 * The SASL mechanisms smtp-client can authenticate with, declared strongest first: challenge-response mechanisms
 * that never reveal the password, then the OAuth 2 mechanisms, then the mechanisms that send the password itself.
 * {@link MechanismSelector} derives its default order from this one.
 */
public enum AuthMechanism {
    /**
     * SCRAM-SHA-256-PLUS (RFC 7677, RFC 5802 channel binding): SCRAM-SHA-256 bound to the TLS channel, so that a
     * man in the middle who terminates TLS cannot relay the exchange; needs TLS ({@code tls-exporter} of RFC 9266 on
     * TLS 1.3 with the Bouncy Castle engine, else {@code tls-server-end-point} of RFC 5929).
     */
    SCRAM_SHA_256_PLUS("SCRAM-SHA-256-PLUS", false, false),
    /** SCRAM-SHA-1-PLUS (RFC 5802): SCRAM-SHA-1 bound to the TLS channel, as SCRAM-SHA-256-PLUS. */
    SCRAM_SHA_1_PLUS("SCRAM-SHA-1-PLUS", false, false),
    /**
     * EXTERNAL (RFC 4422): authentication by the client certificate presented in the TLS handshake
     * ({@code tls().setClientCertificate}); nothing secret crosses in SMTP. Tried only when listed in
     * {@link AuthSettings#setMechanisms} and a certificate was presented; the user name, if set, is sent as the
     * authorization identity.
     */
    EXTERNAL("EXTERNAL", false, false),
    /** SCRAM-SHA-256 (RFC 7677): salted challenge-response with mutual authentication. */
    SCRAM_SHA_256("SCRAM-SHA-256", false, false),
    /** SCRAM-SHA-1 (RFC 5802): as SCRAM-SHA-256 with SHA-1. */
    SCRAM_SHA_1("SCRAM-SHA-1", false, false),
    /** CRAM-MD5 (RFC 2195): HMAC-MD5 challenge-response; the password itself is not sent. */
    CRAM_MD5("CRAM-MD5", false, false),
    /** OAUTHBEARER (RFC 7628): an OAuth 2 bearer token; anyone who reads it can replay it. */
    OAUTHBEARER("OAUTHBEARER", true, true),
    /** XOAUTH2 (Google/Microsoft): an OAuth 2 bearer token; anyone who reads it can replay it. */
    XOAUTH2("XOAUTH2", true, true),
    /** PLAIN (RFC 4616): username and password, base64-encoded but not encrypted. */
    PLAIN("PLAIN", false, true),
    /** LOGIN (obsolete draft): username and password in two steps, base64-encoded but not encrypted. */
    LOGIN("LOGIN", false, true);

    private final String saslName;
    private final boolean usesToken;
    private final boolean sendsSecretInClear;

    AuthMechanism(String saslName, boolean usesToken, boolean sendsSecretInClear) {
        this.saslName = saslName;
        this.usesToken = usesToken;
        this.sendsSecretInClear = sendsSecretInClear;
    }

    /**
     * The registered SASL name, as used in {@code AUTH <name>} and in the EHLO {@code AUTH} keyword.
     *
     * @return the upper-case SASL name, for example {@code "SCRAM-SHA-256"}
     */
    public String saslName() {
        return saslName;
    }

    /**
     * Looks a mechanism up by its SASL name, ignoring case.
     *
     * @param name a SASL mechanism name such as one advertised by a server; may be {@code null}
     * @return the mechanism, or empty when the name is {@code null} or not one smtp-client implements
     */
    public static Optional<AuthMechanism> fromSaslName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toUpperCase(Locale.ROOT);
        for (AuthMechanism mechanism : values()) {
            if (mechanism.saslName.equals(wanted)) {
                return Optional.of(mechanism);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the mechanism binds the exchange to the TLS channel (a SCRAM {@code -PLUS} mechanism), and so can run
     * only over TLS that gives a channel binding.
     *
     * @return {@code true} for SCRAM-SHA-256-PLUS and SCRAM-SHA-1-PLUS
     */
    public boolean usesChannelBinding() {
        return this == SCRAM_SHA_256_PLUS || this == SCRAM_SHA_1_PLUS;
    }

    /**
     * The same mechanism without channel binding: SCRAM-SHA-256 for SCRAM-SHA-256-PLUS, SCRAM-SHA-1 for
     * SCRAM-SHA-1-PLUS, and the mechanism itself for any other.
     *
     * @return the unbound variant
     */
    public AuthMechanism withoutChannelBinding() {
        return switch (this) {
            case SCRAM_SHA_256_PLUS -> SCRAM_SHA_256;
            case SCRAM_SHA_1_PLUS -> SCRAM_SHA_1;
            default -> this;
        };
    }

    /**
     * Whether the secret is an OAuth 2 access token rather than a password.
     *
     * @return {@code true} for OAUTHBEARER and XOAUTH2
     */
    public boolean usesToken() {
        return usesToken;
    }

    /**
     * Whether an eavesdropper on an unencrypted connection learns a reusable secret (password or token).
     * CRAM-MD5 and SCRAM do not reveal it, although they still reveal the username and allow an offline
     * guessing attack on a weak password.
     *
     * @return {@code true} for PLAIN, LOGIN, XOAUTH2 and OAUTHBEARER
     */
    public boolean sendsSecretInClear() {
        return sendsSecretInClear;
    }

    /**
     * The SASL name, so that lists of mechanisms in messages and logs read as the server would write them.
     *
     * @return the same as {@link #saslName()}
     */
    @Override
    public String toString() {
        return saslName;
    }
}
