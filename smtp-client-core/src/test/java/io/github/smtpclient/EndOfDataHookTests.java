package io.github.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.smtpclient.event.SmtpListener;
import io.github.smtpclient.internal.RawMessageContent;
import io.github.smtpclient.testing.InProcessSmtpServer;
import io.github.smtpclient.testing.ScriptedClients;

class EndOfDataHookTests {

    private static Submission submission(String subject, String... recipients) {
        byte[] bytes = ("From: a@example.test\r\nTo: b@example.test\r\nSubject: " + subject + "\r\n\r\nbody\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        return new Submission(Envelope.of("a@example.test", recipients),
                new RawMessageContent(new ByteArrayInputStream(bytes), bytes.length,
                        MessageContent.Encoding.SEVEN_BIT), null, subject);
    }

    @Test
    void hookRunsBeforeTheServerHasTheMessageAndSeesTheRcptReplies() throws Exception {
        try (InProcessSmtpServer server = InProcessSmtpServer.startPlain();
                SmtpClient client = ScriptedClients.plainClient(SmtpListener.NONE)) {
            client.connect("localhost", server.port());
            List<Integer> receivedAtHook = new ArrayList<>();
            List<List<RecipientResult>> seen = new ArrayList<>();
            EndOfDataHook hook = recipients -> {
                receivedAtHook.add(server.received().size());
                seen.add(recipients);
            };
            List<SendOutcome> outcomes = client.sendAll(List.of(
                    submission("one", "b@example.test", "reject@example.test").withEndOfData(hook),
                    submission("two", "c@example.test").withEndOfData(hook)));

            assertThat(outcomes).allMatch(SendOutcome::isSuccess);
            // When each hook ran, the server had not yet been given that message's end of data.
            assertThat(receivedAtHook).containsExactly(0, 1);
            assertThat(seen.get(0)).extracting(RecipientResult::address)
                    .containsExactly("b@example.test", "reject@example.test");
            assertThat(seen.get(0).get(1).isAccepted()).isFalse();
            assertThat(server.received()).hasSize(2);
        }
    }

    @Test
    void aFailingHookClosesTheConnectionAndNothingIsDelivered() throws Exception {
        try (InProcessSmtpServer server = InProcessSmtpServer.startPlain();
                SmtpClient client = ScriptedClients.plainClient(SmtpListener.NONE)) {
            client.connect("localhost", server.port());
            List<SendOutcome> outcomes = client.sendAll(List.of(
                    submission("refused", "b@example.test").withEndOfData(recipients -> {
                        throw new IllegalStateException("lease lost");
                    }),
                    submission("after", "b@example.test")));

            SmtpException failure = outcomes.get(0).failure().orElseThrow();
            assertThat(failure.errorCode()).isEqualTo(SmtpErrorCode.ABORTED_BEFORE_END_OF_DATA);
            assertThat(failure).hasMessageContaining("lease lost").hasRootCauseInstanceOf(IllegalStateException.class);
            assertThat(outcomes.get(0).recipients()).extracting(RecipientResult::address)
                    .containsExactly("b@example.test");
            assertThat(outcomes.get(1).failure().orElseThrow().errorCode()).isEqualTo(SmtpErrorCode.NOT_CONNECTED);
            assertThat(client.isConnected()).isFalse();
            Thread.sleep(200);
            assertThat(server.received()).isEmpty();
        }
    }

    @Test
    void aFailureWhenEveryRecipientIsRefusedStillCarriesEachRcptReply() throws Exception {
        try (InProcessSmtpServer server = InProcessSmtpServer.startPlain();
                SmtpClient client = ScriptedClients.plainClient(SmtpListener.NONE)) {
            client.connect("localhost", server.port());
            SendOutcome outcome = client.sendAll(List.of(submission("x", "reject1@example.test",
                    "reject2@example.test"))).get(0);

            assertThat(outcome.failure().orElseThrow().errorCode()).isEqualTo(SmtpErrorCode.ALL_RECIPIENTS_REJECTED);
            assertThat(outcome.recipients()).extracting(RecipientResult::address)
                    .containsExactly("reject1@example.test", "reject2@example.test");
            assertThat(outcome.recipients()).noneMatch(RecipientResult::isAccepted);
        }
    }

    /** The data gate sees the whole body before the hook: content it refuses never reaches the hook. */
    @Test
    void aBodyTheDataGateRefusesNeverReachesTheHook() throws Exception {
        byte[] bytes = "From: a@example.test\r\nSubject: nul\r\n\r\nbody\u0000\r\n".getBytes(StandardCharsets.US_ASCII);
        try (InProcessSmtpServer server = InProcessSmtpServer.startPlain();
                SmtpClient client = ScriptedClients.plainClient(SmtpListener.NONE)) {
            client.connect("localhost", server.port());
            List<List<RecipientResult>> seen = new ArrayList<>();
            SendOutcome outcome = client.sendAll(List.of(new Submission(Envelope.of("a@example.test",
                    "b@example.test"), new RawMessageContent(new ByteArrayInputStream(bytes), bytes.length,
                    MessageContent.Encoding.SEVEN_BIT), null, "nul").withEndOfData(seen::add))).get(0);

            assertThat(outcome.failure().orElseThrow().errorCode()).isEqualTo(SmtpErrorCode.ILLEGAL_WIRE_VALUE);
            assertThat(seen).isEmpty();
            Thread.sleep(200);
            assertThat(server.received()).isEmpty();
        }
    }
}
