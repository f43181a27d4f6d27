package io.github.smtpclient.boot.client;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import io.github.smtpclient.ServerInfo;
import io.github.smtpclient.SmtpClient;
import io.github.smtpclient.SmtpException;

/**
 * Checks that the server answers: connect, EHLO, TLS and authentication as configured, QUIT, all under a short
 * timeout of its own. A result is reused for the cache interval, so health probes and endpoint reads do not open
 * a connection each; concurrent callers share one probe. Thread-safe.
 */
public final class SmtpServerProbe {

    private final SmtpClientFactory factory;
    private final Duration timeout;
    private final Duration cacheInterval;
    private final Clock clock;
    private ServerSnapshot last;

    /**
     * @param factory       makes the client, with the application's settings
     * @param timeout       socket and connect timeout of the probe, replacing the configured ones
     * @param cacheInterval how long a result is reused; zero probes every time
     * @param clock         the time source for the cache
     */
    public SmtpServerProbe(SmtpClientFactory factory, Duration timeout, Duration cacheInterval, Clock clock) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.cacheInterval = Objects.requireNonNull(cacheInterval, "cacheInterval");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (cacheInterval.isNegative()) {
            throw new IllegalArgumentException("cacheInterval must not be negative, was " + cacheInterval);
        }
    }

    /** The last result if it is younger than the cache interval, otherwise a new probe's. */
    public synchronized ServerSnapshot probe() {
        if (last == null || !clock.instant().isBefore(last.checkedAt().plus(cacheInterval))) {
            last = probeNow();
        }
        return last;
    }

    /** The last result, without probing. */
    public synchronized Optional<ServerSnapshot> last() {
        return Optional.ofNullable(last);
    }

    private ServerSnapshot probeNow() {
        try (SmtpClient client = factory.createClient()) {
            client.socket().setTimeout(timeout);
            client.socket().setConnectTimeout(timeout);
            try {
                client.connect(factory.host(), factory.port());
                return snapshot(client.getServerInfo(), client, null);
            } catch (SmtpException e) {
                return snapshot(ServerInfo.none(), client, e);
            }
        }
    }

    private ServerSnapshot snapshot(ServerInfo info, SmtpClient client, SmtpException failure) {
        return new ServerSnapshot(factory.host(), factory.port(), clock.instant(), info, client.getTlsInfo(),
                Optional.ofNullable(failure));
    }
}
