package io.github.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.smtpclient.pool.PoolSettings;
import io.github.smtpclient.testing.InProcessSmtpServer;
import io.github.smtpclient.tls.TlsMode;

/**
 * The limit a whole {@link SmtpMailSender} keeps, over all its connections. Each test checks a lower bound on the
 * time taken, which a limit that holds cannot undercut; the achieved rates are measured by the benchmarks module.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SenderRateLimitTests {

    private static InProcessSmtpServer server;

    @BeforeAll
    static void startServer() {
        server = InProcessSmtpServer.startPlain();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void messagesPerSecondHoldForEveryConnectionTogether() throws Exception {
        try (SmtpMailSender sender = sender(10, 0)) {
            long started = System.nanoTime();
            List<CompletableFuture<SendResult>> sends = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                sends.add(sender.sendBytesAsync(message(i, 10)));
            }
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get();

            // 25 messages, a burst of 1, 10 per second, over four connections: at least 2.4 s.
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(2390));
        }
    }

    @Test
    void bytesPerSecondHoldForEveryConnectionTogether() throws Exception {
        try (SmtpMailSender sender = sender(0, 100_000)) {
            long started = System.nanoTime();
            List<CompletableFuture<SendResult>> sends = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                sends.add(sender.sendBytesAsync(message(i, 40_000)));
            }
            long sent = 0;
            for (CompletableFuture<SendResult> send : sends) {
                sent += send.get().bytesSent();
            }

            // At least 320,000 bytes of data (commands not counted) beyond a 10,000-byte burst at 100,000 per second.
            assertThat(sent).isGreaterThan(320_000);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(3090));
        }
    }

    @Test
    void negativeLimitsAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> SmtpMailSender.builder("localhost", 25)
                .rateLimit(-1, 0)).withMessageContaining("messagesPerSecond");
        assertThatIllegalArgumentException().isThrownBy(() -> SmtpMailSender.builder("localhost", 25)
                .rateLimit(0, -1)).withMessageContaining("bytesPerSecond");
    }

    private static SmtpMailSender sender(double messagesPerSecond, long bytesPerSecond) {
        PoolSettings pool = new PoolSettings();
        pool.setMaxSize(4);
        return SmtpMailSender.builder("localhost", server.port())
                .configureClients(client -> client.tls().setMode(TlsMode.NONE))
                .pool(pool)
                .rateLimit(messagesPerSecond, bytesPerSecond)
                .build();
    }

    /** A message with about {@code bodyBytes} of body in lines of 101 octets (a line over 998 would need BINARYMIME). */
    private static byte[] message(int number, int bodyBytes) {
        return ("From: a@example.test\r\nTo: b@example.test\r\nSubject: " + number + "\r\n\r\n"
                + ("x".repeat(99) + "\r\n").repeat(bodyBytes / 101) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
