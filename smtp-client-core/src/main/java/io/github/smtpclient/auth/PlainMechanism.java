package io.github.smtpclient.auth;

import io.github.smtpclient.SmtpException;
import java.nio.charset.StandardCharsets;

/** PLAIN (RFC 4616): {@code authzid NUL authcid NUL passwd} with an empty authorization identity. */
final class PlainMechanism extends ClientFirstMechanism {

    private final String username;
    private final String password;

    PlainMechanism(String username, String password) {
        this.username = username;
        this.password = password;
    }

    @Override
    public AuthMechanism mechanism() {
        return AuthMechanism.PLAIN;
    }

    @Override
    byte[] firstMessage() {
        return ("\0" + username + "\0" + password).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    byte[] answer(byte[] challenge) throws SmtpException {
        throw SaslErrors.tooManyChallenges(mechanism());
    }
}
