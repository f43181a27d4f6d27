package io.github.smtpclient;

import java.time.Duration;
import java.util.Objects;

/**
 * How often {@link SmtpMailSender} tries a message, and how long it pauses between tries.
 *
 * <p>Only a failure that happened before the end of the message data was sent is retried, on another connection:
 * a connection that could not be opened ({@link SmtpErrorCode#CONNECT_FAILED}, {@link SmtpErrorCode#TIMEOUT},
 * {@link SmtpErrorCode#CONNECTION_CLOSED}, {@link SmtpErrorCode#SERVICE_UNAVAILABLE}), a session that was lost or
 * answered 421 before the end of data (the same codes), and a temporary (4xx) refusal of the sender or of every
 * recipient ({@link SmtpErrorCode#SENDER_REJECTED}, {@link SmtpErrorCode#ALL_RECIPIENTS_REJECTED}, or
 * {@link SmtpErrorCode#RECIPIENT_REJECTED} under all-or-nothing delivery). Nothing after
 * the end of data is retried, because the server may have taken the message: not
 * {@link SmtpErrorCode#OUTCOME_UNKNOWN}, not {@link SmtpErrorCode#MESSAGE_REJECTED} (a 421 to the final dot
 * included). Neither are permanent (5xx) refusals, failed authentication or TLS, a TLS mode that does not fit the
 * port ({@link SmtpErrorCode#TLS_MODE_MISMATCH}), protocol violations, invalid input, cancellation, a
 * {@link io.github.smtpclient.pool.PoolSettings#getBorrowTimeout() borrow timeout} (which has already waited), nor
 * {@link SmtpErrorCode#CIRCUIT_OPEN} (the pool's circuit breaker says the server keeps failing: such a send fails
 * at once, which is the breaker's point).
 *
 * @param maxAttempts tries in all, at least 1 (1 means no retry)
 * @param backoff     the pause before the second try
 * @param multiplier  how much each further pause grows, at least 1
 */
public record RetryPolicy(int maxAttempts, Duration backoff, double multiplier) {

    /** Three tries, pausing 100 ms then 200 ms. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(100), 2.0);

    /** One try: every failure is reported at once. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, 1.0);

    /** @throws IllegalArgumentException naming the value that is out of range */
    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalArgumentException("retry maxAttempts must be between 1 and 100, was " + maxAttempts);
        }
        Objects.requireNonNull(backoff, "retry backoff");
        if (backoff.isNegative() || backoff.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("retry backoff must be between 0 and 1 hour, was " + backoff);
        }
        if (!(multiplier >= 1.0 && multiplier <= 100.0)) {
            throw new IllegalArgumentException("retry multiplier must be between 1 and 100, was " + multiplier);
        }
    }

    /** The pause before try number {@code attempt} (2 or more): backoff × multiplier^(attempt − 2). */
    public Duration backoffBefore(int attempt) {
        if (attempt < 2) {
            throw new IllegalArgumentException("attempt must be 2 or more, was " + attempt);
        }
        double nanos = backoff.toNanos() * Math.pow(multiplier, attempt - 2.0);
        return Duration.ofNanos((long) Math.min(nanos, (double) Duration.ofHours(1).toNanos()));
    }
}
