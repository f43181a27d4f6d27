package io.github.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.smtpclient.event.NotificationEvent;
import io.github.smtpclient.testing.ScriptedChannel;
import io.github.smtpclient.testing.ScriptedSmtpServer;

/**
 * Replies count as success only where RFC 5321 4.3.2 allows them: 220 and 221 never answer EHLO, MAIL, RCPT, DATA or
 * the data; 221 means the server is leaving; DATA is answered 354; HELO is tried only after 500 or 502; a 452 or 552
 * to RCPT is temporary (4.5.3.1.10). Scripts end with {@code expectClose()} where nothing more may be sent.
 */
class StrictReplyCodesTests {

    private static final byte[] MESSAGE = ("From: a@example.test\r\nTo: b@example.test\r\nSubject: s\r\n\r\nbody\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    private final RecordingListener events = new RecordingListener();

    @ParameterizedTest
    @CsvSource({
        "PLAINTEXT, 220 again, PROTOCOL_VIOLATION",
        "PLAINTEXT, 221 bye, SERVICE_UNAVAILABLE",
        "PLAINTEXT, 354 go ahead, PROTOCOL_VIOLATION",
        "PLAINTEXT, 421 busy, SERVICE_UNAVAILABLE",
        "PLAINTEXT, 554 no, COMMAND_REJECTED",
        "PLAINTEXT, 504 5.5.4 bad domain, COMMAND_REJECTED",
        "STARTTLS, 220 again, PROTOCOL_VIOLATION",
        "STARTTLS, 221 bye, SERVICE_UNAVAILABLE",
        "STARTTLS, 354 go ahead, PROTOCOL_VIOLATION"})
    void ehloIsFollowedByHeloOnlyAfter500Or502(ScriptedChannel channel, String reply, SmtpErrorCode expected)
            throws Exception {
        try (ScriptedSmtpServer server = channel.openUntilEhlo(new ScriptedSmtpServer()).send(reply + "\r\n")
                .expectClose().start(); SmtpClient client = channel.client(events)) {
            assertThatThrownBy(() -> client.connect("127.0.0.1", server.port()))
                    .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode()).isEqualTo(expected));
            server.awaitCompletion();
            assertThat(server.received()).last().asString().startsWith("EHLO ");
        }
        assertThat(events.notified(NotificationEvent.Kind.HELO_FALLBACK)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"500 5.5.1 unrecognised", "502 5.5.2 not implemented"})
    void a500Or502ToEhloFallsBackToHelo(String reply) throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().send(ScriptedChannel.GREETING).expect("EHLO ")
                .send(reply + "\r\n").expect("HELO client.example.test").send("250 old server\r\n")
                .expect("QUIT").send("221 bye\r\n").start();
                SmtpClient client = ScriptedChannel.PLAINTEXT.client(events)) {
            client.connect("127.0.0.1", server.port());
            client.disconnect();
            server.awaitCompletion();
        }
        assertThat(events.notified(NotificationEvent.Kind.HELO_FALLBACK)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = ScriptedChannel.class, names = {"PLAINTEXT", "STARTTLS"})
    void a221ToMailEndsTheSessionAndNothingMoreIsSent(ScriptedChannel channel) throws Exception {
        try (ScriptedSmtpServer server = channel.open(new ScriptedSmtpServer()).expect("MAIL FROM:")
                .send("221 2.0.0 closing\r\n").expectClose().start(); SmtpClient client = channel.client(events)) {
            client.connect("127.0.0.1", server.port());
            assertThatThrownBy(() -> client.sendBytes(MESSAGE)).isInstanceOfSatisfying(SmtpException.class, e -> {
                assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.SERVICE_UNAVAILABLE);
                assertThat(e.replyCode()).isEqualTo(221);
                assertThat(e.getMessage()).contains("ended the session (221)");
            });
            assertThat(client.isConnected()).isFalse();
            server.awaitCompletion();
        }
    }

    @ParameterizedTest
    @CsvSource({"MAIL FROM:, 220 hello again", "MAIL FROM:, 354 go ahead", "RCPT TO:, 220 hello again",
        "RCPT TO:, 334 VXNlcm5hbWU6"})
    void aReplyTheRfcDoesNotAllowForTheCommandIsAViolation(String command, String reply) throws Exception {
        ScriptedSmtpServer script = ScriptedChannel.PLAINTEXT.open(new ScriptedSmtpServer());
        if (command.startsWith("RCPT")) {
            script.expect("MAIL FROM:").send("250 2.1.0 ok\r\n");
        }
        try (ScriptedSmtpServer server = script.expect(command).send(reply + "\r\n").expectClose().start();
                SmtpClient client = ScriptedChannel.PLAINTEXT.client(events)) {
            client.connect("127.0.0.1", server.port());
            assertThatThrownBy(() -> client.sendBytes(MESSAGE)).isInstanceOfSatisfying(SmtpException.class, e -> {
                assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.PROTOCOL_VIOLATION);
                assertThat(e.replyCode()).isEqualTo(Integer.parseInt(reply.substring(0, 3)));
            });
            server.awaitCompletion();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"250 2.0.0 ok", "220 ready"})
    void dataMustBeAnswered354AndNothingElseStartsTheData(String reply) throws Exception {
        try (ScriptedSmtpServer server = ScriptedChannel.PLAINTEXT.open(new ScriptedSmtpServer())
                .expect("MAIL FROM:").send("250 2.1.0 ok\r\n").expect("RCPT TO:").send("250 2.1.5 ok\r\n")
                .expect("DATA").send(reply + "\r\n").expectClose().start();
                SmtpClient client = ScriptedChannel.PLAINTEXT.client(events)) {
            client.connect("127.0.0.1", server.port());
            assertThatThrownBy(() -> client.sendBytes(MESSAGE)).isInstanceOfSatisfying(SmtpException.class,
                    e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.PROTOCOL_VIOLATION));
            server.awaitCompletion();
            assertThat(server.received()).last().isEqualTo("DATA");
        }
    }

    @ParameterizedTest
    @CsvSource({"PLAINTEXT, 221 2.0.0 closing", "PLAINTEXT, 220 ready", "PLAINTEXT, 354 go ahead",
        "STARTTLS, 221 2.0.0 closing", "STARTTLS, 220 ready"})
    void aFinalReplyTheRfcDoesNotAllowLeavesTheOutcomeUnknown(ScriptedChannel channel, String reply)
            throws Exception {
        try (ScriptedSmtpServer server = channel.open(new ScriptedSmtpServer(), "PIPELINING")
                .expect("MAIL FROM:").expect("RCPT TO:").expect("DATA")
                .send("250 2.1.0 ok\r\n250 2.1.5 ok\r\n354 go ahead\r\n").expectData().send(reply + "\r\n")
                .expectClose().start(); SmtpClient client = channel.client(events)) {
            client.connect("127.0.0.1", server.port());
            assertThatThrownBy(() -> client.sendBytes(MESSAGE)).isInstanceOfSatisfying(SmtpException.class, e -> {
                assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.OUTCOME_UNKNOWN);
                assertThat(e.isOutcomeUnknown()).isTrue();
            });
            client.disconnect();
            server.awaitCompletion();
        }
    }

    @Test
    void anUnknown2yzCountsAsSuccessWhereA2yzIsExpected() throws Exception {
        try (ScriptedSmtpServer server = ScriptedChannel.PLAINTEXT.open(new ScriptedSmtpServer())
                .expect("MAIL FROM:").send("299 fine\r\n").expect("RCPT TO:").send("251 2.1.5 will forward\r\n")
                .expect("DATA").send("354 go ahead\r\n").expectData().send("259 queued\r\n")
                .start(); SmtpClient client = ScriptedChannel.PLAINTEXT.client(events)) {
            client.connect("127.0.0.1", server.port());
            SendResult result = client.sendBytes(MESSAGE);
            assertThat(result.acceptedRecipients()).hasSize(1);
            assertThat(result.finalReply().code()).isEqualTo(259);
            server.awaitCompletion();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {452, 552})
    void tooManyRecipientsIsATemporaryRefusal(int code) throws Exception {
        ScriptedSmtpServer script = ScriptedChannel.PLAINTEXT.open(new ScriptedSmtpServer(), "PIPELINING")
                .expect("MAIL FROM:").expect("RCPT TO:<b@example.test>").expect("RCPT TO:<c@example.test>")
                .expect("DATA").send("250 2.1.0 ok\r\n250 2.1.5 ok\r\n" + code + " 4.5.3 too many recipients\r\n"
                        + "354 go ahead\r\n").expectData().send("250 2.0.0 queued\r\n");
        // 452 4.5.3 puts the recipient into a further transaction of the same message (RFC 5321 4.5.3.1.10), which
        // the server refuses again here; 552 is only a temporary refusal.
        int transactionsRefusingC = code == 452 ? 2 : 1;
        for (int i = 0; i < transactionsRefusingC; i++) {
            script.expect("MAIL FROM:").expect("RCPT TO:<c@example.test>").expect("DATA")
                    .send("250 2.1.0 ok\r\n" + code + " 4.5.3 too many recipients\r\n554 5.5.1 no valid recipients\r\n")
                    .expect("RSET").send("250 2.0.0 reset\r\n");
        }
        try (ScriptedSmtpServer server = script.start(); SmtpClient client = ScriptedChannel.PLAINTEXT.client(events)) {
            client.connect("127.0.0.1", server.port());
            SendResult partial = client.sendBytes(Envelope.of("a@example.test", "b@example.test", "c@example.test"),
                    MESSAGE);
            RecipientResult refused = partial.rejectedRecipients().get(0);
            assertThat(refused.address()).isEqualTo("c@example.test");
            assertThat(refused.isTransientFailure()).isTrue();
            assertThat(refused.isPermanentFailure()).isFalse();
            assertThatThrownBy(() -> client.sendBytes(Envelope.of("a@example.test", "c@example.test"), MESSAGE))
                    .isInstanceOfSatisfying(SmtpException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.ALL_RECIPIENTS_REJECTED);
                        assertThat(e.replyCode()).isEqualTo(code);
                        assertThat(e.isTransient()).isTrue();
                        assertThat(e.isPermanent()).isFalse();
                    });
            server.awaitCompletion();
        }
    }
}
