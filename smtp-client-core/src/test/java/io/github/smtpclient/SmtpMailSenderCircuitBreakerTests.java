package io.github.smtpclient;

import static io.github.smtpclient.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.smtpclient.pool.CircuitState;
import io.github.smtpclient.pool.PoolSettings;
import io.github.smtpclient.testing.CountingSmtpServer;
import io.github.smtpclient.testing.LoopbackServer;
import io.github.smtpclient.tls.TlsMode;

/**
 * The pooled sender against servers that keep failing: a real listening socket that answers every greeting with
 * 421, a port where nothing listens, a TLS handshake that fails against a real SMTP server. Every connection
 * attempt is counted where it happens (accepted sockets, sessions, or clients configured to connect).
 */
class SmtpMailSenderCircuitBreakerTests {

    private static final byte[] MESSAGE = SmtpMailSenderTests.message("alice@example.test", "bob@example.test", "storm");

    private SmtpMailSender sender;
    private LoopbackServer loopback;
    private CountingSmtpServer server;

    @AfterEach
    void stop() throws IOException {
        if (sender != null) {
            sender.close();
        }
        if (loopback != null) {
            loopback.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static void plainText(SmtpClient client) {
        client.tls().setMode(TlsMode.NONE);
        client.socket().setTimeout(Duration.ofSeconds(5));
    }

    /** Breaker settings that keep it open for the rest of the test once it opened: no probe can blur the count. */
    private static PoolSettings openForAMinute() {
        PoolSettings settings = new PoolSettings();
        settings.circuitBreaker().setBackoff(Duration.ofMinutes(1));
        return settings;
    }

    private LoopbackServer everyGreetingIs421(AtomicInteger accepted) throws IOException {
        return LoopbackServer.plain(socket -> {
            accepted.incrementAndGet();
            LoopbackServer.writeLine(socket, "421 4.3.2 mx.example.test Service not available, closing channel");
        });
    }

    @Test
    void aThousandQueuedSendsToAServerThatAnswers421MakeAHandfulOfConnectionsNotThreeThousand() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        loopback = everyGreetingIs421(accepted);
        sender = SmtpMailSender.builder("127.0.0.1", loopback.port())
                .configureClients(SmtpMailSenderCircuitBreakerTests::plainText)
                .build();
        List<CompletableFuture<SendResult>> queued = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            queued.add(sender.sendBytesAsync(MESSAGE));
        }
        Map<SmtpErrorCode, Integer> failures = new EnumMap<>(SmtpErrorCode.class);
        for (CompletableFuture<SendResult> send : queued) {
            assertThatThrownBy(() -> send.get(60, TimeUnit.SECONDS)).cause().isInstanceOfSatisfying(
                    SmtpException.class, e -> failures.merge(e.errorCode(), 1, Integer::sum));
        }
        // Defaults: 5 failures in a row open the breaker; up to 3 more were already connecting on the other
        // threads of a pool of 4; a probe per back-off that passed (1 s, then 2 s, 4 s...) while the sends ran.
        assertThat(accepted.get()).as("connections accepted by the server").isBetween(5, 12);
        assertThat(failures.get(SmtpErrorCode.CIRCUIT_OPEN)).isGreaterThanOrEqualTo(990);
        assertThat(failures.keySet()).isSubsetOf(SmtpErrorCode.CIRCUIT_OPEN, SmtpErrorCode.SERVICE_UNAVAILABLE);
        assertThat(sender.stats().circuit()).isNotEqualTo(CircuitState.CLOSED);
    }

    @Test
    void sendsToAPortWhereNothingListensStopConnectingAfterTheThreshold() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        AtomicInteger connectAttempts = new AtomicInteger();
        sender = SmtpMailSender.builder("127.0.0.1", port)
                .configureClients(client -> {
                    connectAttempts.incrementAndGet();
                    plainText(client);
                })
                .pool(openForAMinute())
                .retry(new RetryPolicy(3, Duration.ofMillis(1), 1.0))
                .build();
        List<SmtpErrorCode> codes = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            try {
                sender.sendBytes(MESSAGE);
            } catch (SmtpException e) {
                codes.add(e.errorCode());
            }
        }
        // The first message is tried 3 times, the second twice: the fifth refused connect opens the breaker, so
        // the second message's third try already fails at once, as does every later message.
        assertThat(connectAttempts).hasValue(5);
        assertThat(codes).hasSize(1000).startsWith(SmtpErrorCode.CONNECT_FAILED);
        assertThat(codes.subList(1, 1000)).containsOnly(SmtpErrorCode.CIRCUIT_OPEN);
        assertThat(sender.stats().circuit()).isEqualTo(CircuitState.OPEN);
        assertThat(sender.stats().consecutiveFailures()).isEqualTo(5);
    }

    @Test
    void theRefusalSaysWhyAndWhenAndCarriesTheLastFailure() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        loopback = everyGreetingIs421(accepted);
        PoolSettings settings = openForAMinute();
        settings.circuitBreaker().setFailureThreshold(1);
        sender = SmtpMailSender.builder("127.0.0.1", loopback.port())
                .configureClients(SmtpMailSenderCircuitBreakerTests::plainText)
                .pool(settings)
                .retry(RetryPolicy.NONE)
                .build();
        assertThatThrownBy(() -> sender.sendBytes(MESSAGE)).isInstanceOfSatisfying(SmtpException.class,
                e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.SERVICE_UNAVAILABLE));
        assertThatThrownBy(() -> sender.sendBytes(MESSAGE)).isInstanceOfSatisfying(SmtpException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.CIRCUIT_OPEN);
            assertThat(e.isTransient()).isTrue();
            assertThat(e).hasMessageContaining("Not connecting to 127.0.0.1:" + loopback.port())
                    .hasMessageContaining("the last 1 attempts to connect failed")
                    .hasMessageContaining("the next attempt is allowed in")
                    .hasMessageContaining("SERVICE_UNAVAILABLE");
            assertThat(e.getCause()).isInstanceOfSatisfying(SmtpException.class,
                    cause -> assertThat(cause.replyCode()).isEqualTo(421));
        });
        assertThat(accepted).hasValue(1);
    }

    @Test
    void failedTlsHandshakesOpenTheBreakerAndAProbeAfterTheGrowingBackoffCloseItOnceTheServerIsBack()
            throws Exception {
        server = CountingSmtpServer.start();
        AtomicBoolean tlsBroken = new AtomicBoolean(true);
        PoolSettings settings = new PoolSettings();
        settings.setValidateOnBorrow(false);
        settings.circuitBreaker().setFailureThreshold(2);
        settings.circuitBreaker().setBackoff(Duration.ofMillis(300));
        settings.circuitBreaker().setBackoffMultiplier(2);
        sender = SmtpMailSender.builder("localhost", server.port())
                // Implicit TLS against a plaintext server: the handshake fails on a real SMTP greeting, which the
                // engine reports as TLS_MODE_MISMATCH; the breaker counts it like any failed handshake.
                .configureClients(client -> {
                    plainText(client);
                    client.tls().setMode(tlsBroken.get() ? TlsMode.IMPLICIT : TlsMode.NONE);
                })
                .pool(settings)
                .build();
        Consumer<SmtpErrorCode> sendFails = code -> assertThatThrownBy(() -> sender.sendBytes(MESSAGE))
                .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode()).isEqualTo(code));
        sendFails.accept(SmtpErrorCode.TLS_MODE_MISMATCH);
        // Each clock reading is taken before the failure that opens the breaker, so the breaker's own opening time
        // is later and the back-off measured from the reading is a lower bound that cannot undershoot.
        long beforeFirstOpening = System.nanoTime();
        sendFails.accept(SmtpErrorCode.TLS_MODE_MISMATCH);
        sendFails.accept(SmtpErrorCode.CIRCUIT_OPEN);
        assertThat(server.sessionsOpened()).isEqualTo(2);

        eventually(() -> sender.stats().circuit() == CircuitState.HALF_OPEN, "the first back-off passes");
        assertThat(Duration.ofNanos(System.nanoTime() - beforeFirstOpening))
                .isGreaterThanOrEqualTo(Duration.ofMillis(300));
        long beforeSecondOpening = System.nanoTime();
        sendFails.accept(SmtpErrorCode.TLS_MODE_MISMATCH);
        assertThat(server.sessionsOpened()).as("one probe").isEqualTo(3);
        sendFails.accept(SmtpErrorCode.CIRCUIT_OPEN);
        assertThat(sender.stats().circuit()).isEqualTo(CircuitState.OPEN);

        tlsBroken.set(false);
        eventually(() -> sender.stats().circuit() == CircuitState.HALF_OPEN, "the doubled back-off passes");
        assertThat(Duration.ofNanos(System.nanoTime() - beforeSecondOpening))
                .isGreaterThanOrEqualTo(Duration.ofMillis(600));
        SendResult delivered = sender.sendBytes(MESSAGE);
        assertThat(delivered.finalReply().code()).isEqualTo(250);
        assertThat(sender.stats().circuit()).isEqualTo(CircuitState.CLOSED);
        assertThat(sender.stats().consecutiveFailures()).isZero();
        assertThat(server.messageIds()).containsExactly("<storm@example.test>");
    }

    @Test
    void withTheBreakerOffEveryTryConnects() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        loopback = everyGreetingIs421(accepted);
        PoolSettings settings = new PoolSettings();
        settings.circuitBreaker().setEnabled(false);
        sender = SmtpMailSender.builder("127.0.0.1", loopback.port())
                .configureClients(SmtpMailSenderCircuitBreakerTests::plainText)
                .pool(settings)
                .retry(new RetryPolicy(3, Duration.ofMillis(1), 1.0))
                .build();
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> sender.sendBytes(MESSAGE)).isInstanceOfSatisfying(SmtpException.class,
                    e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.SERVICE_UNAVAILABLE));
        }
        assertThat(accepted).as("every try connected").hasValue(30);
        assertThat(sender.stats().circuit()).isEqualTo(CircuitState.CLOSED);
        assertThat(sender.stats().consecutiveFailures()).isEqualTo(30);
    }
}
