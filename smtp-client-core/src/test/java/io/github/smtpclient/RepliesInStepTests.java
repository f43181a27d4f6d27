package io.github.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.smtpclient.event.CommandReplyEvent;
import io.github.smtpclient.testing.ScriptedChannel;
import io.github.smtpclient.testing.ScriptedSmtpServer;
import io.github.smtpclient.tls.TlsMode;

/**
 * Every reply in step with its command: a scripted server appends a forged reply at each point where the client owes
 * nothing, in the same TCP segment (one write; under TLS one record) and in the next one, over plaintext and after
 * TLS. Each test checks what was reported and, by ending its script with {@code expectClose()}, that no further
 * command reached the wire.
 */
class RepliesInStepTests {

    private static final String FORGED = "250 2.0.0 forged\r\n";
    private static final byte[] MESSAGE = ("From: a@example.test\r\nTo: b@example.test\r\nSubject: s\r\n\r\nbody\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    /** Where the forged reply travels. */
    enum Segment {
        /** In the same write as the real reply: one TCP segment, under TLS one record. */
        SAME,
        /** In a write of its own right after the real reply. */
        NEXT;

        ScriptedSmtpServer send(ScriptedSmtpServer script, String real, String forged) {
            return this == SAME ? script.send(real + forged) : script.send(real).send(forged);
        }
    }

    /**
     * Pauses after each reply before the client acts on it, so a forged reply sent in the next segment has surely
     * arrived when the client checks: the test then does not depend on how fast loopback delivers it.
     */
    private static final class UnhurriedListener extends RecordingListener {
        @Override
        public void commandReply(CommandReplyEvent event) {
            super.commandReply(event);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private final RecordingListener events = new UnhurriedListener();

    static Stream<Arguments> plaintextAndStartTls() {
        return Stream.of(ScriptedChannel.PLAINTEXT, ScriptedChannel.STARTTLS)
                .flatMap(channel -> Stream.of(Segment.values()).map(segment -> Arguments.of(channel, segment)));
    }

    static Stream<Arguments> plaintextAndImplicitTls() {
        return Stream.of(ScriptedChannel.PLAINTEXT, ScriptedChannel.IMPLICIT_TLS)
                .flatMap(channel -> Stream.of(Segment.values()).map(segment -> Arguments.of(channel, segment)));
    }

    private static void assertViolation(Throwable thrown, String after) {
        assertThat(thrown).isInstanceOfSatisfying(SmtpException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.PROTOCOL_VIOLATION);
            assertThat(e.isOutcomeUnknown()).isFalse();
            assertThat(e.getMessage()).contains("after its reply to " + after, "forged");
        });
    }

    @ParameterizedTest
    @MethodSource("plaintextAndImplicitTls")
    void aReplySentWithTheGreetingIsNeverTakenForTheEhloReply(ScriptedChannel channel, Segment segment)
            throws Exception {
        ScriptedSmtpServer script = channel.beforeGreeting(new ScriptedSmtpServer());
        try (ScriptedSmtpServer server = segment.send(script, ScriptedChannel.GREETING,
                "250-forged\r\n250 AUTH PLAIN\r\n").expectClose().start();
                SmtpClient client = channel.client(events)) {
            assertViolation(catchThrowable(() -> client.connect("127.0.0.1", server.port())), "the greeting");
            server.awaitCompletion();
            assertThat(server.received()).isEmpty();
            assertThat(client.isConnected()).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("plaintextAndStartTls")
    void aReplyAfterTheEhloReplyStopsTheSession(ScriptedChannel channel, Segment segment) throws Exception {
        ScriptedSmtpServer script = channel.openUntilEhlo(new ScriptedSmtpServer());
        try (ScriptedSmtpServer server = segment.send(script, ScriptedChannel.ehloReply("PIPELINING"), FORGED)
                .expectClose().start(); SmtpClient client = channel.client(events)) {
            assertViolation(catchThrowable(() -> client.connect("127.0.0.1", server.port())), "EHLO");
            server.awaitCompletion();
            assertThat(server.received()).last().asString().startsWith("EHLO ");
        }
    }

    @ParameterizedTest
    @EnumSource(Segment.class)
    void aReplyAfterARefusedStartTlsIsNotCarriedIntoThePlaintextFallback(Segment segment) throws Exception {
        ScriptedSmtpServer script = new ScriptedSmtpServer().send(ScriptedChannel.GREETING).expect("EHLO ")
                .send(ScriptedChannel.ehloReply("STARTTLS")).expect("STARTTLS");
        try (ScriptedSmtpServer server = segment.send(script, "454 4.7.0 TLS not available\r\n",
                "250-forged\r\n250 AUTH PLAIN\r\n").expectClose().start();
                SmtpClient client = ScriptedChannel.PLAINTEXT.client(events)) {
            client.tls().setMode(TlsMode.MIXED);
            assertViolation(catchThrowable(() -> client.connect("127.0.0.1", server.port())), "STARTTLS");
            server.awaitCompletion();
            assertThat(server.received()).last().isEqualTo("STARTTLS");
        }
    }

    @ParameterizedTest
    @MethodSource("plaintextAndStartTls")
    void aReplyAfterTheAuthReplyStopsTheSession(ScriptedChannel channel, Segment segment) throws Exception {
        ScriptedSmtpServer script = channel.open(new ScriptedSmtpServer(), "AUTH PLAIN").expect("AUTH PLAIN ");
        try (ScriptedSmtpServer server = segment.send(script, "235 2.7.0 authenticated\r\n", FORGED).expectClose()
                .start(); SmtpClient client = channel.client(events)) {
            client.auth().setUsername("user");
            client.auth().setPassword("password");
            assertViolation(catchThrowable(() -> client.connect("127.0.0.1", server.port())), "AUTH");
            server.awaitCompletion();
            assertThat(server.received()).last().asString().startsWith("AUTH PLAIN ");
        }
    }

    @ParameterizedTest
    @MethodSource("plaintextAndStartTls")
    void withoutPipeliningAReplyAfterALockStepReplyFailsTheMessage(ScriptedChannel channel, Segment segment)
            throws Exception {
        ScriptedSmtpServer script = channel.open(new ScriptedSmtpServer()).expect("MAIL FROM:<a@example.test>");
        try (ScriptedSmtpServer server = segment.send(script, "250 2.1.0 ok\r\n", FORGED).expectClose().start();
                SmtpClient client = channel.client(events)) {
            client.connect("127.0.0.1", server.port());
            assertViolation(catchThrowable(() -> client.sendBytes(MESSAGE)), "MAIL");
            server.awaitCompletion();
            assertThat(server.received()).last().asString().startsWith("MAIL FROM:");
        }
        assertThat(events.messageEvents).containsExactly("started 1 s", "failed 1 PROTOCOL_VIOLATION");
    }

    @ParameterizedTest
    @MethodSource("plaintextAndStartTls")
    void aPipelinedGroupAnsweredOnceTooOftenSendsNoData(ScriptedChannel channel, Segment segment) throws Exception {
        ScriptedSmtpServer script = channel.open(new ScriptedSmtpServer(), "PIPELINING")
                .expect("MAIL FROM:").expect("RCPT TO:").expect("DATA");
        try (ScriptedSmtpServer server = segment.send(script, "250 2.1.0 ok\r\n250 2.1.5 ok\r\n354 go ahead\r\n",
                FORGED).expectClose().start(); SmtpClient client = channel.client(events)) {
            client.connect("127.0.0.1", server.port());
            assertViolation(catchThrowable(() -> client.sendBytes(MESSAGE)), "DATA");
            server.awaitCompletion();
            assertThat(server.received()).last().isEqualTo("DATA");
            assertThat(new String(server.rawReceived(), StandardCharsets.US_ASCII)).endsWith("DATA\r\n");
        }
    }

    @ParameterizedTest
    @MethodSource("plaintextAndStartTls")
    void aSecondFinalReplyToTheDataLeavesTheOutcomeUnknown(ScriptedChannel channel, Segment segment)
            throws Exception {
        ScriptedSmtpServer script = channel.open(new ScriptedSmtpServer(), "PIPELINING")
                .expect("MAIL FROM:").expect("RCPT TO:").expect("DATA")
                .send("250 2.1.0 ok\r\n250 2.1.5 ok\r\n354 go ahead\r\n").expectData();
        try (ScriptedSmtpServer server = segment.send(script, "250 2.0.0 queued\r\n", "250 2.0.0 queued twice\r\n")
                .expectClose().start(); SmtpClient client = channel.client(events)) {
            client.connect("127.0.0.1", server.port());
            assertThatThrownBy(() -> client.sendBytes(MESSAGE)).isInstanceOfSatisfying(SmtpException.class, e -> {
                assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.OUTCOME_UNKNOWN);
                assertThat(e.getMessage()).contains("may or may not have been delivered", "queued twice");
                assertThat(e.getCause()).isInstanceOfSatisfying(SmtpException.class,
                        cause -> assertThat(cause.errorCode()).isEqualTo(SmtpErrorCode.PROTOCOL_VIOLATION));
            });
            client.disconnect();
            server.awaitCompletion();
            assertThat(server.messages()).hasSize(1);
            assertThat(server.received()).last().isEqualTo("DATA");
        }
        assertThat(events.messageEvents).containsExactly("started 1 s", "failed 1 OUTCOME_UNKNOWN");
    }

    /** What the client does next on a connection where the server sent bytes while it owed nothing. */
    enum NextStep {
        NOOP, RSET, QUIT, NEXT_MESSAGE;

        void run(SmtpClient client) throws SmtpException {
            switch (this) {
                case NOOP -> client.noop();
                case RSET -> client.reset();
                case QUIT -> client.disconnect();
                case NEXT_MESSAGE -> client.sendBytes(MESSAGE);
            }
        }
    }

    static Stream<Arguments> everyNextStepOverPlaintextAndStartTls() {
        return Stream.of(ScriptedChannel.PLAINTEXT, ScriptedChannel.STARTTLS)
                .flatMap(channel -> Stream.of(NextStep.values()).map(step -> Arguments.of(channel, step)));
    }

    @ParameterizedTest
    @MethodSource("everyNextStepOverPlaintextAndStartTls")
    void bytesSentWhileTheClientOwedNothingStopTheNextCommand(ScriptedChannel channel, NextStep step)
            throws Exception {
        try (ScriptedSmtpServer server = channel.open(new ScriptedSmtpServer(), "PIPELINING")
                .expect("MAIL FROM:").expect("RCPT TO:").expect("DATA")
                .send("250 2.1.0 ok\r\n250 2.1.5 ok\r\n354 go ahead\r\n").expectData().send("250 2.0.0 queued\r\n")
                .sleep(Duration.ofMillis(100)).send(FORGED).expectClose().start();
                SmtpClient client = channel.client(events)) {
            client.connect("127.0.0.1", server.port());
            client.sendBytes(MESSAGE);
            Thread.sleep(400); // the server sends its unasked reply 100 ms after the message; let it arrive
            if (step == NextStep.QUIT) {
                step.run(client);
            } else {
                assertViolation(catchThrowable(() -> step.run(client)), "the end of the data");
            }
            server.awaitCompletion();
            assertThat(server.received()).last().isEqualTo("DATA");
            assertThat(client.isConnected()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(value = ScriptedChannel.class, names = {"PLAINTEXT", "STARTTLS"})
    void a421WhileTheClientOwedNothingEndsTheSessionAsUnavailable(ScriptedChannel channel) throws Exception {
        try (ScriptedSmtpServer server = channel.open(new ScriptedSmtpServer(), "PIPELINING")
                .sleep(Duration.ofMillis(100)).send("421 4.4.2 idle too long\r\n").expectClose().start();
                SmtpClient client = channel.client(events)) {
            client.connect("127.0.0.1", server.port());
            Thread.sleep(400); // the server closes the session 100 ms after EHLO; let its 421 arrive
            assertThatThrownBy(() -> client.sendBytes(MESSAGE)).isInstanceOfSatisfying(SmtpException.class, e -> {
                assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.SERVICE_UNAVAILABLE);
                assertThat(e.replyCode()).isEqualTo(421);
                assertThat(e.isTransient()).isTrue();
            });
            server.awaitCompletion();
            assertThat(server.received()).last().asString().startsWith("EHLO ");
        }
    }

    @ParameterizedTest
    @MethodSource("plaintextAndStartTls")
    void a421RightAfterTheFinalReplyLeavesTheMessageDeliveredAndEndsTheSession(ScriptedChannel channel,
            Segment segment) throws Exception {
        ScriptedSmtpServer script = channel.open(new ScriptedSmtpServer(), "PIPELINING")
                .expect("MAIL FROM:").expect("RCPT TO:").expect("DATA")
                .send("250 2.1.0 ok\r\n250 2.1.5 ok\r\n354 go ahead\r\n").expectData();
        try (ScriptedSmtpServer server = segment.send(script, "250 2.0.0 queued\r\n", "421 4.3.2 shutting down\r\n")
                .expectClose().start(); SmtpClient client = channel.client(events)) {
            client.connect("127.0.0.1", server.port());
            SendResult result = client.sendBytes(MESSAGE);
            assertThat(result.finalReply().text()).isEqualTo("2.0.0 queued");
            assertThat(client.isConnected()).isFalse();
            client.disconnect();
            server.awaitCompletion();
        }
        assertThat(events.messageEvents).containsExactly("started 1 s", "sent 1 2.0.0 queued");
    }
}
