package io.github.smtpclient.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.smtpclient.ConnectionInfo;
import io.github.smtpclient.Envelope;
import io.github.smtpclient.Reply;
import io.github.smtpclient.SendResult;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.event.CommandDataEvent;
import io.github.smtpclient.event.CommandEvent;
import io.github.smtpclient.event.CommandReplyEvent;
import io.github.smtpclient.event.ConnectedEvent;
import io.github.smtpclient.event.ErrorEvent;
import io.github.smtpclient.event.MessageSentEvent;
import io.github.smtpclient.event.MessageStartedEvent;
import io.github.smtpclient.event.NotificationEvent;

/** The protocol log adapter fed with events, writing to a recorder; {@code WireLogDeliveryTests} runs it for real. */
class WireLogTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:15:30.123456Z"), ZoneOffset.UTC);

    private final LogSettings settings = new LogSettings();
    private final List<String> lines = new ArrayList<>();

    @Test
    void atCommandsAndRepliesTheConversationIsLoggedWithTheConnectionId() {
        settings.setLevel(LogLevel.COMMANDS_AND_REPLIES);
        WireLog log = log();

        log.connected(new ConnectedEvent(connection()));
        log.commandReply(new CommandReplyEvent(null, Reply.of(220, "mail.example.test ESMTP")));
        log.command(new CommandEvent("EHLO client.example.test"));
        log.commandReply(new CommandReplyEvent("EHLO client.example.test",
                new Reply(250, List.of("mail.example.test", "PIPELINING", "AUTH PLAIN LOGIN"))));

        assertThat(lines).containsExactly(
                "INFO [#7] * connected to 127.0.0.1:25 from 127.0.0.1:50000",
                "INFO [#7] S: 220 mail.example.test ESMTP",
                "INFO [#7] C: EHLO client.example.test",
                "INFO [#7] S: 250-mail.example.test",
                "INFO [#7] S: 250-PIPELINING",
                "INFO [#7] S: 250 AUTH PLAIN LOGIN");
    }

    @Test
    void theAuthExchangeIsMaskedBothWaysWhateverTheEngineSends() {
        settings.setLevel(LogLevel.DATA);
        WireLog log = log();

        // An engine bug that leaked a secret must not reach the log: feed the raw lines on purpose.
        log.command(new CommandEvent("AUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ="));
        log.commandReply(new CommandReplyEvent("AUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=", Reply.of(235, "2.7.0 OK")));
        log.command(new CommandEvent("AUTH LOGIN"));
        log.commandReply(new CommandReplyEvent("AUTH LOGIN", Reply.of(334, "VXNlcm5hbWU6")));
        log.command(new CommandEvent("YWxpY2U="));
        log.commandReply(new CommandReplyEvent("YWxpY2U=", Reply.of(334, "UGFzc3dvcmQ6")));
        log.command(new CommandEvent("d29uZGVybGFuZA=="));
        log.commandReply(new CommandReplyEvent("d29uZGVybGFuZA==", Reply.of(235, "2.7.0 Authentication successful")));
        log.command(new CommandEvent("MAIL FROM:<alice@example.test>"));

        assertThat(lines).containsExactly(
                "INFO [#7] C: AUTH PLAIN ****",
                "INFO [#7] S: 235 2.7.0 OK",
                "INFO [#7] C: AUTH LOGIN",
                "INFO [#7] S: 334 ****",
                "INFO [#7] C: ****",
                "INFO [#7] S: 334 ****",
                "INFO [#7] C: ****",
                "INFO [#7] S: 235 2.7.0 Authentication successful",
                "INFO [#7] C: MAIL FROM:<alice@example.test>");
        assertThat(String.join("\n", lines)).doesNotContain("AGFsaWNl", "YWxpY2U", "d29uZGVy", "VXNlcm5hbWU6");
    }

    @Test
    void eachLevelShowsOnlyItsShare() {
        for (LogLevel level : LogLevel.values()) {
            lines.clear();
            settings.setLevel(level);
            WireLog log = log();
            log.command(new CommandEvent("NOOP"));
            log.commandReply(new CommandReplyEvent("NOOP", Reply.of(250, "OK")));
            log.messageStarted(started(false));
            log.commandData(data("Subject: hi\r\n"));
            log.error(new ErrorEvent(new SmtpException(SmtpErrorCode.TIMEOUT, "no reply")));

            List<String> expected = switch (level) {
                case NONE -> List.of();
                case ERRORS -> List.of("WARN [#7] ! TIMEOUT: no reply");
                case COMMANDS -> List.of("INFO [#7] C: NOOP", "WARN [#7] ! TIMEOUT: no reply");
                case COMMANDS_AND_REPLIES -> List.of("INFO [#7] C: NOOP", "INFO [#7] S: 250 OK",
                        "WARN [#7] ! TIMEOUT: no reply");
                case DATA -> List.of("INFO [#7] C: NOOP", "INFO [#7] S: 250 OK", "INFO [#7] D: Subject: hi",
                        "WARN [#7] ! TIMEOUT: no reply");
            };
            assertThat(lines).as(level.name()).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void dataIsTruncatedAfterTheLimitAndCountedInTheOutcome() {
        settings.setLevel(LogLevel.DATA);
        settings.setMaxDataBytes(20);
        settings.setDetails(EnumSet.of(LogDetail.BYTE_COUNTS));
        WireLog log = log();

        log.messageStarted(started(false));
        log.commandData(data("Subject: a long subject line\r\n\r\nbody\r\n"));
        log.messageSent(new MessageSentEvent(1, new SendResult(Optional.empty(), List.of(),
                Reply.of(250, "2.0.0 queued"), 38)));

        assertThat(lines).containsExactly(
                "INFO D: Subject: a long subj",
                "INFO D: ... (the rest is not logged: log().maxDataBytes is 20)",
                "INFO * message 1 accepted for 0 of 0 recipients: 250 2.0.0 queued (38 B)");
    }

    @Test
    void theDataOfASensitiveMessageIsNeverLogged() {
        settings.setLevel(LogLevel.DATA);
        WireLog log = log();

        log.messageStarted(started(true));
        log.commandData(data("Subject: your one-time code\r\n\r\n492817\r\n"));
        log.commandData(data("more\r\n"));
        log.messageStarted(started(false));
        log.commandData(data("Subject: newsletter\r\n"));

        assertThat(lines).containsExactly("INFO [#7] D: (the data of a message marked sensitive is not logged)",
                "INFO [#7] D: Subject: newsletter");
        assertThat(String.join("\n", lines)).doesNotContain("492817");
    }

    @Test
    void controlCharactersInDataCannotForgeALogLine() {
        settings.setLevel(LogLevel.DATA);
        WireLog log = log();

        log.messageStarted(started(false));
        log.commandData(data("X-Evil: a\rINFO forged\u001b[31m\r\n"));

        assertThat(lines).containsExactly("INFO [#7] D: X-Evil: a\\x0DINFO forged\\x1B[31m");
    }

    @Test
    void filtersKeepOnlyTheNamedCommandsTheirRepliesAndTheNamedEvents() {
        settings.setLevel(LogLevel.COMMANDS_AND_REPLIES);
        settings.setFilters(LogFilters.parse("commands=mail,rcpt;events=error"));
        WireLog log = log();

        log.connected(new ConnectedEvent(connection()));
        log.command(new CommandEvent("EHLO x"));
        log.commandReply(new CommandReplyEvent("EHLO x", Reply.of(250, "ok")));
        log.command(new CommandEvent("MAIL FROM:<a@example.test>"));
        log.command(new CommandEvent("RCPT TO:<b@example.test>"));
        log.commandReply(new CommandReplyEvent("MAIL FROM:<a@example.test>", Reply.of(250, "sender ok")));
        log.commandReply(new CommandReplyEvent("RCPT TO:<b@example.test>", Reply.of(550, "no such user")));
        log.notification(new NotificationEvent(NotificationEvent.Kind.RECIPIENTS_REJECTED, "1 refused"));
        log.error(new ErrorEvent(new SmtpException(SmtpErrorCode.ALL_RECIPIENTS_REJECTED, "all refused")));

        assertThat(lines).containsExactly("INFO [#7] C: MAIL FROM:<a@example.test>",
                "INFO [#7] C: RCPT TO:<b@example.test>", "INFO [#7] S: 250 sender ok", "INFO [#7] S: 550 no such user",
                "WARN [#7] ! ALL_RECIPIENTS_REJECTED: all refused");
    }

    @Test
    void detailsAddTheTimestampAndByteCountsOrNothing() {
        settings.setLevel(LogLevel.COMMANDS_AND_REPLIES);
        settings.setDetails(EnumSet.allOf(LogDetail.class));
        log().command(new CommandEvent("EHLO x"));
        settings.setDetails(Set.of());
        log().commandReply(new CommandReplyEvent("EHLO x", Reply.of(250, "ok")));

        assertThat(lines).containsExactly("INFO 2026-03-01T10:15:30.123Z [#7] C: EHLO x (8 B)", "INFO S: 250 ok");
    }

    @Test
    void filtersAndLevelsHaveATextFormThatReadsBack() {
        LogFilters filters = LogFilters.parse("commands=MAIL, rcpt;events=error,message");

        assertThat(filters.commands()).containsExactlyInAnyOrder("MAIL", "RCPT");
        assertThat(filters.events()).containsExactlyInAnyOrder(LogEvent.ERROR, LogEvent.MESSAGE);
        assertThat(LogFilters.parse(filters.toString())).isEqualTo(filters);
        assertThat(LogFilters.parse("DATA BDAT").commands()).containsExactlyInAnyOrder("DATA", "BDAT");
        assertThat(LogFilters.parse("DATA").events()).containsExactlyInAnyOrderElementsOf(
                EnumSet.allOf(LogEvent.class));
        assertThat(LogLevel.parse("commands-and-replies")).isEqualTo(LogLevel.COMMANDS_AND_REPLIES);
        assertThat(LogLevel.parse("4")).isEqualTo(LogLevel.DATA);
        assertThat(LogDetail.parse("timestamp; connection-id")).containsExactlyInAnyOrder(LogDetail.TIMESTAMP,
                LogDetail.CONNECTION_ID);
    }

    private WireLog log() {
        return WireLog.to(settings, new WireLog.Sink() {
            @Override
            public void info(String line) {
                lines.add("INFO " + line);
            }

            @Override
            public void warn(String line) {
                lines.add("WARN " + line);
            }
        }, CLOCK, 7);
    }

    private static MessageStartedEvent started(boolean sensitive) {
        return new MessageStartedEvent(1, Envelope.of("a@example.test", "b@example.test"), Optional.empty(),
                Optional.empty(), sensitive);
    }

    private static CommandDataEvent data(String text) {
        return new CommandDataEvent(ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)).asReadOnlyBuffer());
    }

    private static ConnectionInfo connection() {
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", 25);
        return new ConnectionInfo(server, new InetSocketAddress("127.0.0.1", 50000), Optional.empty(), 0, 0);
    }
}
