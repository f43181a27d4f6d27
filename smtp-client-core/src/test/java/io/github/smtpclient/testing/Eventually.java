package io.github.smtpclient.testing;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waits, bounded, for something another thread makes true. */
public final class Eventually {

    private static final long TIMEOUT_SECONDS = 10;

    private Eventually() {
    }

    /** Returns once {@code condition} holds; fails naming {@code what} after ten seconds. */
    public static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never happened within " + TIMEOUT_SECONDS + " s: " + what);
            }
            Thread.sleep(10);
        }
    }
}
