package io.github.smtpclient.net;

import java.util.List;

import io.github.smtpclient.SmtpException;

/**
 * One HTTP proxy authentication scheme as a small state machine: the {@code Proxy-Authorization} value for the
 * first CONNECT, and then one answer per 407 until the scheme has nothing more to say (the proxy refused it).
 */
interface ProxyAuthScheme {

    /** The scheme's name as sent, such as {@code "Digest"}. */
    String name();

    /** The header value to send with the first CONNECT, before any challenge; {@code null} for none. */
    String initial();

    /**
     * The header value answering the proxy's latest 407 challenges, or {@code null} when this scheme is finished:
     * the proxy refused what was sent, or offers nothing this scheme can answer.
     *
     * @throws SmtpException PROXY_AUTH_FAILED when the challenge is malformed
     */
    String respond(List<AuthChallenge> challenges) throws SmtpException;

    /**
     * Whether the next CONNECT must use the same connection (NTLM authenticates the connection, not the request, and
     * a Negotiate context lives on its connection).
     */
    default boolean bindsToConnection() {
        return false;
    }

    /**
     * Called with the proxy's 2xx answer once the tunnel is open, for a scheme that authenticates the proxy in turn
     * (Negotiate's mutual authentication); nothing by default.
     *
     * @throws SmtpException PROXY_AUTH_FAILED when the proxy's proof does not verify
     */
    default void accepted(ProxyResponse response) throws SmtpException {
    }
}
