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
    /** The server sent something that is not valid SMTP. */
    PROTOCOL_VIOLATION,
    /**
     * The server answered 421: it is closing the session. In a send this happens before the end of the message
     * data, so nothing was committed; a 421 to the data itself is reported as {@link #MESSAGE_REJECTED}.
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
     * The connection failed after the message data was completely sent and before the server's final reply
     * arrived: the message may or may not have been delivered. Do not blindly retry.
     */
    OUTCOME_UNKNOWN,
    /** A listener cancelled the operation. */
    CANCELLED,
    /** An I/O error not covered above (for example reading the message source). */
    IO_ERROR
}
