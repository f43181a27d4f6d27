package io.github.smtpclient.auth;

import io.github.smtpclient.ChannelBinding;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import java.util.Objects;

/** Creates the {@link SaslMechanism} for one authentication attempt, checking the credentials first. */
public final class SaslMechanisms {

    private SaslMechanisms() {
    }

    /**
     * Creates a fresh exchange for one attempt over a connection without channel binding.
     *
     * @param mechanism the mechanism to run; not a {@code -PLUS} one
     * @param username  the user name
     * @param secret    the password or OAuth 2 access token
     * @param host      the server's host name, sent by OAUTHBEARER; {@code null} or blank to leave it out
     * @param port      the server's port, sent by OAUTHBEARER; 0 to leave it out
     * @return a new, unstarted exchange
     * @throws SmtpException as {@link #create(AuthMechanism, String, String, String, int, ChannelBinding)}
     */
    public static SaslMechanism create(AuthMechanism mechanism, String username, String secret, String host, int port)
            throws SmtpException {
        return create(mechanism, username, secret, host, port, null);
    }

    /**
     * Creates a fresh exchange for one attempt.
     *
     * @param mechanism the mechanism to run
     * @param username  the user name; required by every mechanism but EXTERNAL, which sends it, when set, as the
     *                  authorization identity
     * @param secret    the password, or the OAuth 2 access token for mechanisms that {@link AuthMechanism#usesToken()}
     *                  (see {@link AuthSettings#secretFor(AuthMechanism)})
     * @param host      the server's host name, sent by OAUTHBEARER; {@code null} or blank to leave it out
     * @param port      the server's port, sent by OAUTHBEARER; 0 to leave it out
     * @param channelBinding the connection's TLS channel binding, or {@code null} when it has none; the
     *                  {@code -PLUS} mechanisms sign it, and SCRAM without binding tells the server it could bind
     * @return a new, unstarted exchange
     * @throws SmtpException {@code AUTH_NOT_SUPPORTED} for a {@code -PLUS} mechanism without a channel binding;
     *         {@code INVALID_ARGUMENT} when the username or secret is missing or cannot be carried by
     *         this mechanism (a NUL in a PLAIN credential, a token with spaces or control characters, a SCRAM
     *         credential that SASLprep rejects); the message names the setting to fix
     * @throws IllegalArgumentException when {@code port} is outside 0..65535 or {@code host} contains control characters
     */
    public static SaslMechanism create(AuthMechanism mechanism, String username, String secret, String host, int port,
            ChannelBinding channelBinding) throws SmtpException {
        Objects.requireNonNull(mechanism, "mechanism");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (host != null && host.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("host contains a control character");
        }
        if (mechanism != AuthMechanism.EXTERNAL) {
            checkUsername(mechanism, username);
            checkSecret(mechanism, secret);
        } else if (username != null && username.chars().anyMatch(Character::isISOControl)) {
            throw SaslErrors.invalidCredential("auth.username", "contains a control character, which EXTERNAL"
                    + " cannot carry as the authorization identity; remove it");
        }
        if (mechanism.usesChannelBinding() && channelBinding == null) {
            throw new SmtpException(SmtpErrorCode.AUTH_NOT_SUPPORTED, mechanism + " binds the exchange to the TLS"
                    + " channel, and this connection has no channel binding (it is not TLS, or its server certificate"
                    + " defines no tls-server-end-point hash); use TLS or another mechanism in auth().setMechanisms(...)");
        }
        return switch (mechanism) {
            case PLAIN -> new PlainMechanism(username, secret);
            case LOGIN -> new LoginMechanism(username, secret);
            case CRAM_MD5 -> new CramMd5Mechanism(username, secret);
            case XOAUTH2 -> new XOAuth2Mechanism(username, secret);
            case OAUTHBEARER -> new OAuthBearerMechanism(username, secret, host == null || host.isBlank() ? null : host,
                    port);
            case EXTERNAL -> new ExternalMechanism(username == null || username.isBlank() ? null : username);
            case SCRAM_SHA_1, SCRAM_SHA_256, SCRAM_SHA_1_PLUS, SCRAM_SHA_256_PLUS -> new ScramMechanism(mechanism,
                    prepared(mechanism, "auth.username", username), prepared(mechanism, "auth.password", secret),
                    ScramMechanism.randomNonce(), channelBinding);
        };
    }

    private static void checkUsername(AuthMechanism mechanism, String username) throws SmtpException {
        if (username == null || username.isBlank()) {
            throw SaslErrors.invalidCredential("auth.username", "is not set, but " + mechanism
                    + " needs it: call auth().setUsername(...)");
        }
        if (username.chars().anyMatch(Character::isISOControl)) {
            throw SaslErrors.invalidCredential("auth.username", "contains a control character (such as NUL, CR or LF),"
                    + " which " + mechanism + " cannot carry; remove it");
        }
    }

    private static void checkSecret(AuthMechanism mechanism, String secret) throws SmtpException {
        if (mechanism.usesToken()) {
            if (secret == null || secret.isEmpty()) {
                throw SaslErrors.invalidCredential("auth.oauthToken", "is not set, but " + mechanism + " needs an OAuth 2"
                        + " access token: call auth().setOAuthToken(...) or auth().setOAuthTokenSupplier(...)");
            }
            if (!secret.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
                throw SaslErrors.invalidCredential("auth.oauthToken", "contains spaces, control characters or non-ASCII"
                        + " characters, so it is not an OAuth 2 bearer token (RFC 6750); pass the access token alone,"
                        + " without a \"Bearer \" prefix");
            }
            return;
        }
        if (secret == null || secret.isEmpty()) {
            throw SaslErrors.invalidCredential("auth.password", "is not set, but " + mechanism + " needs it: call"
                    + " auth().setPassword(...)");
        }
        if (secret.indexOf('\0') >= 0) {
            throw SaslErrors.invalidCredential("auth.password", "contains a NUL character, which " + mechanism
                    + " cannot carry");
        }
    }

    private static String prepared(AuthMechanism mechanism, String setting, String value) throws SmtpException {
        String prepared;
        try {
            prepared = SaslPrep.prepare(value);
        } catch (IllegalArgumentException e) {
            throw SaslErrors.invalidCredential(setting, e.getMessage() + ", so " + mechanism + " cannot use it;"
                    + " change it or configure another mechanism with auth().setMechanisms(...)");
        }
        if (prepared.isEmpty()) {
            throw SaslErrors.invalidCredential(setting, "is empty after SASLprep (RFC 4013), so " + mechanism
                    + " cannot use it; change it or configure another mechanism with auth().setMechanisms(...)");
        }
        return prepared;
    }
}
