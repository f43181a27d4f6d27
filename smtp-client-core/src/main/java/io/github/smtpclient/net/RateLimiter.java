package io.github.smtpclient.net;

import java.util.concurrent.TimeUnit;

/**
 * A token bucket: at most {@link #permitsPerSecond()} permits per second on average, with a burst of at most
 * {@link #burst()} permits after a pause. Thread-safe, so one limiter can be shared: by the streams of one
 * connection (bytes per second), by every connection of a sender, or by the messages of a sender.
 *
 * <p>{@link #acquire(long)} reserves the permits at once, in arrival order, and then waits until the reservation
 * falls due; a large request is therefore honoured (the wait grows with it) and no waiter starves.
 */
public final class RateLimiter {

    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    private final double permitsPerSecond;
    private final long burst;
    private final double nanosPerPermit;
    /**
     * The bucket as a time: the balance at {@code now} is {@code (now - freeAtNanos) / nanosPerPermit} permits, at
     * most {@link #burst}; negative means debt.
     */
    private long freeAtNanos;

    private RateLimiter(double permitsPerSecond) {
        this.permitsPerSecond = permitsPerSecond;
        // A tenth of a second's worth, so a limit is met within about one percent over ten seconds; at least one.
        this.burst = Math.max(1, (long) (permitsPerSecond / 10));
        this.nanosPerPermit = NANOS_PER_SECOND / permitsPerSecond;
        this.freeAtNanos = System.nanoTime() - (long) (burst * nanosPerPermit);
    }

    /**
     * A limiter of {@code permitsPerSecond} (bytes or messages, for example; fractions such as 0.5 mean one every
     * two seconds).
     *
     * @throws IllegalArgumentException if the rate is not positive and finite
     */
    public static RateLimiter perSecond(double permitsPerSecond) {
        if (!(permitsPerSecond > 0) || Double.isInfinite(permitsPerSecond)) {
            throw new IllegalArgumentException("a rate limit must be a positive number per second, was "
                    + permitsPerSecond + "; use no limiter for no limit");
        }
        return new RateLimiter(permitsPerSecond);
    }

    /** The average rate. */
    public double permitsPerSecond() {
        return permitsPerSecond;
    }

    /** The most permits available at once after a pause. */
    public long burst() {
        return burst;
    }

    /**
     * The size streams cut their reads and writes to: the burst, but for slow byte rates up to a second's worth (at
     * most 512 bytes), so a write is not cut into single bytes; a piece larger than the burst simply waits longer.
     */
    long pieceSize() {
        return Math.max(burst, Math.min((long) permitsPerSecond, 512));
    }

    /**
     * Takes {@code permits}, waiting as long as the rate requires.
     *
     * @throws InterruptedException if the thread is interrupted while waiting (the permits stay taken)
     */
    public void acquire(long permits) throws InterruptedException {
        long waitNanos = reserve(permits);
        if (waitNanos > 0) {
            TimeUnit.NANOSECONDS.sleep(waitNanos);
        }
    }

    /** Takes the permits now and returns how long the caller must wait before using them. */
    private synchronized long reserve(long permits) {
        if (permits <= 0) {
            return 0;
        }
        long now = System.nanoTime();
        long earliest = now - (long) (burst * nanosPerPermit);
        if (freeAtNanos - earliest < 0) {
            freeAtNanos = earliest; // unused capacity beyond the burst is lost, as in any token bucket
        }
        freeAtNanos += (long) (permits * nanosPerPermit);
        // Debt (a negative balance) is paid off by waiting until the balance is back at zero.
        return Math.max(0, freeAtNanos - now);
    }

    @Override
    public String toString() {
        return "RateLimiter[" + permitsPerSecond + "/s, burst " + burst + "]";
    }
}
