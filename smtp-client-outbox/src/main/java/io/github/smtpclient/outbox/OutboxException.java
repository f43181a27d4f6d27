package io.github.smtpclient.outbox;

/**
 * A failure of the outbox's store: the database could not be reached or refused a statement, or the schema is
 * missing. Unchecked, so a failed enqueue rolls back the caller's Spring transaction by default.
 */
public class OutboxException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}, caused by {@code cause} (may be null). */
    public OutboxException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A failure described by {@code message}. */
    public OutboxException(String message) {
        super(message);
    }
}
