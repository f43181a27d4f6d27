package io.github.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.smtpclient.event.CommandReplyEvent;
import io.github.smtpclient.event.ErrorEvent;
import io.github.smtpclient.event.NotificationEvent;
import io.github.smtpclient.testing.ScriptedChannel;
import io.github.smtpclient.testing.ScriptedSmtpServer;

/**
 * Text a server controls reaches people escaped (an escape sequence, a NUL, a CR, a bidi override), in exception
 * messages, {@code toString()}, notifications and events, while {@link Reply} keeps it raw.
 */
class ServerTextEscapingTests {

    /** Clears a terminal and colours it, hides the rest of a log line behind a NUL, reverses what follows. */
    private static final String HOSTILE = "5.1.1 \u001B[2J\u001B[31mno\u0000such\ruser \u202Egnp.exe\u2066";
    private static final String ESCAPED = "5.1.1 \\x1B[2J\\x1B[31mno\\x00such\\x0Duser \\u202Egnp.exe\\u2066";
    private static final byte[] MESSAGE = ("From: a@example.test\r\nTo: b@example.test\r\nSubject: s\r\n\r\nbody\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    private final RecordingListener events = new RecordingListener();
    private final StringBuilder replyEventsShown = new StringBuilder();

    private final RecordingListener showingEvents = new RecordingListener() {
        @Override
        public void commandReply(CommandReplyEvent event) {
            super.commandReply(event);
            replyEventsShown.append(event).append('\n');
        }

        @Override
        public void error(ErrorEvent event) {
            super.error(event);
            events.errors.add(event.exception());
        }
    };

    @ParameterizedTest
    @EnumSource(value = ScriptedChannel.class, names = {"PLAINTEXT", "STARTTLS"})
    void aRefusalsTextIsEscapedWhereverItIsShownAndRawOnTheReply(ScriptedChannel channel) throws Exception {
        try (ScriptedSmtpServer server = channel.open(new ScriptedSmtpServer(), "PIPELINING")
                .expect("MAIL FROM:").expect("RCPT TO:<b@example.test>").expect("RCPT TO:<c@example.test>")
                .expect("DATA").send("250 2.1.0 ok\r\n550 " + HOSTILE + "\r\n250 2.1.5 ok\r\n354 go ahead\r\n")
                .expectData().send("250 2.0.0 queued\r\n")
                .expect("MAIL FROM:").expect("RCPT TO:<b@example.test>").expect("DATA")
                .send("250 2.1.0 ok\r\n550 " + HOSTILE + "\r\n554 5.5.1 no valid recipients\r\n")
                .expect("RSET").send("250 2.0.0 ok\r\n")
                .start(); SmtpClient client = channel.client(showingEvents)) {
            client.connect("127.0.0.1", server.port());
            SendResult partial = client.sendBytes(Envelope.of("a@example.test", "b@example.test", "c@example.test"),
                    MESSAGE);
            Reply refusal = partial.rejectedRecipients().get(0).reply();
            assertThat(refusal.text()).isEqualTo(HOSTILE);
            assertThat(refusal.lines()).containsExactly(HOSTILE);
            assertThat(refusal.toWireString()).isEqualTo("550 " + HOSTILE);
            assertThat(refusal.toString()).isEqualTo("550 " + ESCAPED);
            assertThat(partial.toString()).contains(ESCAPED).doesNotContain(HOSTILE);

            assertThatThrownBy(() -> client.sendBytes(Envelope.of("a@example.test", "b@example.test"), MESSAGE))
                    .isInstanceOfSatisfying(SmtpException.class, e -> {
                        assertThat(e.getMessage()).contains(ESCAPED).doesNotContain("\u001B", "\u0000", "\r",
                                "\u202E", "\u2066");
                        assertThat(e.toString()).contains(ESCAPED);
                        assertThat(e.reply()).hasValueSatisfying(reply -> assertThat(reply.text()).isEqualTo(HOSTILE));
                    });
            server.awaitCompletion();
        }
        assertThat(replyEventsShown.toString()).contains(ESCAPED).doesNotContain(HOSTILE);
        assertThat(events.errors).isNotEmpty().allSatisfy(e -> assertThat(e.getMessage()).doesNotContain("\u001B"));
    }

    @Test
    void notificationTextIsEscaped() {
        NotificationEvent event = new NotificationEvent(NotificationEvent.Kind.RECIPIENTS_REJECTED,
                "x\u001B[2Jy\u202E");

        assertThat(event.text()).isEqualTo("x\\x1B[2Jy\\u202E");
    }

    @Test
    void aMalformedReplyLineIsQuotedEscapedInTheViolation() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().send("22\u001B[31m0 hi\r\n").start();
                SmtpClient client = ScriptedChannel.PLAINTEXT.client(events)) {
            assertThatThrownBy(() -> client.connect("127.0.0.1", server.port()))
                    .isInstanceOfSatisfying(SmtpException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.PROTOCOL_VIOLATION);
                        assertThat(e.getMessage()).contains("22\\x1B[31m0 hi").doesNotContain("\u001B");
                    });
        }
    }
}
