package io.github.smtpclient.boot.observation;

import java.util.Locale;
import java.util.Objects;
import java.util.function.ToIntFunction;

import io.github.smtpclient.SmtpMailSender;
import io.github.smtpclient.pool.CircuitState;
import io.github.smtpclient.pool.PoolStats;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Gauges of the pooled sender's connections: {@code smtp.client.pool.active} (lent out), {@code .idle} (open and
 * waiting) and {@code .waiting} (threads waiting for a free connection); and of its circuit breaker:
 * {@code smtp.client.pool.circuit.state}, one gauge per state (tag {@code state=closed|open|half_open}) that is 1
 * for the current state and 0 for the others, and {@code smtp.client.pool.circuit.failures}, the connection
 * attempts that failed in a row.
 */
public final class SmtpPoolMetrics implements MeterBinder {

    private final SmtpMailSender sender;
    private final String server;

    /** Gauges of the sender's pool, tagged with the server {@code host:port}. */
    public SmtpPoolMetrics(SmtpMailSender sender, String server) {
        this.sender = Objects.requireNonNull(sender, "sender");
        this.server = Objects.requireNonNull(server, "server");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "active", "Connections lent out to senders", PoolStats::active);
        gauge(registry, "idle", "Open connections waiting in the pool", PoolStats::idle);
        gauge(registry, "waiting", "Threads waiting for a free connection", PoolStats::waiting);
        gauge(registry, "circuit.failures", "Connection attempts that failed in a row", PoolStats::consecutiveFailures);
        for (CircuitState state : CircuitState.values()) {
            Gauge.builder("smtp.client.pool.circuit.state", sender, s -> s.stats().circuit() == state ? 1 : 0)
                    .tag("server.address", server)
                    .tag("state", state.name().toLowerCase(Locale.ROOT))
                    .description("1 when the circuit breaker is in this state")
                    .register(registry);
        }
    }

    private void gauge(MeterRegistry registry, String state, String description, ToIntFunction<PoolStats> value) {
        Gauge.builder("smtp.client.pool." + state, sender, s -> value.applyAsInt(s.stats()))
                .tag("server.address", server)
                .description(description)
                .register(registry);
    }
}
