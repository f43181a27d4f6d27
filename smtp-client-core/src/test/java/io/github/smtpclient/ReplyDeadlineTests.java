package io.github.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.smtpclient.testing.ScriptedChannel;
import io.github.smtpclient.testing.ScriptedSmtpServer;
import io.github.smtpclient.tls.TlsMode;

/**
 * One deadline per whole reply, and per TLS handshake, not per read: a scripted server drips its bytes one every
 * 100 ms, so no single read ever waits long, and the client must still give up at its timeout. Each test asserts the
 * failure and that it came within a bound far below the time the drip would take, never a speed.
 */
class ReplyDeadlineTests {

    private static final Duration DRIP = Duration.ofMillis(100);
    /** 46 bytes: 4.6 seconds of dripping. */
    private static final String SLOW_REPLY_TEXT = "x".repeat(40);
    /** Far below any drip here, far above the timeouts: a loaded machine still passes, a per-read timeout fails. */
    private static final Duration BOUND = Duration.ofMillis(2500);
    private static final byte[] MESSAGE = ("From: a@example.test\r\nTo: b@example.test\r\nSubject: s\r\n\r\nbody\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    private final RecordingListener events = new RecordingListener();

    @ParameterizedTest
    @EnumSource(value = ScriptedChannel.class, names = {"PLAINTEXT", "IMPLICIT_TLS"})
    void aDrippedGreetingTimesOutAtTheSocketTimeout(ScriptedChannel channel) throws Exception {
        try (ScriptedSmtpServer server = channel.beforeGreeting(new ScriptedSmtpServer())
                .drip("220 " + SLOW_REPLY_TEXT + "\r\n", DRIP).start(); SmtpClient client = channel.client(events)) {
            client.socket().setTimeout(Duration.ofMillis(500));
            long started = System.nanoTime();
            assertThatThrownBy(() -> client.connect("127.0.0.1", server.port()))
                    .isInstanceOfSatisfying(SmtpException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.TIMEOUT);
                        assertThat(e.getMessage()).contains("did not complete it within 500 ms",
                                "socket().greetingTimeout");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BOUND);
        }
    }

    @Test
    void theGreetingTimeoutBoundsTheGreetingAlone() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().drip("220 " + SLOW_REPLY_TEXT + "\r\n", DRIP)
                .start(); SmtpClient client = ScriptedChannel.PLAINTEXT.client(events)) {
            client.socket().setTimeout(Duration.ofSeconds(20));
            client.socket().setGreetingTimeout(Duration.ofMillis(400));
            long started = System.nanoTime();
            assertThatThrownBy(() -> client.connect("127.0.0.1", server.port()))
                    .isInstanceOfSatisfying(SmtpException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.TIMEOUT);
                        assertThat(e.getMessage()).contains("400 ms (socket().greetingTimeout)");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BOUND);
        }
    }

    @Test
    void aGreetingTimeoutLongerThanTheSocketTimeoutIsHonoured() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().sleep(Duration.ofMillis(1200))
                .send(ScriptedChannel.GREETING).expect("EHLO ").send(ScriptedChannel.ehloReply())
                .expect("QUIT").send("221 bye\r\n").start();
                SmtpClient client = ScriptedChannel.PLAINTEXT.client(events)) {
            client.socket().setTimeout(Duration.ofMillis(400));
            client.socket().setGreetingTimeout(Duration.ofSeconds(5));
            client.connect("127.0.0.1", server.port());
            client.disconnect();
            server.awaitCompletion();
        }
    }

    @ParameterizedTest
    @EnumSource(value = ScriptedChannel.class, names = {"PLAINTEXT", "STARTTLS"})
    void aDrippedEhloReplyTimesOutAtTheSocketTimeout(ScriptedChannel channel) throws Exception {
        try (ScriptedSmtpServer server = channel.openUntilEhlo(new ScriptedSmtpServer())
                .drip("250 " + SLOW_REPLY_TEXT + "\r\n", DRIP).start(); SmtpClient client = channel.client(events)) {
            client.socket().setTimeout(Duration.ofMillis(500));
            long started = System.nanoTime();
            assertThatThrownBy(() -> client.connect("127.0.0.1", server.port()))
                    .isInstanceOfSatisfying(SmtpException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.TIMEOUT);
                        assertThat(e.getMessage()).contains("within 500 ms (socket().timeout)");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BOUND);
        }
    }

    @ParameterizedTest
    @EnumSource(value = ScriptedChannel.class, names = {"PLAINTEXT", "STARTTLS"})
    void aDrippedFinalReplyTimesOutAtTheDataTerminationTimeoutAndLeavesTheOutcomeUnknown(ScriptedChannel channel)
            throws Exception {
        try (ScriptedSmtpServer server = channel.open(new ScriptedSmtpServer(), "PIPELINING")
                .expect("MAIL FROM:").expect("RCPT TO:").expect("DATA")
                .send("250 2.1.0 ok\r\n250 2.1.5 ok\r\n354 go ahead\r\n").expectData()
                .drip("250 " + SLOW_REPLY_TEXT + "\r\n", DRIP).start(); SmtpClient client = channel.client(events)) {
            client.socket().setTimeout(Duration.ofSeconds(20));
            client.socket().setDataTerminationTimeout(Duration.ofMillis(400));
            client.connect("127.0.0.1", server.port());
            long started = System.nanoTime();
            assertThatThrownBy(() -> client.sendBytes(MESSAGE)).isInstanceOfSatisfying(SmtpException.class, e -> {
                assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.OUTCOME_UNKNOWN);
                assertThat(e.getCause()).isInstanceOfSatisfying(SmtpException.class, cause -> {
                    assertThat(cause.errorCode()).isEqualTo(SmtpErrorCode.TIMEOUT);
                    assertThat(cause.getMessage()).contains("400 ms (socket().dataTerminationTimeout)");
                });
            });
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BOUND);
        }
    }

    @Test
    void aDataTerminationTimeoutLongerThanTheSocketTimeoutLetsTheServerTakeItsTime() throws Exception {
        try (ScriptedSmtpServer server = ScriptedChannel.PLAINTEXT.open(new ScriptedSmtpServer(), "PIPELINING")
                .expect("MAIL FROM:").expect("RCPT TO:").expect("DATA")
                .send("250 2.1.0 ok\r\n250 2.1.5 ok\r\n354 go ahead\r\n").expectData()
                .sleep(Duration.ofMillis(1200)).send("250 2.0.0 scanned and queued\r\n")
                .start(); SmtpClient client = ScriptedChannel.PLAINTEXT.client(events)) {
            client.socket().setTimeout(Duration.ofMillis(400));
            client.socket().setDataTerminationTimeout(Duration.ofSeconds(5));
            client.connect("127.0.0.1", server.port());
            assertThat(client.sendBytes(MESSAGE).finalReply().text()).isEqualTo("2.0.0 scanned and queued");
            server.awaitCompletion();
        }
    }

    /** A TLS record header announcing 16 KB, then the bytes one by one: the handshake never sees a whole record. */
    private static byte[] drippedTlsRecord() {
        byte[] record = new byte[70];
        byte[] header = {0x16, 0x03, 0x03, 0x40, 0x00};
        System.arraycopy(header, 0, record, 0, header.length);
        Arrays.fill(record, header.length, record.length, (byte) 0x02);
        return record;
    }

    @Test
    void anImplicitTlsHandshakeDrippedByTheServerTimesOutAtTheSocketTimeout() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().drip(drippedTlsRecord(), DRIP).start();
                SmtpClient client = ScriptedChannel.IMPLICIT_TLS.client(events)) {
            client.socket().setTimeout(Duration.ofMillis(500));
            long started = System.nanoTime();
            assertThatThrownBy(() -> client.connect("127.0.0.1", server.port()))
                    .isInstanceOfSatisfying(SmtpException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.TIMEOUT);
                        assertThat(e.getMessage()).contains("TLS handshake", "500 ms (socket().timeout)");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BOUND);
        }
    }

    @Test
    void aStartTlsHandshakeDrippedByTheServerTimesOutAtTheSocketTimeout() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().send(ScriptedChannel.GREETING).expect("EHLO ")
                .send(ScriptedChannel.ehloReply("STARTTLS")).expect("STARTTLS").send("220 2.0.0 go ahead\r\n")
                // Bytes before the client's ClientHello would be response injection; drip only once it is sent.
                .sleep(Duration.ofMillis(200)).drip(drippedTlsRecord(), DRIP).start();
                SmtpClient client = ScriptedChannel.PLAINTEXT.client(events)) {
            client.tls().setMode(TlsMode.EXPLICIT);
            client.socket().setTimeout(Duration.ofMillis(500));
            long started = System.nanoTime();
            assertThatThrownBy(() -> client.connect("127.0.0.1", server.port()))
                    .isInstanceOfSatisfying(SmtpException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.TIMEOUT);
                        assertThat(e.getMessage()).contains("TLS handshake");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BOUND);
        }
    }
}
