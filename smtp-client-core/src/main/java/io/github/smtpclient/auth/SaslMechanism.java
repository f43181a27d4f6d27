package io.github.smtpclient.auth;

import io.github.smtpclient.SmtpException;

/**
 * The client side of one SASL authentication exchange, without I/O. Create a fresh instance for every attempt
 * with {@link SaslMechanisms#create}; an instance is not reusable and not thread-safe.
 *
 * <p>The protocol engine drives it like this: it calls {@link #initialResponse()} once and sends
 * {@code AUTH <name>} followed by the base64 initial response when there is one ({@code =} when it is empty).
 * For every {@code 334} reply it base64-decodes the text, calls {@link #evaluateChallenge(byte[])} and sends
 * the base64 of the result. On {@code 235} it calls {@link #verifyComplete()}; a {@code 5xx} ends the attempt.
 * The engine masks every line of the exchange in logs and events, so implementations need not.
 */
public interface SaslMechanism {

    /**
     * The mechanism this exchange implements.
     *
     * @return the mechanism, whose {@link AuthMechanism#saslName()} goes on the {@code AUTH} command
     */
    AuthMechanism mechanism();

    /**
     * The RFC 4954 initial response, to be sent on the {@code AUTH} command line. Call it at most once, before
     * any challenge.
     *
     * @return the response bytes (possibly empty, sent as {@code =}), or {@code null} when the mechanism waits
     *         for the server's first challenge (LOGIN, CRAM-MD5)
     * @throws IllegalStateException when a mechanism that speaks first is asked for its first message twice
     */
    byte[] initialResponse();

    /**
     * Answers one server challenge.
     *
     * @param challenge the base64-decoded text of a {@code 334} reply (empty for a bare {@code 334})
     * @return the response bytes, possibly empty, which the engine base64-encodes and sends
     * @throws SmtpException {@code PROTOCOL_VIOLATION} when the challenge is malformed, {@code AUTH_FAILED} when
     *         the server fails a check the client makes (for example SCRAM's nonce or server signature), or
     *         {@code AUTH_CHALLENGE_LIMIT} when the server sends more challenges than the mechanism has steps
     */
    byte[] evaluateChallenge(byte[] challenge) throws SmtpException;

    /**
     * Called when the server has answered {@code 235} (authentication succeeded). Mechanisms with mutual
     * authentication check here that the server proved its identity; the others accept.
     *
     * @throws SmtpException {@code AUTH_FAILED} when the server claimed success without proving that it knows
     *         the credentials (SCRAM without a verified server signature); the session must not be trusted
     */
    default void verifyComplete() throws SmtpException {
        // only mechanisms with mutual authentication have something to verify
    }
}
