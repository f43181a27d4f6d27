package io.github.smtpclient.protocol;

import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * The point in time by which the reply being read must be complete, an object of the {@link Wire} in the manner of
 * Okio's {@code Timeout}: the engine starts it when a reply begins and clears it when the reply is complete; the
 * wire bounds every read by the time left. A server that drips one byte at a time therefore cannot stretch a reply
 * beyond its timeout, which a per-read socket timeout alone would allow.
 *
 * <p>While no deadline runs, reads wait as long as the wire's own read timeout. Used by one thread at a time.
 */
public final class ReadDeadline {

    private boolean running;
    /** A single short wait: its read is allowed however late it starts. */
    private boolean singleWait;
    private long deadlineNanos;
    private Duration timeout;
    private String setting;

    /** Starts a deadline {@code timeout} from now; {@code setting} names the setting in messages. */
    void start(Duration timeout, String setting) {
        this.timeout = timeout;
        this.setting = setting;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
        this.singleWait = false;
        this.running = true;
    }

    /**
     * Starts a deadline for one read that may wait at most {@code wait}, which that read gets in full however late it
     * starts: for a look at bytes that have already arrived, which a thread descheduled for longer than a very short
     * wait must still see.
     */
    void startSingleWait(Duration wait, String purpose) {
        start(wait, purpose);
        this.singleWait = true;
    }

    /** Ends the running deadline, if any. */
    void clear() {
        running = false;
    }

    /** Whether a deadline runs. */
    public boolean isRunning() {
        return running;
    }

    /**
     * How long the next read may block: the time left, rounded up to whole milliseconds (at least 1), or 0 when no
     * deadline runs.
     *
     * @throws SocketTimeoutException when the deadline has passed
     */
    public int nextReadTimeoutMillis() throws SocketTimeoutException {
        if (!running) {
            return 0;
        }
        if (singleWait) {
            return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        }
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException("the deadline of " + timeout.toMillis() + " ms (" + setting + ") passed");
        }
        return (int) Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000);
    }

    /** The timeout of the running (or last) deadline. */
    Duration timeout() {
        return timeout;
    }

    /** The setting that chose the running (or last) deadline's timeout, for messages. */
    String setting() {
        return setting;
    }
}
