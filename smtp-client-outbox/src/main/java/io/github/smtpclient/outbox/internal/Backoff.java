package io.github.smtpclient.outbox.internal;

import java.time.Duration;
import java.util.function.DoubleSupplier;

import io.github.smtpclient.outbox.OutboxSettings;

/**
 * The pause before the next attempt: the initial backoff times the multiplier for every failed attempt after the
 * first, capped, with its random share taken off so that instances that failed together do not retry together.
 */
final class Backoff {

    private final Duration initial;
    private final double multiplier;
    private final Duration max;
    private final double jitter;
    private final DoubleSupplier random;

    Backoff(OutboxSettings settings, DoubleSupplier random) {
        this.initial = settings.getInitialBackoff();
        this.multiplier = settings.getBackoffMultiplier();
        this.max = settings.getMaxBackoff();
        this.jitter = settings.getJitter();
        this.random = random;
    }

    /** The pause after failed attempt number {@code failed} (1 for the first). */
    Duration after(int failed) {
        double nominal = Math.min((double) initial.toNanos() * Math.pow(multiplier, Math.max(0, failed - 1)),
                (double) max.toNanos());
        return Duration.ofNanos((long) (nominal * (1.0 - jitter * random.getAsDouble())));
    }
}
