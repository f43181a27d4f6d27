package io.github.smtpclient.pool;

import java.util.Objects;

/**
 * A snapshot of a pool's state, for gauges and health details.
 *
 * @param active              connections lent out right now
 * @param idle                connected and waiting in the pool to be lent
 * @param waiting             threads waiting for a connection to become free
 * @param circuit             the circuit breaker's state (see {@link CircuitBreakerSettings})
 * @param consecutiveFailures connection attempts that failed in a row, 0 after one succeeded
 */
public record PoolStats(int active, int idle, int waiting, CircuitState circuit, int consecutiveFailures) {

    /**
     * @param active              connections lent out
     * @param idle                connections waiting to be lent
     * @param waiting             threads waiting for a connection
     * @param circuit             the circuit breaker's state
     * @param consecutiveFailures connection attempts that failed in a row
     * @throws NullPointerException if {@code circuit} is null
     */
    public PoolStats {
        Objects.requireNonNull(circuit, "circuit");
    }

    /**
     * A snapshot with the circuit breaker closed and no failed connection attempt.
     *
     * @param active  connections lent out
     * @param idle    connections waiting to be lent
     * @param waiting threads waiting for a connection
     */
    public PoolStats(int active, int idle, int waiting) {
        this(active, idle, waiting, CircuitState.CLOSED, 0);
    }
}
