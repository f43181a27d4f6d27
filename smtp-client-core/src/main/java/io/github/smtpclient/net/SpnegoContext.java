package io.github.smtpclient.net;

import io.github.smtpclient.SmtpException;

/**
 * One SPNEGO security context as Negotiate needs it: the GSS-API's {@code initSecContext} loop, behind a seam so
 * that the header and leg logic of {@link NegotiateScheme} can be tested against a scripted proxy.
 */
interface SpnegoContext {

    /**
     * The next token to send for the proxy's {@code token} (empty for the first leg), or {@code null} when there is
     * nothing more to send.
     *
     * @throws SmtpException PROXY_AUTH_FAILED when the GSS-API fails (no ticket, unknown service, a bad token)
     */
    byte[] step(byte[] token) throws SmtpException;

    /** Whether the context is established (the proxy's last token, if any, was verified). */
    boolean isEstablished();

    /** Frees the context's keys; the context is not used again. */
    void dispose();

    /** Opens contexts: logs in as {@link KerberosSettings} say and names the proxy's service principal. */
    interface Factory {

        /**
         * A new context for the proxy at {@code proxyHost}.
         *
         * @throws SmtpException PROXY_AUTH_FAILED when the login fails or the credentials are incomplete
         */
        SpnegoContext open(KerberosSettings kerberos, String password, String proxyHost) throws SmtpException;
    }
}
