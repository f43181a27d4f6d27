package io.github.smtpclient.boot.autoconfigure;

/**
 * Supplies the current OAuth 2 access token for XOAUTH2 and OAUTHBEARER. Declare one as a bean and every client
 * asks it for a token each time it authenticates, so a supplier that refreshes expired tokens keeps pooled
 * connections working. It may be called from several threads at once.
 */
@FunctionalInterface
public interface SmtpOAuth2TokenSupplier {

    /** The access token to authenticate with now; never {@code null} or blank. */
    String getToken();
}
