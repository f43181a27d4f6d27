package io.github.smtpclient.net;

import java.io.InterruptedIOException;
import java.util.List;

/** What the throttled streams share: the piece size and the wait for permits. */
final class Throttling {

    private Throttling() {
    }

    /** The largest read or write at once: the smallest piece size of the limiters. */
    static int pieceSize(List<RateLimiter> limiters) {
        long smallest = limiters.stream().mapToLong(RateLimiter::pieceSize).min().orElse(Integer.MAX_VALUE);
        return (int) Math.min(Integer.MAX_VALUE, smallest);
    }

    static void acquire(List<RateLimiter> limiters, int bytes) throws InterruptedIOException {
        try {
            for (RateLimiter limiter : limiters) {
                limiter.acquire(bytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while waiting for the speed"
                    + " limit");
            interrupted.initCause(e);
            throw interrupted;
        }
    }
}
