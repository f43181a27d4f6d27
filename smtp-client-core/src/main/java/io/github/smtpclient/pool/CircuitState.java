package io.github.smtpclient.pool;

/**
 * The state of a pool's circuit breaker (see {@link CircuitBreakerSettings}), as {@link PoolStats#circuit()}
 * reports it.
 */
public enum CircuitState {
    /** Connections are opened as needed; the server has not failed often enough in a row to stop that. */
    CLOSED,
    /**
     * The server failed too many connection attempts in a row: sends that need a new connection fail at once with
     * {@link io.github.smtpclient.SmtpErrorCode#CIRCUIT_OPEN} until the back-off has passed.
     */
    OPEN,
    /**
     * The back-off has passed: the next send that needs a connection tries one (the probe), and the others fail at
     * once until the probe has connected or failed.
     */
    HALF_OPEN
}
