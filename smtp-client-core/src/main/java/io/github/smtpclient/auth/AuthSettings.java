package io.github.smtpclient.auth;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Authentication settings of one client, reached as {@code client.auth()}: the credentials, which mechanisms to
 * use, and when credentials may cross an unencrypted connection. Mutable and not thread-safe, like the client;
 * take a {@link #copy()} to hand the settings to another thread. {@link #toString()} never shows a secret.
 *
 * <p>Setters reject values that cannot be right with an {@link IllegalArgumentException} naming the setting;
 * {@code null} clears a credential.
 */
public final class AuthSettings {

    private String username;
    private String password;
    private Supplier<String> oauthToken;
    private List<AuthMechanism> mechanisms = List.of();
    private boolean forceLogin;
    private boolean allowPlaintextCredentials;
    private boolean allowLoopbackPlaintext = true;

    /** Creates settings with no credentials and the secure defaults. */
    public AuthSettings() {
    }

    /**
     * Returns an independent copy; the token supplier, if any, is shared.
     *
     * @return a copy that later changes to this object do not affect
     */
    public AuthSettings copy() {
        AuthSettings copy = new AuthSettings();
        copy.username = username;
        copy.password = password;
        copy.oauthToken = oauthToken;
        copy.mechanisms = mechanisms;
        copy.forceLogin = forceLogin;
        copy.allowPlaintextCredentials = allowPlaintextCredentials;
        copy.allowLoopbackPlaintext = allowLoopbackPlaintext;
        return copy;
    }

    /**
     * The user name to authenticate as.
     *
     * @return the user name, or {@code null} when none is set
     */
    public String getUsername() {
        return username;
    }

    /**
     * Sets the user name to authenticate as, for example {@code "alice@example.com"}.
     *
     * @param username the user name, or {@code null} to clear it
     * @throws IllegalArgumentException when it is blank or contains a control character (such as a trailing newline)
     */
    public void setUsername(String username) {
        if (username != null && username.isBlank()) {
            throw new IllegalArgumentException("auth.username must not be blank; pass null to clear it");
        }
        if (username != null && username.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("auth.username contains a control character (such as a trailing"
                    + " newline from a file); remove it");
        }
        this.username = username;
    }

    /**
     * Sets the password. It is also used as the token when OAUTHBEARER or XOAUTH2 is listed in
     * {@link #setMechanisms(List)} and no OAuth token is set.
     *
     * @param password the password, or {@code null} to clear it
     * @throws IllegalArgumentException when it is empty or contains NUL, CR or LF (CR and LF usually mean the
     *         password was read together with its line ending)
     */
    public void setPassword(String password) {
        if (password != null && password.isEmpty()) {
            throw new IllegalArgumentException("auth.password must not be empty; pass null to clear it");
        }
        if (password != null && password.chars().anyMatch(c -> c == '\0' || c == '\r' || c == '\n')) {
            throw new IllegalArgumentException("auth.password contains NUL, CR or LF, which no mechanism can send"
                    + " (a CR or LF usually comes from reading the password with its line ending); remove it");
        }
        this.password = password;
    }

    /**
     * Whether sessions authenticate: a user name is set, or EXTERNAL (the TLS client certificate) is listed among the
     * mechanisms.
     *
     * @return {@code true} when the engine will send AUTH after EHLO
     */
    public boolean isAuthenticating() {
        return username != null || mechanisms.contains(AuthMechanism.EXTERNAL);
    }

    /**
     * Whether a password is set.
     *
     * @return {@code true} when {@link #setPassword(String)} was given a password
     */
    public boolean hasPassword() {
        return password != null;
    }

    /**
     * Sets a fixed OAuth 2 access token for XOAUTH2 and OAUTHBEARER.
     *
     * @param token the access token alone (without {@code "Bearer "}), or {@code null} to clear it
     * @throws IllegalArgumentException when it is blank or contains spaces or control characters
     */
    public void setOAuthToken(String token) {
        if (token == null) {
            this.oauthToken = null;
            return;
        }
        if (token.isEmpty() || !token.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("auth.oauthToken must be a non-empty OAuth 2 bearer token of printable"
                    + " ASCII without spaces; pass the access token alone, without a \"Bearer \" prefix");
        }
        this.oauthToken = () -> token;
    }

    /**
     * Sets a supplier asked for the OAuth 2 access token at each authentication, so that a refreshed token is used
     * on new connections. It is called on the thread that authenticates and should return quickly.
     *
     * @param supplier returns the current access token; {@code null} clears the token
     */
    public void setOAuthTokenSupplier(Supplier<String> supplier) {
        this.oauthToken = supplier;
    }

    /**
     * Whether an OAuth 2 token (fixed or supplied) is configured.
     *
     * @return {@code true} after {@link #setOAuthToken(String)} or {@link #setOAuthTokenSupplier(Supplier)}
     */
    public boolean hasOAuthToken() {
        return oauthToken != null;
    }

    /**
     * The secret a mechanism needs: for OAUTHBEARER and XOAUTH2 the OAuth token (asked from the supplier now) or,
     * when no token is configured, the password; for every other mechanism the password.
     *
     * @param mechanism the mechanism about to run
     * @return the secret, or {@code null} when none is configured ({@link SaslMechanisms#create} then explains)
     * @throws SmtpException {@code AUTH_FAILED} when the token supplier throws or returns nothing
     */
    public String secretFor(AuthMechanism mechanism) throws SmtpException {
        if (!mechanism.usesToken() || oauthToken == null) {
            return password;
        }
        String token;
        try {
            token = oauthToken.get();
        } catch (RuntimeException e) {
            throw new SmtpException(SmtpErrorCode.AUTH_FAILED, "The auth.oauthToken supplier failed, so there is no"
                    + " access token to authenticate with; see the cause", e);
        }
        if (token == null || token.isBlank()) {
            throw new SmtpException(SmtpErrorCode.AUTH_FAILED, "The auth.oauthToken supplier returned no access token;"
                    + " it must return the current token");
        }
        return token;
    }

    /**
     * The mechanisms to try, in order of preference.
     *
     * @return an unmodifiable list; empty means the default order of {@link MechanismSelector}
     */
    public List<AuthMechanism> getMechanisms() {
        return mechanisms;
    }

    /**
     * Restricts and orders the mechanisms to try (the reference's {@code Authentications} setting).
     *
     * @param mechanisms the mechanisms in order of preference, each at most once; an empty list restores the default
     * @throws IllegalArgumentException when the list is {@code null} or contains {@code null} or a duplicate
     */
    public void setMechanisms(List<AuthMechanism> mechanisms) {
        if (mechanisms == null) {
            throw new IllegalArgumentException("auth.mechanisms must not be null; pass an empty list for the default order");
        }
        Set<AuthMechanism> seen = EnumSet.noneOf(AuthMechanism.class);
        for (AuthMechanism mechanism : mechanisms) {
            if (mechanism == null) {
                throw new IllegalArgumentException("auth.mechanisms must not contain null");
            }
            if (!seen.add(mechanism)) {
                throw new IllegalArgumentException("auth.mechanisms lists " + mechanism + " twice; list each once");
            }
        }
        this.mechanisms = List.copyOf(mechanisms);
    }

    /**
     * Whether to authenticate even when the server does not advertise {@code AUTH}.
     *
     * @return the setting; {@code false} by default
     */
    public boolean isForceLogin() {
        return forceLogin;
    }

    /**
     * Authenticate even when the server does not advertise {@code AUTH} (the reference's {@code ForceLogin}), using
     * the configured mechanisms in order, or the default order when none are configured.
     *
     * @param forceLogin {@code true} to authenticate regardless of the EHLO reply
     */
    public void setForceLogin(boolean forceLogin) {
        this.forceLogin = forceLogin;
    }

    /**
     * Whether credentials may cross an unencrypted connection to any host.
     *
     * @return the setting; {@code false} by default
     */
    public boolean isAllowPlaintextCredentials() {
        return allowPlaintextCredentials;
    }

    /**
     * Allows credentials over an unencrypted connection to any host. Dangerous: anyone on the path can read a
     * PLAIN, LOGIN or OAuth secret and reuse it, and can mount an offline guessing attack on a CRAM-MD5 or SCRAM
     * exchange. Use it only on a network you trust completely.
     *
     * @param allow {@code true} to allow
     */
    public void setAllowPlaintextCredentials(boolean allow) {
        this.allowPlaintextCredentials = allow;
    }

    /**
     * Whether credentials may cross an unencrypted connection to a loopback address.
     *
     * @return the setting; {@code true} by default
     */
    public boolean isAllowLoopbackPlaintext() {
        return allowLoopbackPlaintext;
    }

    /**
     * Allows credentials over an unencrypted connection to a loopback address (a local relay), where no one else
     * is on the path. {@code false} removes this exemption, so credentials always need TLS unless
     * {@link #setAllowPlaintextCredentials(boolean)} allows them everywhere.
     *
     * @param allow {@code false} to require TLS even on loopback
     */
    public void setAllowLoopbackPlaintext(boolean allow) {
        this.allowLoopbackPlaintext = allow;
    }

    /**
     * Applies the two plaintext settings to an unencrypted connection. The rule covers every mechanism, since even
     * CRAM-MD5 and SCRAM reveal the user name and expose a weak password to offline guessing.
     *
     * @param loopbackPeer whether the connection goes to a loopback address
     * @return {@code true} when credentials may be sent over this unencrypted connection
     */
    public boolean permitsUnencrypted(boolean loopbackPeer) {
        return allowPlaintextCredentials || (loopbackPeer && allowLoopbackPlaintext);
    }

    /**
     * Describes the settings with the password and token masked.
     *
     * @return for example {@code AuthSettings[username=alice, password=****, oauthToken=none, ...]}
     */
    @Override
    public String toString() {
        return "AuthSettings[username=" + username + ", password=" + mask(password)
                + ", oauthToken=" + mask(oauthToken) + ", mechanisms=" + mechanisms + ", forceLogin=" + forceLogin + ", allowPlaintextCredentials="
                + allowPlaintextCredentials + ", allowLoopbackPlaintext=" + allowLoopbackPlaintext + "]";
    }

    private static String mask(Object secret) {
        return secret == null ? "none" : "****";
    }
}
