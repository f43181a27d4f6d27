/**
 * A pool of connected {@link io.github.smtpclient.SmtpClient}s for one server: {@link io.github.smtpclient.pool.SmtpConnectionPool}
 * hands out {@link io.github.smtpclient.pool.PooledConnection} leases, checks a connection that sat idle before
 * lending it again, closes connections that stayed idle too long, and never takes back a connection whose state is
 * unknown. Configured by {@link io.github.smtpclient.pool.PoolSettings}; observed through
 * {@link io.github.smtpclient.pool.PoolStats}.
 */
package io.github.smtpclient.pool;
