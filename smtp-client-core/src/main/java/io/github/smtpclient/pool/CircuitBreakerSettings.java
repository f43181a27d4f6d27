package io.github.smtpclient.pool;

import java.time.Duration;
import java.util.Objects;

/**
 * When a pool stops opening connections to a server that keeps failing, reached as
 * {@link PoolSettings#circuitBreaker()}. Mutable and not thread-safe, like {@link PoolSettings}.
 *
 * <p>After {@link #getFailureThreshold()} connection attempts in a row fail (connect refused or timed out, a 421 or
 * 554 greeting, a failed TLS handshake or certificate check, a connection dropped before EHLO), the breaker
 * <em>opens</em>: every send that needs a new connection fails at once with
 * {@link io.github.smtpclient.SmtpErrorCode#CIRCUIT_OPEN} instead of connecting. After {@link #getBackoff()} one
 * send is let through to try a connection (the probe); if it fails the breaker opens again for
 * {@link #getBackoffMultiplier()} times as long, up to {@link #getMaxBackoff()}; if it connects the breaker closes
 * and the pool works as before. Idle connections already open are still lent while the breaker is open.
 *
 * <p>Failed authentication does not count: the server was reached, and with several identities one account's
 * wrong password must not stop the others' mail.
 *
 * <p>Defaults: open after 5 failures in a row, probe after 1 second, then after 2, 4, 8... seconds, at most 1 minute.
 */
public final class CircuitBreakerSettings {

    /** Default {@link #getFailureThreshold() failure threshold}: 5 connection attempts in a row. */
    public static final int DEFAULT_FAILURE_THRESHOLD = 5;
    /** Default {@link #getBackoff() first back-off}: 1 second. */
    public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);
    /** Default {@link #getBackoffMultiplier() back-off multiplier}: 2. */
    public static final double DEFAULT_BACKOFF_MULTIPLIER = 2.0;
    /** Default {@link #getMaxBackoff() longest back-off}: 1 minute. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(1);

    private static final Duration LONGEST = Duration.ofDays(1);

    private boolean enabled = true;
    private int failureThreshold = DEFAULT_FAILURE_THRESHOLD;
    private Duration backoff = DEFAULT_BACKOFF;
    private double backoffMultiplier = DEFAULT_BACKOFF_MULTIPLIER;
    private Duration maxBackoff = DEFAULT_MAX_BACKOFF;

    /** Settings with the defaults each getter describes. */
    public CircuitBreakerSettings() {
    }

    /**
     * Whether the breaker is on. Off, every send that needs a connection tries to open one, however often the
     * server failed. Default true.
     *
     * @return whether the breaker is on
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Switches the breaker on or off.
     *
     * @param enabled false to always try to connect
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * How many connection attempts in a row must fail before the breaker opens. Default 5.
     *
     * @return the threshold, at least 1
     */
    public int getFailureThreshold() {
        return failureThreshold;
    }

    /**
     * Sets how many connection attempts in a row must fail before the breaker opens.
     *
     * @param failureThreshold between 1 and 1000
     * @throws IllegalArgumentException when out of range
     */
    public void setFailureThreshold(int failureThreshold) {
        if (failureThreshold < 1 || failureThreshold > 1000) {
            throw new IllegalArgumentException("pool.circuitBreaker.failureThreshold must be between 1 and 1000, was "
                    + failureThreshold);
        }
        this.failureThreshold = failureThreshold;
    }

    /**
     * How long the breaker stays open the first time, before one probe connection is let through. Default 1 second.
     *
     * @return the first back-off
     */
    public Duration getBackoff() {
        return backoff;
    }

    /**
     * Sets how long the breaker stays open the first time.
     *
     * @param backoff between 1 millisecond and 1 day
     * @throws IllegalArgumentException when null or out of range
     */
    public void setBackoff(Duration backoff) {
        this.backoff = requireRange(backoff, "pool.circuitBreaker.backoff");
    }

    /**
     * How much longer the breaker stays open each time a probe fails. Default 2.
     *
     * @return the multiplier, at least 1
     */
    public double getBackoffMultiplier() {
        return backoffMultiplier;
    }

    /**
     * Sets how much longer the breaker stays open each time a probe fails.
     *
     * @param backoffMultiplier between 1 (the same back-off every time) and 100
     * @throws IllegalArgumentException when out of range
     */
    public void setBackoffMultiplier(double backoffMultiplier) {
        if (!(backoffMultiplier >= 1.0 && backoffMultiplier <= 100.0)) {
            throw new IllegalArgumentException("pool.circuitBreaker.backoffMultiplier must be between 1 and 100, was "
                    + backoffMultiplier);
        }
        this.backoffMultiplier = backoffMultiplier;
    }

    /**
     * The longest the breaker stays open at a time, however many probes failed. Default 1 minute.
     *
     * @return the longest back-off
     */
    public Duration getMaxBackoff() {
        return maxBackoff;
    }

    /**
     * Sets the longest the breaker stays open at a time.
     *
     * @param maxBackoff between 1 millisecond and 1 day, and not shorter than {@link #getBackoff()} (checked when
     *                   the pool is made)
     * @throws IllegalArgumentException when null or out of range
     */
    public void setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = requireRange(maxBackoff, "pool.circuitBreaker.maxBackoff");
    }

    /**
     * How long the breaker stays open after it opened {@code times} times in a row without a successful connection
     * in between: backoff × multiplier^(times − 1), at most the longest back-off.
     */
    Duration backoffAfter(int times) {
        double nanos = backoff.toNanos() * Math.pow(backoffMultiplier, Math.max(0, times - 1));
        return nanos >= maxBackoff.toNanos() ? maxBackoff : Duration.ofNanos((long) nanos);
    }

    /**
     * An independent copy.
     *
     * @return a copy that later changes to this object do not affect
     */
    public CircuitBreakerSettings copy() {
        CircuitBreakerSettings copy = new CircuitBreakerSettings();
        copy.enabled = enabled;
        copy.failureThreshold = failureThreshold;
        copy.backoff = backoff;
        copy.backoffMultiplier = backoffMultiplier;
        copy.maxBackoff = maxBackoff;
        return copy;
    }

    /** Checks the rules between settings, which single setters cannot. */
    void checkConsistent() {
        if (maxBackoff.compareTo(backoff) < 0) {
            throw new IllegalArgumentException("pool.circuitBreaker.maxBackoff (" + maxBackoff + ") must not be shorter"
                    + " than pool.circuitBreaker.backoff (" + backoff + ")");
        }
    }

    @Override
    public String toString() {
        return "CircuitBreakerSettings[enabled=" + enabled + ", failureThreshold=" + failureThreshold + ", backoff="
                + backoff + ", backoffMultiplier=" + backoffMultiplier + ", maxBackoff=" + maxBackoff + "]";
    }

    private static Duration requireRange(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.compareTo(Duration.ofMillis(1)) < 0 || value.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException(name + " must be between 1 ms and 1 day, was " + value);
        }
        return value;
    }
}
