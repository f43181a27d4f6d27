package io.github.smtpclient.auth;

import io.github.smtpclient.SmtpException;
import java.nio.charset.StandardCharsets;

/**
 * XOAUTH2 (Google and Microsoft): {@code user=<user>^Aauth=Bearer <token>^A^A}. A rejected token draws one challenge
 * carrying a JSON error; the client answers it with an empty response, after which the server sends its 5xx
 * reply, which is what the user gets to see.
 */
final class XOAuth2Mechanism extends ClientFirstMechanism {

    private final String username;
    private final String token;
    private boolean errorAcknowledged;

    XOAuth2Mechanism(String username, String token) {
        this.username = username;
        this.token = token;
    }

    @Override
    public AuthMechanism mechanism() {
        return AuthMechanism.XOAUTH2;
    }

    @Override
    byte[] firstMessage() {
        return ("user=" + username + "\u0001auth=Bearer " + token + "\u0001\u0001").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    byte[] answer(byte[] errorChallenge) throws SmtpException {
        if (errorAcknowledged) {
            throw SaslErrors.tooManyChallenges(mechanism());
        }
        errorAcknowledged = true;
        return new byte[0];
    }
}
