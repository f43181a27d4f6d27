package io.github.smtpclient.boot.outbox.actuate;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import io.github.smtpclient.outbox.OutboxState;
import io.github.smtpclient.outbox.SmtpOutbox;

/**
 * The {@code smtpOutbox} health: DOWN when the oldest due message has waited longer than the threshold (the workers
 * are not keeping up, or cannot reach the server), or when the store cannot be read; UP otherwise, with the queue
 * depths by state.
 */
public final class SmtpOutboxHealthIndicator implements HealthIndicator {

    private final SmtpOutbox outbox;
    private final Duration maxOldestDueAge;

    /**
     * @param outbox          the outbox to report on
     * @param maxOldestDueAge how long the oldest due message may wait before the outbox is DOWN
     */
    public SmtpOutboxHealthIndicator(SmtpOutbox outbox, Duration maxOldestDueAge) {
        this.outbox = outbox;
        this.maxOldestDueAge = maxOldestDueAge;
    }

    @Override
    public Health health() {
        Map<OutboxState, Long> depths;
        Optional<Duration> oldest;
        try {
            depths = outbox.depths();
            oldest = outbox.oldestDueAge();
        } catch (RuntimeException e) {
            return Health.down().withDetail("error", "The outbox store cannot be read: " + e.getMessage()).build();
        }
        Health.Builder health = oldest.filter(age -> age.compareTo(maxOldestDueAge) > 0).isPresent()
                ? Health.down() : Health.up();
        health.withDetail("depths", depths).withDetail("maxOldestDueAge", maxOldestDueAge.toString());
        oldest.ifPresent(age -> health.withDetail("oldestDueAge", age.toString()));
        return health.build();
    }
}
