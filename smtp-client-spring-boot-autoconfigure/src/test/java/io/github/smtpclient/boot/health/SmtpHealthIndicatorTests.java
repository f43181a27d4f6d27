package io.github.smtpclient.boot.health;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import io.github.smtpclient.RetryPolicy;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.SmtpMailSender;
import io.github.smtpclient.boot.client.SmtpServerProbe;
import io.github.smtpclient.boot.testing.TestClock;
import io.github.smtpclient.boot.testing.TrustingClientFactory;
import io.github.smtpclient.pool.PoolSettings;
import io.github.smtpclient.testing.InProcessSmtpServer;
import io.github.smtpclient.testing.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SmtpHealthIndicatorTests {

    private static final TestCertificates CERTIFICATES = TestCertificates.forLocalhost();

    private static final byte[] MESSAGE = "From: a@example.test\r\nTo: b@example.test\r\n\r\nhi\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    private static InProcessSmtpServer server;

    @BeforeAll
    static void startServer() {
        server = InProcessSmtpServer.start(CERTIFICATES);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void aReachableServerIsUpWithHostPortTlsAndCapabilities() {
        TrustingClientFactory factory = new TrustingClientFactory(server.port(), CERTIFICATES);

        Health health = new SmtpHealthIndicator(probe(factory), null).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("host", "localhost").containsEntry("port", server.port())
                .containsKeys("checkedAt", "tlsVersion", "cipherSuite", "capabilities").doesNotContainKey("error");
    }

    @Test
    void anUnreachableServerIsDownWithTheError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        Health health = new SmtpHealthIndicator(probe(new TrustingClientFactory(closedPort, CERTIFICATES)), null).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("error")).asString().startsWith("CONNECT_FAILED: ");
        assertThat(health.getDetails()).doesNotContainKeys("tlsVersion", "capabilities");
    }

    @Test
    void aPooledSendersConnectionsAreReported() {
        TrustingClientFactory factory = new TrustingClientFactory(server.port(), CERTIFICATES);
        try (SmtpMailSender sender = SmtpMailSender.builder("localhost", server.port())
                .configureClients(factory::configure).build()) {

            Health health = new SmtpHealthIndicator(probe(factory), sender).health();

            assertThat(health.getDetails()).containsEntry("pool", Map.of("active", 0, "idle", 0, "waiting", 0,
                    "circuit", "CLOSED", "consecutiveFailures", 0));
        }
    }

    @Test
    void anOpenCircuitBreakerIsDownWhateverTheCachedProbeSaid() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        TrustingClientFactory reachable = new TrustingClientFactory(server.port(), CERTIFICATES);
        PoolSettings settings = new PoolSettings();
        settings.circuitBreaker().setFailureThreshold(1);
        settings.circuitBreaker().setBackoff(Duration.ofMinutes(1));
        try (SmtpMailSender sender = SmtpMailSender.builder("localhost", closedPort)
                .configureClients(new TrustingClientFactory(closedPort, CERTIFICATES)::configure)
                .pool(settings).retry(RetryPolicy.NONE).build()) {
            SmtpHealthIndicator indicator = new SmtpHealthIndicator(probe(reachable), sender);
            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);

            assertThatExceptionOfType(SmtpException.class).isThrownBy(() -> sender.sendBytes(MESSAGE));

            Health health = indicator.health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsKey("capabilities").containsEntry("pool", Map.of("active", 0,
                    "idle", 0, "waiting", 0, "circuit", "OPEN", "consecutiveFailures", 1));
        }
    }

    private static SmtpServerProbe probe(TrustingClientFactory factory) {
        return new SmtpServerProbe(factory, Duration.ofSeconds(2), Duration.ofSeconds(30), new TestClock());
    }
}
