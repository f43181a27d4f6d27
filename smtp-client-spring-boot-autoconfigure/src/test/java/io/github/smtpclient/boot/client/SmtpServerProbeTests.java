package io.github.smtpclient.boot.client;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.boot.testing.TestClock;
import io.github.smtpclient.boot.testing.TrustingClientFactory;
import io.github.smtpclient.testing.InProcessSmtpServer;
import io.github.smtpclient.testing.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SmtpServerProbeTests {

    private static final TestCertificates CERTIFICATES = TestCertificates.forLocalhost();

    private static InProcessSmtpServer server;

    private final TestClock clock = new TestClock();

    @BeforeAll
    static void startServer() {
        server = InProcessSmtpServer.start(CERTIFICATES);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void aServerThatAnswersIsUpWithItsCapabilitiesAndTls() {
        SmtpServerProbe probe = new SmtpServerProbe(new TrustingClientFactory(server.port(), CERTIFICATES),
                Duration.ofSeconds(5), Duration.ofSeconds(30), clock);

        ServerSnapshot snapshot = probe.probe();

        assertThat(snapshot.isUp()).isTrue();
        assertThat(snapshot.host()).isEqualTo("localhost");
        assertThat(snapshot.port()).isEqualTo(server.port());
        assertThat(snapshot.capabilities()).contains("8BITMIME").anyMatch(line -> line.startsWith("AUTH "));
        assertThat(snapshot.tls()).hasValueSatisfying(tls -> assertThat(tls.protocol()).startsWith("TLSv1."));
        assertThat(probe.last()).contains(snapshot);
    }

    @Test
    void aPortNobodyListensOnIsDownWithTheError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SmtpServerProbe probe = new SmtpServerProbe(new TrustingClientFactory(closedPort, CERTIFICATES),
                Duration.ofSeconds(2), Duration.ofSeconds(30), clock);

        ServerSnapshot snapshot = probe.probe();

        assertThat(snapshot.isUp()).isFalse();
        assertThat(snapshot.failure()).hasValueSatisfying(
                failure -> assertThat(failure.errorCode()).isEqualTo(SmtpErrorCode.CONNECT_FAILED));
        assertThat(snapshot.capabilities()).isEmpty();
        assertThat(snapshot.tls()).isEmpty();
    }

    @Test
    void aResultIsReusedUntilTheCacheIntervalHasPassed() {
        SmtpServerProbe probe = new SmtpServerProbe(new TrustingClientFactory(server.port(), CERTIFICATES),
                Duration.ofSeconds(5), Duration.ofSeconds(30), clock);
        ServerSnapshot first = probe.probe();

        clock.advance(Duration.ofSeconds(29));
        assertThat(probe.probe()).isSameAs(first);

        clock.advance(Duration.ofSeconds(1));
        ServerSnapshot second = probe.probe();
        assertThat(second).isNotSameAs(first);
        assertThat(second.checkedAt()).isEqualTo(first.checkedAt().plusSeconds(30));
    }

    @Test
    void nothingIsProbedBeforeTheFirstRequest() {
        SmtpServerProbe probe = new SmtpServerProbe(new TrustingClientFactory(server.port(), CERTIFICATES),
                Duration.ofSeconds(5), Duration.ofSeconds(30), clock);

        assertThat(probe.last()).isEmpty();
    }
}
