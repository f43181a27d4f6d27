package io.github.smtpclient.pool;

/**
 * A snapshot of a pool's state, for gauges and health details.
 *
 * @param active  connections lent out right now
 * @param idle    connected and waiting in the pool to be lent
 * @param waiting threads waiting for a connection to become free
 */
public record PoolStats(int active, int idle, int waiting) {
}
