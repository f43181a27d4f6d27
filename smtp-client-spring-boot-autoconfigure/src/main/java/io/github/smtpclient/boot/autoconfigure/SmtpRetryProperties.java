package io.github.smtpclient.boot.autoconfigure;

import java.time.Duration;

/**
 * The {@code smtp.client.retry.*} properties: how the pooled SmtpMailSender retries a send that failed
 * before the message data was committed; drives {@code RetryPolicy}.
 */
public class SmtpRetryProperties {

    /** Tries in all, between 1 (no retry) and 100. */
    private int maxAttempts = 3;

    /** Pause before the second try, between 0 and 1 hour. */
    private Duration backoff = Duration.ofMillis(100);

    /** How much each further pause grows, between 1 and 100. */
    private double multiplier = 2.0;

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public Duration getBackoff() {
        return backoff;
    }

    public void setBackoff(Duration backoff) {
        this.backoff = backoff;
    }

    public double getMultiplier() {
        return multiplier;
    }

    public void setMultiplier(double multiplier) {
        this.multiplier = multiplier;
    }
}
