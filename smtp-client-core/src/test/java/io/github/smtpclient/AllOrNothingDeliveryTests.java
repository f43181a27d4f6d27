package io.github.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.smtpclient.testing.ScriptedChannel;
import io.github.smtpclient.testing.ScriptedSmtpServer;

/**
 * All-or-nothing delivery ({@link RecipientPolicy#ALL_OR_NOTHING}), per client and per envelope: one refused recipient
 * means RSET and no message data at all. With PIPELINING the client waits for the RCPT replies before DATA; the
 * scripts prove it by expecting MAIL and RCPT without DATA, and nothing but RSET after a refusal.
 */
class AllOrNothingDeliveryTests {

    private static final byte[] MESSAGE = ("From: a@example.test\r\nTo: b@example.test\r\nSubject: s\r\n\r\nbody\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    private static final Envelope TWO_RECIPIENTS = Envelope.of("a@example.test", "b@example.test", "c@example.test");

    private final RecordingListener events = new RecordingListener();

    @ParameterizedTest
    @EnumSource(value = ScriptedChannel.class, names = {"PLAINTEXT", "STARTTLS"})
    void withPipeliningOneRefusedRecipientResetsTheTransactionBeforeDataIsSent(ScriptedChannel channel)
            throws Exception {
        try (ScriptedSmtpServer server = channel.open(new ScriptedSmtpServer(), "PIPELINING")
                .expect("MAIL FROM:").expect("RCPT TO:<b@example.test>").expect("RCPT TO:<c@example.test>")
                .send("250 2.1.0 ok\r\n250 2.1.5 ok\r\n550 5.1.1 no such user\r\n")
                .expect("RSET").send("250 2.0.0 reset\r\n")
                .expect("NOOP").send("250 2.0.0 still here\r\n")
                .start(); SmtpClient client = channel.client(events)) {
            client.transfer().setRecipientPolicy(RecipientPolicy.ALL_OR_NOTHING);
            client.connect("127.0.0.1", server.port());
            assertThatThrownBy(() -> client.sendBytes(TWO_RECIPIENTS, MESSAGE))
                    .isInstanceOfSatisfying(SmtpException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.RECIPIENT_REJECTED);
                        assertThat(e.replyCode()).isEqualTo(550);
                        assertThat(e.isPermanent()).isTrue();
                        assertThat(e.getMessage()).contains("1 of 2 recipients", "<c@example.test>");
                    });
            assertThat(client.noop().code()).isEqualTo(250);
            server.awaitCompletion();
            assertThat(server.received()).doesNotContain("DATA");
            assertThat(server.messages()).isEmpty();
        }
        assertThat(events.messageEvents).containsExactly("started 1 s", "failed 1 RECIPIENT_REJECTED");
    }

    @Test
    void withPipeliningEveryRecipientAcceptedSendsDataAfterTheRcptReplies() throws Exception {
        try (ScriptedSmtpServer server = ScriptedChannel.PLAINTEXT.open(new ScriptedSmtpServer(), "PIPELINING")
                .expect("MAIL FROM:").expect("RCPT TO:<b@example.test>").expect("RCPT TO:<c@example.test>")
                .send("250 2.1.0 ok\r\n250 2.1.5 ok\r\n250 2.1.5 ok\r\n")
                .expect("DATA").send("354 go ahead\r\n").expectData().send("250 2.0.0 queued\r\n")
                .start(); SmtpClient client = ScriptedChannel.PLAINTEXT.client(events)) {
            client.transfer().setRecipientPolicy(RecipientPolicy.ALL_OR_NOTHING);
            client.connect("127.0.0.1", server.port());
            SendResult result = client.sendBytes(TWO_RECIPIENTS, MESSAGE);
            assertThat(result.acceptedRecipients()).hasSize(2);
            assertThat(result.isPartial()).isFalse();
            server.awaitCompletion();
            assertThat(server.messages()).hasSize(1);
        }
    }

    @Test
    void theEnvelopeAsksForAllOrNothingWhateverTheClientSays() throws Exception {
        try (ScriptedSmtpServer server = ScriptedChannel.PLAINTEXT.open(new ScriptedSmtpServer(), "PIPELINING")
                .expect("MAIL FROM:").expect("RCPT TO:<b@example.test>").expect("RCPT TO:<c@example.test>")
                .send("250 2.1.0 ok\r\n451 4.3.0 try later\r\n250 2.1.5 ok\r\n")
                .expect("RSET").send("250 2.0.0 reset\r\n")
                .start(); SmtpClient client = ScriptedChannel.PLAINTEXT.client(events)) {
            client.connect("127.0.0.1", server.port());
            Envelope allOrNothing = TWO_RECIPIENTS.toBuilder().recipientPolicy(RecipientPolicy.ALL_OR_NOTHING).build();
            assertThatThrownBy(() -> client.sendBytes(allOrNothing, MESSAGE))
                    .isInstanceOfSatisfying(SmtpException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.RECIPIENT_REJECTED);
                        assertThat(e.isTransient()).as("only a temporary refusal").isTrue();
                    });
            server.awaitCompletion();
            assertThat(server.received()).doesNotContain("DATA");
        }
    }

    @Test
    void theEnvelopeAcceptsPartialDeliveryWhateverTheClientSays() throws Exception {
        try (ScriptedSmtpServer server = ScriptedChannel.PLAINTEXT.open(new ScriptedSmtpServer(), "PIPELINING")
                .expect("MAIL FROM:").expect("RCPT TO:<b@example.test>").expect("RCPT TO:<c@example.test>")
                .expect("DATA").send("250 2.1.0 ok\r\n550 5.1.1 no such user\r\n250 2.1.5 ok\r\n354 go ahead\r\n")
                .expectData().send("250 2.0.0 queued\r\n")
                .start(); SmtpClient client = ScriptedChannel.PLAINTEXT.client(events)) {
            client.transfer().setRecipientPolicy(RecipientPolicy.ALL_OR_NOTHING);
            client.connect("127.0.0.1", server.port());
            Envelope partial = TWO_RECIPIENTS.toBuilder().recipientPolicy(RecipientPolicy.PARTIAL).build();
            SendResult result = client.sendBytes(partial, MESSAGE);
            assertThat(result.rejectedRecipients()).extracting(RecipientResult::address)
                    .containsExactly("b@example.test");
            server.awaitCompletion();
        }
    }

    @Test
    void withoutPipeliningARefusedRecipientResetsTheTransactionWithoutData() throws Exception {
        try (ScriptedSmtpServer server = ScriptedChannel.PLAINTEXT.open(new ScriptedSmtpServer())
                .expect("MAIL FROM:").send("250 2.1.0 ok\r\n")
                .expect("RCPT TO:<b@example.test>").send("550 5.1.1 no such user\r\n")
                .expect("RCPT TO:<c@example.test>").send("250 2.1.5 ok\r\n")
                .expect("RSET").send("250 2.0.0 reset\r\n")
                .start(); SmtpClient client = ScriptedChannel.PLAINTEXT.client(events)) {
            client.transfer().setRecipientPolicy(RecipientPolicy.ALL_OR_NOTHING);
            client.connect("127.0.0.1", server.port());
            assertThatThrownBy(() -> client.sendBytes(TWO_RECIPIENTS, MESSAGE)).isInstanceOfSatisfying(
                    SmtpException.class, e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.RECIPIENT_REJECTED));
            server.awaitCompletion();
            assertThat(server.received()).doesNotContain("DATA");
        }
    }

    @Test
    void withBdatARefusedRecipientResetsTheTransactionBeforeAnyChunk() throws Exception {
        try (ScriptedSmtpServer server = ScriptedChannel.PLAINTEXT.open(new ScriptedSmtpServer(), "PIPELINING",
                "CHUNKING")
                .expect("MAIL FROM:").expect("RCPT TO:<b@example.test>").expect("RCPT TO:<c@example.test>")
                .send("250 2.1.0 ok\r\n250 2.1.5 ok\r\n550 5.1.1 no such user\r\n")
                .expect("RSET").send("250 2.0.0 reset\r\n")
                .start(); SmtpClient client = ScriptedChannel.PLAINTEXT.client(events)) {
            client.transfer().setBinaryMode(true);
            client.transfer().setRecipientPolicy(RecipientPolicy.ALL_OR_NOTHING);
            client.connect("127.0.0.1", server.port());
            assertThatThrownBy(() -> client.sendBytes(TWO_RECIPIENTS, MESSAGE)).isInstanceOfSatisfying(
                    SmtpException.class, e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.RECIPIENT_REJECTED));
            server.awaitCompletion();
            assertThat(server.received()).noneMatch(line -> line.startsWith("BDAT"));
        }
    }

    @Test
    void theDefaultStaysPartialDelivery() {
        assertThat(new SmtpClient().transfer().getRecipientPolicy()).isEqualTo(RecipientPolicy.PARTIAL);
        assertThat(TWO_RECIPIENTS.recipientPolicy()).isEmpty();
    }
}
