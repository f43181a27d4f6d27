package io.github.smtpclient.boot.autoconfigure;

import java.time.Duration;

/**
 * The {@code smtp.client.pool.circuit-breaker.*} properties: when the pool stops connecting to a
 * server that keeps failing, so that sends fail at once with CIRCUIT_OPEN instead of each opening a
 * connection; drives {@code CircuitBreakerSettings}.
 */
public class SmtpCircuitBreakerProperties {

    /** Whether sends stop connecting for a while after 'failure-threshold' connection attempts in a row failed. */
    private boolean enabled = true;

    /**
     * Connection attempts in a row that must fail (refused, timed out, 421 greeting, TLS failure) before the
     * breaker opens, between 1 and 1000.
     */
    private int failureThreshold = 5;

    /**
     * How long the breaker stays open the first time before one send may try to connect, between 1ms and 1 day.
     */
    private Duration backoff = Duration.ofSeconds(1);

    /** How much longer the breaker stays open each time that try fails, between 1 and 100. */
    private double backoffMultiplier = 2.0;

    /** The longest the breaker stays open at a time, at least 'backoff'. */
    private Duration maxBackoff = Duration.ofMinutes(1);

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getFailureThreshold() {
        return failureThreshold;
    }

    public void setFailureThreshold(int failureThreshold) {
        this.failureThreshold = failureThreshold;
    }

    public Duration getBackoff() {
        return backoff;
    }

    public void setBackoff(Duration backoff) {
        this.backoff = backoff;
    }

    public double getBackoffMultiplier() {
        return backoffMultiplier;
    }

    public void setBackoffMultiplier(double backoffMultiplier) {
        this.backoffMultiplier = backoffMultiplier;
    }

    public Duration getMaxBackoff() {
        return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
    }
}
