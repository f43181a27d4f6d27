package io.github.smtpclient.boot.outbox.actuate;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import io.github.smtpclient.outbox.OutboxState;
import io.github.smtpclient.outbox.OutboxStatistics;
import io.github.smtpclient.outbox.SmtpOutbox;

/**
 * The outbox's meters: {@code smtp.outbox.messages} (gauge per {@code state}, the whole store),
 * {@code smtp.outbox.oldest.due.age} (seconds the oldest due message has waited, 0 when none),
 * {@code smtp.outbox.attempts} (counter per {@code outcome}: sent, retried, dead, unknown, aborted) and
 * {@code smtp.outbox.lease.expiries} (this instance's counts). The store is queried at most once per refresh interval
 * however often the registry reads.
 */
public final class SmtpOutboxMetrics implements MeterBinder {

    private final SmtpOutbox outbox;
    private final long refreshNanos;
    private volatile Snapshot snapshot;

    /** What the store said last. */
    private record Snapshot(long takenAt, Map<OutboxState, Long> depths, double oldestDueSeconds) {
    }

    /**
     * @param outbox  the outbox to measure
     * @param refresh how long a reading of the store is reused
     */
    public SmtpOutboxMetrics(SmtpOutbox outbox, Duration refresh) {
        this.outbox = outbox;
        this.refreshNanos = refresh.toNanos();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (OutboxState state : OutboxState.values()) {
            Gauge.builder("smtp.outbox.messages", this, metrics -> metrics.snapshot().depths().getOrDefault(state, 0L))
                    .tag("state", state.name()).description("Messages in the outbox by state").register(registry);
        }
        Gauge.builder("smtp.outbox.oldest.due.age", this, metrics -> metrics.snapshot().oldestDueSeconds())
                .baseUnit("seconds").description("How long the oldest due message has waited").register(registry);
        counter(registry, "sent", OutboxStatistics::sent);
        counter(registry, "retried", OutboxStatistics::retried);
        counter(registry, "dead", OutboxStatistics::dead);
        counter(registry, "unknown", OutboxStatistics::unknown);
        counter(registry, "aborted", OutboxStatistics::aborted);
        FunctionCounter.builder("smtp.outbox.lease.expiries", outbox, o -> o.statistics().leaseExpiries())
                .description("Expired leases of any instance taken back by this one").register(registry);
    }

    private void counter(MeterRegistry registry, String outcome, ToLongFunction<OutboxStatistics> count) {
        FunctionCounter.builder("smtp.outbox.attempts", outbox, o -> count.applyAsLong(o.statistics()))
                .tag("outcome", outcome).description("Delivery attempts of this instance by outcome").register(registry);
    }

    private Snapshot snapshot() {
        Snapshot last = snapshot;
        long now = System.nanoTime();
        if (last != null && now - last.takenAt() < refreshNanos) {
            return last;
        }
        try {
            Snapshot fresh = new Snapshot(now, new EnumMap<>(outbox.depths()),
                    outbox.oldestDueAge().map(age -> age.toMillis() / 1000.0).orElse(0.0));
            snapshot = fresh;
            return fresh;
        } catch (RuntimeException e) {
            // A store that cannot be read leaves the last values in place; the health indicator reports it.
            return last != null ? last : new Snapshot(now, Map.of(), Double.NaN);
        }
    }
}
