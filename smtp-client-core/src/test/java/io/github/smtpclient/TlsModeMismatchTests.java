package io.github.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.smtpclient.testing.CountingSmtpServer;
import io.github.smtpclient.testing.LoopbackServer;
import io.github.smtpclient.testing.ScriptedChannel;
import io.github.smtpclient.testing.ScriptedSmtpServer;
import io.github.smtpclient.testing.TestCertificates;
import io.github.smtpclient.tls.TlsEngine;
import io.github.smtpclient.tls.TlsMode;

/**
 * The wrong TLS mode for the port fails fast, says which setting to change, and is not retried: a plaintext client on
 * an implicit-TLS port (the server waits for a ClientHello and never greets) and an implicit-TLS client on a
 * plaintext port (the handshake meets the 220 greeting) both end in {@link SmtpErrorCode#TLS_MODE_MISMATCH}.
 */
class TlsModeMismatchTests {

    private static final TestCertificates CERTIFICATES = TestCertificates.forLocalhost();
    private static final Duration GREETING_TIMEOUT = Duration.ofMillis(500);
    /** The greeting timeout, the ClientHello's round trip on loopback, and room for a loaded machine. */
    private static final Duration BOUND = GREETING_TIMEOUT.plusMillis(2000);

    private final AtomicInteger connections = new AtomicInteger();

    /** A server that speaks TLS from the first byte and never says anything before the handshake. */
    private LoopbackServer implicitTlsServer() throws Exception {
        return LoopbackServer.tls(CERTIFICATES.serverContext(), socket -> {
            connections.incrementAndGet();
            ((SSLSocket) socket).startHandshake();
            LoopbackServer.drain(socket);
        });
    }

    @ParameterizedTest
    @EnumSource(value = TlsMode.class, names = {"NONE", "EXPLICIT", "MIXED"})
    void aPlaintextClientOnAnImplicitTlsPortIsToldToUseImplicitTls(TlsMode mode) throws Exception {
        try (LoopbackServer server = implicitTlsServer();
                SmtpClient client = ScriptedChannel.PLAINTEXT.client(new RecordingListener())) {
            client.tls().setMode(mode);
            client.socket().setGreetingTimeout(GREETING_TIMEOUT);
            long started = System.nanoTime();
            assertThatThrownBy(() -> client.connect("127.0.0.1", server.port()))
                    .isInstanceOfSatisfying(SmtpException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.TLS_MODE_MISMATCH);
                        assertThat(e.getMessage()).contains("No greeting within 500 ms", "implicit TLS",
                                "client.tls().setMode(TlsMode.IMPLICIT)");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BOUND);
        }
    }

    @Test
    void aSenderDoesNotRetryAPlaintextClientOnAnImplicitTlsPort() throws Exception {
        try (LoopbackServer server = implicitTlsServer();
                SmtpMailSender sender = SmtpMailSender.builder("127.0.0.1", server.port())
                        .configureClients(client -> {
                            client.tls().setMode(TlsMode.EXPLICIT);
                            client.socket().setGreetingTimeout(GREETING_TIMEOUT);
                        })
                        .retry(new RetryPolicy(3, Duration.ofMillis(5), 1.0)).build()) {
            assertThatThrownBy(() -> sender.sendBytes(message())).isInstanceOfSatisfying(SmtpException.class,
                    e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.TLS_MODE_MISMATCH));
            assertThat(connections).hasValue(1);
        }
    }

    /** Each engine words a plaintext first record its own way; HandshakeFailures recognises both. */
    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void anImplicitTlsClientOnAPlaintextPortIsToldToUseStartTls(TlsEngine engine) throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().send(ScriptedChannel.GREETING).start();
                SmtpClient client = ScriptedChannel.IMPLICIT_TLS.client(new RecordingListener())) {
            client.tls().setEngine(engine);
            long started = System.nanoTime();
            assertThatThrownBy(() -> client.connect("127.0.0.1", server.port()))
                    .isInstanceOfSatisfying(SmtpException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.TLS_MODE_MISMATCH);
                        assertThat(e.getMessage()).contains("answered in plaintext", "client.tls().setMode(TlsMode.EXPLICIT)");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BOUND);
        }
    }

    @Test
    void aSenderDoesNotRetryAnImplicitTlsClientOnAPlaintextPort() throws Exception {
        try (CountingSmtpServer server = CountingSmtpServer.start();
                SmtpMailSender sender = SmtpMailSender.builder("127.0.0.1", server.port())
                        .configureClients(client -> client.tls().setMode(TlsMode.IMPLICIT))
                        .retry(new RetryPolicy(3, Duration.ofMillis(5), 1.0)).build()) {
            assertThatThrownBy(() -> sender.sendBytes(message())).isInstanceOfSatisfying(SmtpException.class,
                    e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.TLS_MODE_MISMATCH));
            assertThat(server.sessionsOpened()).isEqualTo(1);
        }
    }

    @Test
    void aPlaintextServerThatNeverGreetsIsATimeoutNotAMismatch() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().sleep(Duration.ofSeconds(5)).start();
                SmtpClient client = ScriptedChannel.PLAINTEXT.client(new RecordingListener())) {
            client.socket().setTimeout(Duration.ofMillis(800));
            client.socket().setGreetingTimeout(GREETING_TIMEOUT);
            assertThatThrownBy(() -> client.connect("127.0.0.1", server.port()))
                    .isInstanceOfSatisfying(SmtpException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.TIMEOUT);
                        assertThat(e.isTransient()).isTrue();
                        assertThat(e.getMessage()).contains("no reply from the server within 500 ms");
                    });
        }
    }

    private static byte[] message() {
        return "From: a@example.test\r\nTo: b@example.test\r\nSubject: s\r\n\r\nbody\r\n"
                .getBytes(StandardCharsets.US_ASCII);
    }
}
