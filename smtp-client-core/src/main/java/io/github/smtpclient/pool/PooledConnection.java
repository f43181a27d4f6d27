package io.github.smtpclient.pool;

import java.util.EnumSet;
import java.util.Set;

import io.github.smtpclient.SmtpClient;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;

/**
 * A connection lent by a {@link SmtpConnectionPool}, for one thread at a time. {@link #close()} gives it back; the
 * pool takes it only while it is connected and nothing has put its state in doubt.
 *
 * <pre>{@code
 * try (PooledConnection connection = pool.borrow()) {
 *     try {
 *         connection.countMessages(1);
 *         return connection.client().sendBytes(message);
 *     } catch (SmtpException e) {
 *         connection.failed(e); // kept only for a clean refusal
 *         throw e;
 *     }
 * }
 * }</pre>
 *
 * <p>Do not call {@link SmtpClient#disconnect()} or change the client's settings: the pool owns the connection.
 */
public final class PooledConnection implements AutoCloseable {

    /**
     * Failures that leave the session between transactions in a known state: the server refused the envelope or
     * the message with a reply (the engine has already reset the transaction), or the client refused to send before
     * writing anything.
     */
    private static final Set<SmtpErrorCode> CLEAN_REFUSALS = EnumSet.of(SmtpErrorCode.SENDER_REJECTED,
            SmtpErrorCode.ALL_RECIPIENTS_REJECTED, SmtpErrorCode.MESSAGE_REJECTED, SmtpErrorCode.MESSAGE_TOO_LARGE,
            SmtpErrorCode.INVALID_ARGUMENT, SmtpErrorCode.EXTENSION_NOT_SUPPORTED,
            SmtpErrorCode.REQUIRETLS_NOT_AVAILABLE);

    private final SmtpConnectionPool pool;
    private final PoolEntry entry;
    private boolean discard;
    private boolean returned;

    PooledConnection(SmtpConnectionPool pool, PoolEntry entry) {
        this.pool = pool;
        this.entry = entry;
    }

    /** The connected client. */
    public SmtpClient client() {
        return entry.client;
    }

    /** Records messages sent over this connection, for {@link PoolSettings#getMaxMessagesPerConnection()}. */
    public void countMessages(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, was " + count);
        }
        entry.messages += count;
    }

    /**
     * Records that an operation on this connection failed. Unless the failure is a clean refusal (the server
     * refused the sender, every recipient or the message with a reply, or the client refused an invalid or
     * oversized message before sending anything), the connection is closed instead of returned to the pool.
     */
    public void failed(Throwable failure) {
        if (!(failure instanceof SmtpException smtp && CLEAN_REFUSALS.contains(smtp.errorCode()))) {
            discard = true;
        }
    }

    /** Closes this connection when it is given back, instead of returning it to the pool. */
    public void discard() {
        discard = true;
    }

    /** Gives the connection back to the pool, or closes it if it must not be reused. Calling it again does nothing. */
    @Override
    public void close() {
        if (returned) {
            return;
        }
        returned = true;
        pool.giveBack(entry, !discard);
    }
}
