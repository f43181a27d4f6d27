package io.github.smtpclient.auth;

import io.github.smtpclient.SmtpException;

/**
 * A mechanism whose client speaks first. Its first message normally travels as the initial response; when the
 * engine sends {@code AUTH <name>} without one, the server asks for it with an empty challenge (RFC 4954 section 4)
 * and the first message answers that instead.
 */
abstract class ClientFirstMechanism implements SaslMechanism {

    private boolean firstMessageSent;

    /** The client's first message. Called exactly once. */
    abstract byte[] firstMessage();

    /** Answers a challenge that follows the first message. */
    abstract byte[] answer(byte[] challenge) throws SmtpException;

    @Override
    public final byte[] initialResponse() {
        if (firstMessageSent) {
            throw new IllegalStateException(mechanism() + ": the initial response was already produced");
        }
        firstMessageSent = true;
        return firstMessage();
    }

    @Override
    public final byte[] evaluateChallenge(byte[] challenge) throws SmtpException {
        if (firstMessageSent) {
            return answer(challenge);
        }
        if (challenge.length != 0) {
            throw SaslErrors.malformedChallenge(mechanism(),
                    "the client speaks first, but the first challenge is not empty");
        }
        return initialResponse();
    }
}
