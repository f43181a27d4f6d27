package io.github.smtpclient.internal;

import io.github.smtpclient.SmtpClient;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.net.RateLimiter;

/**
 * The limit a whole {@code SmtpMailSender} keeps, because providers cap the account rather than the connection:
 * messages per second, counted before each send, and outgoing bytes per second, shared by the streams of every
 * connection the sender opens. Thread-safe.
 */
public final class SenderRateLimit {

    /** No limit at all. */
    public static final SenderRateLimit NONE = new SenderRateLimit(null, null);

    private final RateLimiter messages;
    private final RateLimiter bytes;

    private SenderRateLimit(RateLimiter messages, RateLimiter bytes) {
        this.messages = messages;
        this.bytes = bytes;
    }

    /**
     * A limit of {@code messagesPerSecond} and {@code bytesPerSecond}; 0 leaves that one unlimited.
     *
     * @throws IllegalArgumentException if one is negative or not finite
     */
    public static SenderRateLimit of(double messagesPerSecond, long bytesPerSecond) {
        if (!(messagesPerSecond >= 0) || Double.isInfinite(messagesPerSecond)) {
            throw new IllegalArgumentException("rateLimit: messagesPerSecond must be 0 (no limit) or a positive number,"
                    + " was " + messagesPerSecond);
        }
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("rateLimit: bytesPerSecond must be 0 (no limit) or positive, was "
                    + bytesPerSecond);
        }
        return new SenderRateLimit(messagesPerSecond > 0 ? RateLimiter.perSecond(messagesPerSecond) : null,
                bytesPerSecond > 0 ? RateLimiter.perSecond((double) bytesPerSecond) : null);
    }

    /** Makes a new client's connection share the byte limit. */
    public void applyTo(SmtpClient client) {
        if (bytes != null) {
            client.socket().setSharedOutgoingLimiter(bytes);
        }
    }

    /**
     * Waits until {@code count} more messages may start.
     *
     * @throws SmtpException CANCELLED if the thread is interrupted while waiting
     */
    public void beforeMessages(int count) throws SmtpException {
        if (messages == null) {
            return;
        }
        try {
            messages.acquire(count);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmtpException(SmtpErrorCode.CANCELLED, "interrupted while waiting for the sender's rate limit"
                    + " (" + messages.permitsPerSecond() + " messages per second)", e);
        }
    }

    @Override
    public String toString() {
        return "SenderRateLimit[messages=" + (messages == null ? "unlimited" : messages.permitsPerSecond() + "/s")
                + ", bytes=" + (bytes == null ? "unlimited" : (long) bytes.permitsPerSecond() + "/s") + "]";
    }
}
