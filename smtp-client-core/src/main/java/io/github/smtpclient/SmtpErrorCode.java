package io.github.smtpclient;

/**
 * Stable, machine-readable classification of an {@link SmtpException}. The names never change between
 * releases, so code may switch on them and operators may alert on them.
 */
public enum SmtpErrorCode {
    /** A setting or an argument is invalid; the message names it. Nothing was sent. */
    INVALID_ARGUMENT,
    /** A value would have put an illegal byte (CR, LF, NUL, or non-ASCII where not allowed) on the wire. */
    ILLEGAL_WIRE_VALUE,
    /** An operation needs a connection and there is none. */
    NOT_CONNECTED,
    /** The TCP connection could not be established. */
    CONNECT_FAILED,
    /** A connect, read or write did not finish within the socket timeout. */
    TIMEOUT,
    /** The server closed the connection unexpectedly. */
    CONNECTION_CLOSED,
    /**
     * The server sent something that is not valid SMTP: a malformed reply, a reply code RFC 5321 does not allow for
     * the command, or more replies than its commands asked for (which could be forged). The connection was closed.
     */
    PROTOCOL_VIOLATION,
    /**
     * The server answered 421: it is closing the session (also when it sends the 421 unasked, or answers a command
     * other than QUIT with 221). In a send this happens before the end of the message data, so nothing was committed;
     * a 421 to the data itself is reported as {@link #MESSAGE_REJECTED}, a 221 there as {@link #OUTCOME_UNKNOWN}.
     */
    SERVICE_UNAVAILABLE,
    /** The greeting was negative (554) or missing. */
    GREETING_REJECTED,
    /** STARTTLS is required by the TLS mode but the server does not offer it, or refused it. */
    TLS_NOT_AVAILABLE,
    /** The TLS handshake failed. */
    TLS_HANDSHAKE_FAILED,
    /** The server's certificate was rejected (by validation or by a listener). */
    CERTIFICATE_REJECTED,
    /** The server sent bytes after its STARTTLS reply, before the handshake: a response-injection attack. */
    STARTTLS_INJECTION,
    /** No authentication mechanism acceptable to both sides. */
    AUTH_NOT_SUPPORTED,
    /** Credentials would have crossed an unencrypted connection to a non-loopback host. */
    AUTH_REQUIRES_ENCRYPTION,
    /** The server rejected the credentials. */
    AUTH_FAILED,
    /**
     * The proxy (not the SMTP server) rejected the proxy credentials, or requires credentials and none are set, or
     * offers no authentication scheme the client speaks; check {@code proxy().username}, {@code password} and
     * {@code authentication}.
     */
    PROXY_AUTH_FAILED,
    /** The server kept sending 334 challenges beyond any reasonable exchange. */
    AUTH_CHALLENGE_LIMIT,
    /** The server rejected the envelope sender (MAIL FROM). */
    SENDER_REJECTED,
    /** The server rejected every recipient; no message data was sent. */
    ALL_RECIPIENTS_REJECTED,
    /** The server rejected the message data (reply to DATA, the final dot, or a BDAT chunk). */
    MESSAGE_REJECTED,
    /** The message is larger than the server's declared SIZE limit. */
    MESSAGE_TOO_LARGE,
    /** The server does not offer an extension the message or a setting needs (8BITMIME, SMTPUTF8, CHUNKING...). */
    EXTENSION_NOT_SUPPORTED,
    /** A command was refused with a negative reply outside the cases above. */
    COMMAND_REJECTED,
    /**
     * The message data was completely sent and no verdict the client can trust came back: the connection failed, the
     * reply timed out, or the server answered with a code the RFC does not allow there or with more replies than it
     * owed. The message may or may not have been delivered. Do not blindly retry.
     */
    OUTCOME_UNKNOWN,
    /** A listener cancelled the operation. */
    CANCELLED,
    /** An I/O error not covered above (for example reading the message source). */
    IO_ERROR,
    /**
     * The submission's {@link EndOfDataHook} refused to let the message be ended, so the connection was closed
     * before the end of the data: the server discarded the message, nothing was delivered.
     */
    ABORTED_BEFORE_END_OF_DATA,
    /**
     * The TLS mode does not fit the port: a plaintext or STARTTLS client reached a port that expects TLS from the
     * first byte (the server never greets and answers a TLS ClientHello, or answers with a TLS record), or an
     * implicit-TLS client reached a plaintext port (the handshake met plaintext such as a {@code 220} greeting). Its
     * hint names the TLS mode to set ({@link io.github.smtpclient.Setting#TLS_MODE}). Retrying cannot help.
     */
    TLS_MODE_MISMATCH,
    /**
     * All-or-nothing delivery was asked for ({@link RecipientPolicy#ALL_OR_NOTHING}) and the server refused some of
     * the recipients: the transaction was reset and no message data was sent, so nobody received the message. The
     * exception's reply is a permanent refusal when there was one, so {@link SmtpException#isTransient()} holds only
     * when every refusal was temporary.
     */
    RECIPIENT_REJECTED,
    /**
     * The pooled sender did not try to connect: the last connection attempts to the server failed one after another,
     * so its circuit breaker is open for a while (see {@link io.github.smtpclient.pool.CircuitBreakerSettings}).
     * Nothing was sent. The message names the last failure, which is also the cause. Not retried by the sender.
     */
    CIRCUIT_OPEN,
    /**
     * The server allows only so many transactions per session (RFC 9422 LIMITS MAILMAX) and this connection has used
     * them: the message was not started here, and the connection was closed so that it is not reused (a pool replaces
     * it). Nothing of the message was sent on this connection, so the sender's retry policy counts it as retryable,
     * like a connection lost before the message started.
     */
    TRANSACTION_LIMIT_REACHED,
    /**
     * The message needed several transactions (RFC 9422 RCPTMAX, or a 452 "too many recipients" reply, RFC 5321
     * 4.5.3.1.10) and an earlier one delivered it to some recipients before a later one failed. The outcome's
     * recipients say who got it; retrying the whole message would deliver it twice to those, so it is not retried.
     */
    PARTIALLY_SENT,
    /**
     * The message asked for RFC 8689 REQUIRETLS with {@link RequireTlsPolicy#REQUIRE} and this connection cannot
     * carry it: the server does not advertise REQUIRETLS, or the connection is not TLS with a validated certificate
     * and checked host name. Nothing of the message was sent (it was refused before MAIL) and the connection stays
     * usable. Retrying on the same server cannot help; the message says which condition failed.
     */
    REQUIRETLS_NOT_AVAILABLE
}
