package io.github.smtpclient.auth;

import io.github.smtpclient.SmtpException;
import java.nio.charset.StandardCharsets;

/**
 * OAUTHBEARER (RFC 7628): the GS2 header {@code n,a=<user>,} then {@code ^Ahost=<host>^Aport=<port>^Aauth=Bearer
 * <token>^A^A}. A rejected token draws one challenge carrying a JSON error; the client answers it with a single
 * {@code ^A} (section 3.2.3), after which the server sends its 5xx reply.
 */
final class OAuthBearerMechanism extends ClientFirstMechanism {

    private static final byte[] ERROR_ACKNOWLEDGEMENT = {0x01};

    private final String username;
    private final String token;
    private final String host;
    private final int port;
    private boolean errorAcknowledged;

    /**
     * @param host the server's host name, or {@code null} to leave the optional {@code host} key out
     * @param port the server's port, or 0 to leave the optional {@code port} key out
     */
    OAuthBearerMechanism(String username, String token, String host, int port) {
        this.username = username;
        this.token = token;
        this.host = host;
        this.port = port;
    }

    @Override
    public AuthMechanism mechanism() {
        return AuthMechanism.OAUTHBEARER;
    }

    @Override
    byte[] firstMessage() {
        StringBuilder message = new StringBuilder("n,a=").append(SaslName.escape(username)).append(",\u0001");
        if (host != null) {
            message.append("host=").append(host).append('\u0001');
        }
        if (port > 0) {
            message.append("port=").append(port).append('\u0001');
        }
        message.append("auth=Bearer ").append(token).append("\u0001\u0001");
        return message.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    byte[] answer(byte[] errorChallenge) throws SmtpException {
        if (errorAcknowledged) {
            throw SaslErrors.tooManyChallenges(mechanism());
        }
        errorAcknowledged = true;
        return ERROR_ACKNOWLEDGEMENT.clone();
    }
}
