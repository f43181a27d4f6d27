package io.github.smtpclient.auth;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * An SMTP account to authenticate as: a user name with a password, or with a supplier of OAuth 2 access tokens
 * (XOAUTH2, OAUTHBEARER). Immutable and thread-safe. A pooled sender keys its connections by it (see
 * {@code SmtpMailSender.withCredentials}), so two equal credentials share connections and two different ones never
 * do.
 *
 * <p>Equal means the same user name with the same password, or the same user name with the same token supplier
 * <em>object</em>: keep one supplier per account rather than making a new lambda per message, or every message gets
 * connections of its own. {@link #toString()} never shows the secret.
 */
public final class Credentials {

    private final String username;
    private final String password;
    private final Supplier<String> tokenSupplier;

    private Credentials(String username, String password, Supplier<String> tokenSupplier) {
        this.username = username;
        this.password = password;
        this.tokenSupplier = tokenSupplier;
    }

    /**
     * A user name and password, for the SASL mechanisms that take a password (SCRAM, CRAM-MD5, PLAIN, LOGIN).
     *
     * @param username the user name, for example {@code alice@example.com}
     * @param password the password
     * @return the credentials
     * @throws IllegalArgumentException as {@link AuthSettings#setUsername} and {@link AuthSettings#setPassword} do
     * @throws NullPointerException     if either is null
     */
    public static Credentials password(String username, String password) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        AuthSettings check = new AuthSettings();
        check.setUsername(username);
        check.setPassword(password);
        return new Credentials(username, password, null);
    }

    /**
     * A user name and a supplier of OAuth 2 access tokens, asked each time a connection authenticates, so it can
     * return a refreshed token. List XOAUTH2 or OAUTHBEARER in the client's mechanisms, or let the default order
     * pick them.
     *
     * @param username      the user name, for example {@code alice@example.com}
     * @param tokenSupplier returns the current access token, without a {@code "Bearer "} prefix
     * @return the credentials
     * @throws IllegalArgumentException as {@link AuthSettings#setUsername} does
     * @throws NullPointerException     if either is null
     */
    public static Credentials oauth(String username, Supplier<String> tokenSupplier) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(tokenSupplier, "tokenSupplier");
        new AuthSettings().setUsername(username);
        return new Credentials(username, null, tokenSupplier);
    }

    /**
     * The user name.
     *
     * @return the user name to authenticate as
     */
    public String username() {
        return username;
    }

    /**
     * Makes {@code auth} authenticate as these credentials: sets the user name and the secret, and clears the other
     * kind of secret, so a token or password configured for another account can never be sent for this one. The
     * mechanisms and the plaintext rules are left as they are.
     *
     * @param auth a client's authentication settings
     */
    public void applyTo(AuthSettings auth) {
        auth.setUsername(username);
        auth.setPassword(password);
        auth.setOAuthTokenSupplier(tokenSupplier);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Credentials that && username.equals(that.username)
                && Objects.equals(password, that.password) && tokenSupplier == that.tokenSupplier;
    }

    @Override
    public int hashCode() {
        return Objects.hash(username, password, System.identityHashCode(tokenSupplier));
    }

    /**
     * Describes the credentials with the secret masked.
     *
     * @return for example {@code Credentials[username=alice, password=****]}
     */
    @Override
    public String toString() {
        return "Credentials[username=" + username + (password != null ? ", password=****" : ", oauthToken=****") + "]";
    }
}
