package io.github.smtpclient.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How one message is queued: not before when, with which priority, under which idempotency key, and until when it
 * may still be sent. Immutable; start from {@link #defaults()}.
 *
 * <pre>{@code
 * outbox.enqueue(message, EnqueueOptions.defaults()
 *         .idempotencyKey("order-4711-confirmation")
 *         .priority(10)
 *         .expiresAfter(Duration.ofHours(4)));
 * }</pre>
 */
public final class EnqueueOptions {

    /** The longest idempotency key, in characters. */
    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

    private static final EnqueueOptions DEFAULTS = new EnqueueOptions(null, 0, null, null, null);

    private final Instant notBefore;
    private final int priority;
    private final String idempotencyKey;
    private final Instant expiresAt;
    private final Duration expiresAfter;

    private EnqueueOptions(Instant notBefore, int priority, String idempotencyKey, Instant expiresAt,
            Duration expiresAfter) {
        this.notBefore = notBefore;
        this.priority = priority;
        this.idempotencyKey = idempotencyKey;
        this.expiresAt = expiresAt;
        this.expiresAfter = expiresAfter;
    }

    /** Send as soon as possible, priority 0, no idempotency key, no expiry. */
    public static EnqueueOptions defaults() {
        return DEFAULTS;
    }

    /** These options, sending no earlier than {@code notBefore}. */
    public EnqueueOptions notBefore(Instant notBefore) {
        return new EnqueueOptions(Objects.requireNonNull(notBefore, "notBefore"), priority, idempotencyKey, expiresAt,
                expiresAfter);
    }

    /** These options with a priority: due messages with a higher one are claimed first (default 0). */
    public EnqueueOptions priority(int priority) {
        return new EnqueueOptions(notBefore, priority, idempotencyKey, expiresAt, expiresAfter);
    }

    /**
     * These options with an idempotency key: a second enqueue with the same key (while the first is kept) is a
     * no-op that returns the first message's id.
     *
     * @throws IllegalArgumentException when the key is blank or longer than 255 characters
     */
    public EnqueueOptions idempotencyKey(String idempotencyKey) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        if (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
            throw new IllegalArgumentException("idempotencyKey must be 1-" + MAX_IDEMPOTENCY_KEY_LENGTH
                    + " characters and not blank, was \"" + idempotencyKey + "\"");
        }
        return new EnqueueOptions(notBefore, priority, idempotencyKey, expiresAt, expiresAfter);
    }

    /** These options with an expiry: not sent after {@code expiresAt}; the message goes to DEAD instead. */
    public EnqueueOptions expiresAt(Instant expiresAt) {
        return new EnqueueOptions(notBefore, priority, idempotencyKey, Objects.requireNonNull(expiresAt, "expiresAt"),
                null);
    }

    /** These options with an expiry {@code expiresAfter} after the enqueue. */
    public EnqueueOptions expiresAfter(Duration expiresAfter) {
        Objects.requireNonNull(expiresAfter, "expiresAfter");
        if (expiresAfter.isNegative() || expiresAfter.isZero()) {
            throw new IllegalArgumentException("expiresAfter must be positive, was " + expiresAfter);
        }
        return new EnqueueOptions(notBefore, priority, idempotencyKey, null, expiresAfter);
    }

    /** The earliest send time, if set. */
    public Optional<Instant> notBefore() {
        return Optional.ofNullable(notBefore);
    }

    /** The priority; higher goes first. */
    public int priority() {
        return priority;
    }

    /** The idempotency key, if set. */
    public Optional<String> idempotencyKey() {
        return Optional.ofNullable(idempotencyKey);
    }

    /** The expiry for a message enqueued at {@code now}, if any. */
    public Optional<Instant> expiryFor(Instant now) {
        return expiresAfter != null ? Optional.of(now.plus(expiresAfter)) : Optional.ofNullable(expiresAt);
    }

    @Override
    public String toString() {
        return "EnqueueOptions[notBefore=" + notBefore + ", priority=" + priority + ", idempotencyKey="
                + idempotencyKey + ", expires=" + (expiresAfter != null ? "after " + expiresAfter : expiresAt) + "]";
    }
}
