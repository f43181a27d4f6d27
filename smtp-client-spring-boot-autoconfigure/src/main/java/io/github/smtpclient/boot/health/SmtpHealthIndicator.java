package io.github.smtpclient.boot.health;

import java.util.Map;
import java.util.Objects;

import io.github.smtpclient.SmtpMailSender;
import io.github.smtpclient.boot.client.ServerSnapshot;
import io.github.smtpclient.boot.client.SmtpServerProbe;
import io.github.smtpclient.pool.CircuitState;
import io.github.smtpclient.pool.PoolStats;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Reports the SMTP server UP when a probe (connect, EHLO, TLS, authentication, QUIT under a short timeout) succeeds,
 * DOWN with the error otherwise. The probe's result is reused for its cache interval, so frequent health checks do
 * not open a connection each. Details: host, port, when it was checked, TLS version and cipher suite, capabilities,
 * and the pooled sender's connections with its circuit breaker. While the breaker is open (the sender's last
 * connection attempts all failed, so sends fail at once) the indicator is DOWN whatever the cached probe said: that
 * is the fresher evidence. Once the back-off has passed the breaker is half open and the probe decides again.
 */
public final class SmtpHealthIndicator implements HealthIndicator {

    private final SmtpServerProbe probe;
    private final @Nullable SmtpMailSender sender;

    /**
     * @param probe  probes the server
     * @param sender the pooled sender whose connections are reported, or {@code null}
     */
    public SmtpHealthIndicator(SmtpServerProbe probe, @Nullable SmtpMailSender sender) {
        this.probe = Objects.requireNonNull(probe, "probe");
        this.sender = sender;
    }

    @Override
    public Health health() {
        ServerSnapshot snapshot = probe.probe();
        PoolStats pool = sender == null ? null : sender.stats();
        boolean circuitOpen = pool != null && pool.circuit() == CircuitState.OPEN;
        Health.Builder health = snapshot.isUp() && !circuitOpen ? Health.up() : Health.down();
        health.withDetail("host", snapshot.host())
                .withDetail("port", snapshot.port())
                .withDetail("checkedAt", snapshot.checkedAt().toString());
        snapshot.tls().ifPresent(tls -> health.withDetail("tlsVersion", tls.protocol())
                .withDetail("cipherSuite", tls.cipherSuite()));
        if (snapshot.serverInfo().isAvailable()) {
            health.withDetail("capabilities", snapshot.capabilities());
        }
        if (pool != null) {
            health.withDetail("pool", Map.of("active", pool.active(), "idle", pool.idle(), "waiting", pool.waiting(),
                    "circuit", pool.circuit().name(), "consecutiveFailures", pool.consecutiveFailures()));
        }
        snapshot.failure().ifPresent(failure -> health.withDetail("error",
                failure.errorCode() + ": " + failure.getMessage()));
        return health.build();
    }
}
