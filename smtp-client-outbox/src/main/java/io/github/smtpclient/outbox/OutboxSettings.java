package io.github.smtpclient.outbox;

import java.time.Duration;
import java.util.Objects;

/**
 * How the outbox's workers claim, send, retry and clean up. Each setter checks its value and names it when it is out
 * of range. Not thread-safe; the outbox copies it when it is built.
 */
public final class OutboxSettings {

    private int workers = 2;
    private int batchSize = 20;
    private Duration pollInterval = Duration.ofSeconds(1);
    private Duration leaseDuration = Duration.ofMinutes(1);
    private Duration maintenanceInterval = Duration.ofSeconds(5);
    private int maxAttempts = 10;
    private Duration initialBackoff = Duration.ofSeconds(30);
    private double backoffMultiplier = 2.0;
    private Duration maxBackoff = Duration.ofHours(1);
    private double jitter = 0.2;
    private boolean atLeastOnce;
    private Duration retention = Duration.ofDays(7);
    private Duration shutdownTimeout = Duration.ofSeconds(30);
    private int chunkSize = 256 * 1024;

    /** A copy of these settings. */
    public OutboxSettings copy() {
        OutboxSettings copy = new OutboxSettings();
        copy.workers = workers;
        copy.batchSize = batchSize;
        copy.pollInterval = pollInterval;
        copy.leaseDuration = leaseDuration;
        copy.maintenanceInterval = maintenanceInterval;
        copy.maxAttempts = maxAttempts;
        copy.initialBackoff = initialBackoff;
        copy.backoffMultiplier = backoffMultiplier;
        copy.maxBackoff = maxBackoff;
        copy.jitter = jitter;
        copy.atLeastOnce = atLeastOnce;
        copy.retention = retention;
        copy.shutdownTimeout = shutdownTimeout;
        copy.chunkSize = chunkSize;
        return copy;
    }

    /** Worker threads on this instance, each sending one batch at a time over one pooled connection (default 2). */
    public int getWorkers() {
        return workers;
    }

    /** Sets the value {@link #getWorkers()} returns. */
    public OutboxSettings setWorkers(int workers) {
        this.workers = range("workers", workers, 0, 256);
        return this;
    }

    /** Messages a worker claims at once and sends pipelined over one connection (default 20). */
    public int getBatchSize() {
        return batchSize;
    }

    /** Sets the value {@link #getBatchSize()} returns. */
    public OutboxSettings setBatchSize(int batchSize) {
        this.batchSize = range("batchSize", batchSize, 1, 1000);
        return this;
    }

    /** How long an idle worker waits before looking for due messages again (default 1 s). */
    public Duration getPollInterval() {
        return pollInterval;
    }

    /** Sets the value {@link #getPollInterval()} returns. */
    public OutboxSettings setPollInterval(Duration pollInterval) {
        this.pollInterval = positive("pollInterval", pollInterval);
        return this;
    }

    /**
     * How long a claim holds a message without being renewed (default 1 min). Workers renew their leases every third
     * of it; an instance that stops renewing loses its messages after this long: back to the queue before the end of
     * data, to UNKNOWN after. Keep it well above the clock skew between instances.
     */
    public Duration getLeaseDuration() {
        return leaseDuration;
    }

    /** Sets the value {@link #getLeaseDuration()} returns. */
    public OutboxSettings setLeaseDuration(Duration leaseDuration) {
        this.leaseDuration = positive("leaseDuration", leaseDuration);
        return this;
    }

    /** How often expired leases, expired messages and the retention purge are looked after (default 5 s). */
    public Duration getMaintenanceInterval() {
        return maintenanceInterval;
    }

    /** Sets the value {@link #getMaintenanceInterval()} returns. */
    public OutboxSettings setMaintenanceInterval(Duration maintenanceInterval) {
        this.maintenanceInterval = positive("maintenanceInterval", maintenanceInterval);
        return this;
    }

    /** Attempts before a message that keeps failing for now goes to DEAD (default 10). */
    public int getMaxAttempts() {
        return maxAttempts;
    }

    /** Sets the value {@link #getMaxAttempts()} returns. */
    public OutboxSettings setMaxAttempts(int maxAttempts) {
        this.maxAttempts = range("maxAttempts", maxAttempts, 1, 1000);
        return this;
    }

    /** The pause after the first failed attempt (default 30 s); each further one is longer by the multiplier. */
    public Duration getInitialBackoff() {
        return initialBackoff;
    }

    /** Sets the value {@link #getInitialBackoff()} returns. */
    public OutboxSettings setInitialBackoff(Duration initialBackoff) {
        this.initialBackoff = positive("initialBackoff", initialBackoff);
        return this;
    }

    /** How much each pause grows (default 2.0). */
    public double getBackoffMultiplier() {
        return backoffMultiplier;
    }

    /** Sets the value {@link #getBackoffMultiplier()} returns. */
    public OutboxSettings setBackoffMultiplier(double backoffMultiplier) {
        if (!(backoffMultiplier >= 1.0 && backoffMultiplier <= 100.0)) {
            throw new IllegalArgumentException("backoffMultiplier must be between 1 and 100, was " + backoffMultiplier);
        }
        this.backoffMultiplier = backoffMultiplier;
        return this;
    }

    /** The longest pause between attempts (default 1 h). */
    public Duration getMaxBackoff() {
        return maxBackoff;
    }

    /** Sets the value {@link #getMaxBackoff()} returns. */
    public OutboxSettings setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = positive("maxBackoff", maxBackoff);
        return this;
    }

    /** The share of each pause that is random, 0 to 1 (default 0.2: a pause is 80 % to 100 % of its nominal length). */
    public double getJitter() {
        return jitter;
    }

    /** Sets the value {@link #getJitter()} returns. */
    public OutboxSettings setJitter(double jitter) {
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, was " + jitter);
        }
        this.jitter = jitter;
        return this;
    }

    /**
     * Whether a message whose outcome is unknown is queued again instead of kept in UNKNOWN (default false). This
     * trades the no-duplicate guarantee for delivery: a recipient may get the message twice.
     */
    public boolean isAtLeastOnce() {
        return atLeastOnce;
    }

    /** Sets the value {@link #isAtLeastOnce()} returns. */
    public OutboxSettings setAtLeastOnce(boolean atLeastOnce) {
        this.atLeastOnce = atLeastOnce;
        return this;
    }

    /** How long SENT messages are kept before they are purged (default 7 days). */
    public Duration getRetention() {
        return retention;
    }

    /** Sets the value {@link #getRetention()} returns. */
    public OutboxSettings setRetention(Duration retention) {
        this.retention = positive("retention", retention);
        return this;
    }

    /** How long {@link SmtpOutbox#close()} lets in-flight batches finish before it stops their ends of data. */
    public Duration getShutdownTimeout() {
        return shutdownTimeout;
    }

    /** Sets the value {@link #getShutdownTimeout()} returns. */
    public OutboxSettings setShutdownTimeout(Duration shutdownTimeout) {
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        if (shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("shutdownTimeout must not be negative, was " + shutdownTimeout);
        }
        this.shutdownTimeout = shutdownTimeout;
        return this;
    }

    /** The size of the pieces the content is stored in, in bytes (default 256 KiB, at most 1 MiB). */
    public int getChunkSize() {
        return chunkSize;
    }

    /** Sets the value {@link #getChunkSize()} returns. */
    public OutboxSettings setChunkSize(int chunkSize) {
        this.chunkSize = range("chunkSize", chunkSize, 1024, 1024 * 1024);
        return this;
    }

    private static int range(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    private static Duration positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }
}
