package io.github.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.smtpclient.testing.InProcessSmtpServer;
import io.github.smtpclient.testing.ScriptedChannel;
import io.github.smtpclient.testing.ScriptedClients;
import io.github.smtpclient.testing.ScriptedSmtpServer;

/**
 * LIMITS (RFC 9422) and 452 "too many recipients" (RFC 5321 4.5.3.1.10): a message with more recipients than one
 * transaction takes goes out in several transactions of the same content, and its one result lists every recipient
 * with its own reply. Delivery counts per recipient come from a real server (SubEthaSMTP with a recipient limit) where
 * one can produce the case, and from the scripted server for LIMITS, which no server here advertises.
 */
class RecipientLimitsTests {

    private static final byte[] MESSAGE = ("From: a@example.test\r\nTo: list@example.test\r\nSubject: s\r\n\r\nbody\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    private final RecordingListener events = new RecordingListener();

    private static ServerInfo ehlo(String... lines) {
        return ServerInfo.fromEhlo(new Reply(250, List.of(lines)));
    }

    private static List<String> addresses(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "r" + i + "@example.test").toList();
    }

    private static Envelope envelope(List<String> recipients) {
        return Envelope.of("a@example.test", recipients.toArray(String[]::new));
    }

    @Test
    void limitsAreReadFromEhlo() {
        ServerInfo info = ehlo("mx.example.test", "LIMITS RCPTMAX=100 mailmax=5 RCPTDOMAINMAX=3");
        assertThat(info.isLimitsSupported()).isTrue();
        assertThat(info.maxRecipientsPerTransaction()).hasValue(100);
        assertThat(info.maxTransactionsPerSession()).hasValue(5);
        assertThat(info.maxRecipientDomainsPerTransaction()).hasValue(3);
    }

    @Test
    void malformedOrMissingLimitsMeanNoLimit() {
        ServerInfo info = ehlo("mx.example.test", "LIMITS RCPTMAX=0 MAILMAX=x1 RCPTDOMAINMAX=12345678");
        assertThat(info.maxRecipientsPerTransaction()).isEmpty();
        assertThat(info.maxTransactionsPerSession()).isEmpty();
        assertThat(info.maxRecipientDomainsPerTransaction()).isEmpty();
        assertThat(ehlo("mx.example.test", "PIPELINING").maxRecipientsPerTransaction()).isEmpty();
    }

    @Test
    void rcptMaxSplitsFiveHundredRecipientsIntoTransactionsOfAHundred() throws Exception {
        List<String> recipients = addresses(500);
        ScriptedSmtpServer script = ScriptedChannel.PLAINTEXT.open(new ScriptedSmtpServer(), "PIPELINING",
                "LIMITS RCPTMAX=100");
        for (int transaction = 0; transaction < 5; transaction++) {
            script.expect("MAIL FROM:<a@example.test>");
            StringBuilder replies = new StringBuilder("250 2.1.0 ok\r\n");
            for (int i = 0; i < 100; i++) {
                script.expect("RCPT TO:<" + recipients.get(transaction * 100 + i) + ">");
                replies.append("250 2.1.5 ok\r\n");
            }
            script.expect("DATA").send(replies + "354 go ahead\r\n").expectData().send("250 2.0.0 queued\r\n");
        }
        try (ScriptedSmtpServer server = script.start(); SmtpClient client = ScriptedClients.plainClient(events)) {
            client.connect("127.0.0.1", server.port());
            SendResult result = client.sendBytes(envelope(recipients), MESSAGE);
            server.awaitCompletion();
            assertThat(server.messages()).hasSize(5).allSatisfy(data -> assertThat(data).isEqualTo(MESSAGE));
            assertThat(rcptCounts(server.received())).hasSize(500).allSatisfy((address, count) ->
                    assertThat(count).isEqualTo(1L));
            assertThat(result.recipients()).extracting(RecipientResult::address).containsExactlyElementsOf(recipients);
            assertThat(result.isPartial()).isFalse();
        }
        assertThat(events.messageEvents).containsExactly("started 1 s", "sent 1 2.0.0 queued");
    }

    @Test
    void aRealServerAnswering452AfterFiftyRecipientsDeliversOnceToEachOfFiveHundred() throws Exception {
        List<String> recipients = addresses(500);
        try (InProcessSmtpServer server = InProcessSmtpServer.start(null, builder -> builder.maxRecipients(50));
                SmtpClient client = ScriptedClients.plainClient(events)) {
            client.connect("127.0.0.1", server.port());
            // SubEthaSMTP 7.2 does not offer PIPELINING: this is the path that waits for each RCPT reply.
            assertThat(client.getServerInfo().isPipeliningSupported()).isFalse();
            SendResult result = client.sendBytes(envelope(recipients), MESSAGE);
            Map<String, Long> deliveries = server.received().stream()
                    .collect(Collectors.groupingBy(InProcessSmtpServer.Received::to, Collectors.counting()));
            assertThat(deliveries).hasSize(500).allSatisfy((address, count) -> assertThat(count).isEqualTo(1L));
            assertThat(deliveries.keySet()).containsExactlyInAnyOrderElementsOf(recipients);
            assertThat(result.recipients()).extracting(RecipientResult::address).containsExactlyElementsOf(recipients);
            assertThat(result.acceptedRecipients()).hasSize(500);
        }
    }

    @Test
    void withPipeliningAServerAnswering452AfterFiftyGetsFiveHundredRecipientsOnceEach() throws Exception {
        List<String> recipients = addresses(500);
        ScriptedSmtpServer script = ScriptedChannel.PLAINTEXT.open(new ScriptedSmtpServer(), "PIPELINING",
                "ENHANCEDSTATUSCODES");
        for (int transaction = 0; transaction < 10; transaction++) {
            script.expect("MAIL FROM:<a@example.test>");
            StringBuilder replies = new StringBuilder("250 2.1.0 ok\r\n");
            for (int i = transaction * 50; i < 500; i++) {
                script.expect("RCPT TO:<" + recipients.get(i) + ">");
                replies.append(i < transaction * 50 + 50 ? "250 2.1.5 ok\r\n" : "452 4.5.3 too many recipients\r\n");
            }
            script.expect("DATA").send(replies + "354 go ahead\r\n").expectData().send("250 2.0.0 queued\r\n");
        }
        try (ScriptedSmtpServer server = script.start(); SmtpClient client = ScriptedClients.plainClient(events)) {
            client.connect("127.0.0.1", server.port());
            SendResult result = client.sendBytes(envelope(recipients), MESSAGE);
            server.awaitCompletion();
            assertThat(server.messages()).hasSize(10);
            List<String> acceptedRcpts = new ArrayList<>();
            int command = 0;
            for (String line : server.received()) {
                if (line.startsWith("MAIL")) {
                    command = 0;
                } else if (line.startsWith("RCPT") && command++ < 50) {
                    acceptedRcpts.add(line);
                }
            }
            assertThat(rcptCounts(acceptedRcpts)).hasSize(500).allSatisfy((address, count) ->
                    assertThat(count).isEqualTo(1L));
            assertThat(result.recipients()).extracting(RecipientResult::address).containsExactlyElementsOf(recipients);
            assertThat(result.acceptedRecipients()).hasSize(500);
        }
    }

    @Test
    void aComposedMessageIsSentAgainForTheRecipientsPutOffWith452() throws Exception {
        try (ScriptedSmtpServer server = ScriptedChannel.PLAINTEXT.open(new ScriptedSmtpServer())
                .expect("MAIL FROM:").send("250 2.1.0 ok\r\n")
                .expect("RCPT TO:<b@example.test>").send("250 2.1.5 ok\r\n")
                .expect("RCPT TO:<c@example.test>").send("452 4.5.3 too many recipients\r\n")
                .expect("RCPT TO:<d@example.test>").send("452 4.5.3 too many recipients\r\n")
                .expect("DATA").send("354 go ahead\r\n").expectData().send("250 2.0.0 first\r\n")
                .expect("MAIL FROM:").send("250 2.1.0 ok\r\n")
                .expect("RCPT TO:<c@example.test>").send("250 2.1.5 ok\r\n")
                .expect("RCPT TO:<d@example.test>").send("550 5.1.1 no such user\r\n")
                .expect("DATA").send("354 go ahead\r\n").expectData().send("250 2.0.0 second\r\n")
                .start(); SmtpClient client = ScriptedClients.plainClient(events)) {
            client.connect("127.0.0.1", server.port());
            SendResult result = client.sendMessage(io.github.smtpclient.message.MailMessage.builder()
                    .from("a@example.test").to("b@example.test", "c@example.test", "d@example.test")
                    .subject("s").plainText("body").build());
            server.awaitCompletion();
            assertThat(server.messages()).hasSize(2);
            assertThat(server.messages().get(1)).isEqualTo(server.messages().get(0));
            assertThat(result.recipients()).extracting(RecipientResult::address)
                    .containsExactly("b@example.test", "c@example.test", "d@example.test");
            assertThat(result.recipients()).extracting(r -> r.reply().code()).containsExactly(250, 250, 550);
            assertThat(result.finalReply().text()).contains("second");
        }
    }

    @Test
    void aOneShotStreamPutOffWith452IsNotReportedAsSentToTheOthers() throws Exception {
        try (ScriptedSmtpServer server = ScriptedChannel.PLAINTEXT.open(new ScriptedSmtpServer(), "PIPELINING")
                .expect("MAIL FROM:").expect("RCPT TO:<b@example.test>").expect("RCPT TO:<c@example.test>")
                .expect("DATA")
                .send("250 2.1.0 ok\r\n250 2.1.5 ok\r\n452 4.5.3 too many recipients\r\n354 go ahead\r\n")
                .expectData().send("250 2.0.0 queued\r\n")
                .expect("NOOP").send("250 2.0.0 ok\r\n")
                .start(); SmtpClient client = ScriptedClients.plainClient(events)) {
            client.connect("127.0.0.1", server.port());
            Envelope envelope = Envelope.of("a@example.test", "b@example.test", "c@example.test");
            assertThatThrownBy(() -> client.sendStream(envelope, new ByteArrayInputStream(MESSAGE)))
                    .isInstanceOfSatisfying(SmtpException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.PARTIALLY_SENT);
                        assertThat(e.getMessage()).contains("not delivered to [c@example.test]", "one-shot stream");
                    });
            assertThat(client.noop().code()).isEqualTo(250);
            server.awaitCompletion();
            assertThat(server.messages()).hasSize(1);
            assertThat(server.received().stream().filter(line -> line.startsWith("MAIL"))).hasSize(1);
        }
        assertThat(events.messageEvents).containsExactly("started 1 s", "failed 1 PARTIALLY_SENT");
    }

    @Test
    void aOneShotStreamNeedingSeveralTransactionsIsRefusedBeforeMail() throws Exception {
        try (ScriptedSmtpServer server = ScriptedChannel.PLAINTEXT.open(new ScriptedSmtpServer(), "LIMITS RCPTMAX=1")
                .expect("NOOP").send("250 2.0.0 ok\r\n")
                .start(); SmtpClient client = ScriptedClients.plainClient(events)) {
            client.connect("127.0.0.1", server.port());
            Envelope envelope = Envelope.of("a@example.test", "b@example.test", "c@example.test");
            assertThatThrownBy(() -> client.sendStream(envelope, new ByteArrayInputStream(MESSAGE)))
                    .isInstanceOfSatisfying(SmtpException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.INVALID_ARGUMENT);
                        assertThat(e.getMessage()).contains("at most 1 recipients", "nothing was sent");
                    });
            assertThat(client.noop().code()).isEqualTo(250);
            server.awaitCompletion();
            assertThat(server.received()).noneMatch(line -> line.startsWith("MAIL"));
        }
    }

    @Test
    void allOrNothingDeliveryNeedingSeveralTransactionsIsRefusedBeforeMail() throws Exception {
        try (ScriptedSmtpServer server = ScriptedChannel.PLAINTEXT.open(new ScriptedSmtpServer(), "LIMITS RCPTMAX=1")
                .start(); SmtpClient client = ScriptedClients.plainClient(events)) {
            client.transfer().setRecipientPolicy(RecipientPolicy.ALL_OR_NOTHING);
            client.connect("127.0.0.1", server.port());
            Envelope envelope = Envelope.of("a@example.test", "b@example.test", "c@example.test");
            assertThatThrownBy(() -> client.sendBytes(envelope, MESSAGE))
                    .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.getMessage())
                            .contains("All-or-nothing", "nothing was sent"));
            assertThat(server.received()).noneMatch(line -> line.startsWith("MAIL"));
        }
    }

    @Test
    void aFileIsReadAgainForEachTransaction(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("message.eml"), MESSAGE);
        try (ScriptedSmtpServer server = ScriptedChannel.PLAINTEXT.open(new ScriptedSmtpServer(), "PIPELINING",
                        "LIMITS RCPTMAX=1")
                .expect("MAIL FROM:").expect("RCPT TO:<b@example.test>").expect("DATA")
                .send("250 2.1.0 ok\r\n250 2.1.5 ok\r\n354 go ahead\r\n").expectData()
                .send("250 2.0.0 first\r\n")
                .expect("MAIL FROM:").expect("RCPT TO:<c@example.test>").expect("DATA")
                .send("250 2.1.0 ok\r\n250 2.1.5 ok\r\n354 go ahead\r\n").expectData()
                .send("250 2.0.0 second\r\n")
                .start(); SmtpClient client = ScriptedClients.plainClient(events)) {
            client.connect("127.0.0.1", server.port());
            SendResult result = client.sendFile(Envelope.of("a@example.test", "b@example.test", "c@example.test"),
                    file);
            server.awaitCompletion();
            assertThat(server.messages()).hasSize(2).allSatisfy(data -> assertThat(data).isEqualTo(MESSAGE));
            assertThat(result.acceptedRecipients()).extracting(RecipientResult::address)
                    .containsExactly("b@example.test", "c@example.test");
        }
    }

    @Test
    void rcptDomainMaxKeepsEachTransactionWithinItsDomains() throws Exception {
        try (ScriptedSmtpServer server = ScriptedChannel.PLAINTEXT.open(new ScriptedSmtpServer(),
                        "LIMITS RCPTDOMAINMAX=1")
                .expect("MAIL FROM:").send("250 2.1.0 ok\r\n")
                .expect("RCPT TO:<x@one.test>").send("250 2.1.5 ok\r\n")
                .expect("RCPT TO:<y@ONE.test>").send("250 2.1.5 ok\r\n")
                .expect("DATA").send("354 go ahead\r\n").expectData().send("250 2.0.0 one\r\n")
                .expect("MAIL FROM:").send("250 2.1.0 ok\r\n")
                .expect("RCPT TO:<z@two.test>").send("250 2.1.5 ok\r\n")
                .expect("DATA").send("354 go ahead\r\n").expectData().send("250 2.0.0 two\r\n")
                .start(); SmtpClient client = ScriptedClients.plainClient(events)) {
            client.connect("127.0.0.1", server.port());
            SendResult result = client.sendBytes(Envelope.of("a@example.test", "x@one.test", "y@ONE.test",
                    "z@two.test"), MESSAGE);
            server.awaitCompletion();
            assertThat(server.messages()).hasSize(2);
            assertThat(result.acceptedRecipients()).hasSize(3);
        }
    }

    @Test
    void aLaterTransactionFailingAfterAnEarlierDeliveredIsReportedAsPartlySent() throws Exception {
        try (ScriptedSmtpServer server = ScriptedChannel.PLAINTEXT.open(new ScriptedSmtpServer(), "LIMITS RCPTMAX=1")
                .expect("MAIL FROM:").send("250 2.1.0 ok\r\n")
                .expect("RCPT TO:<b@example.test>").send("250 2.1.5 ok\r\n")
                .expect("DATA").send("354 go ahead\r\n").expectData().send("250 2.0.0 queued\r\n")
                .expect("MAIL FROM:").send("250 2.1.0 ok\r\n")
                .expect("RCPT TO:<c@example.test>").send("250 2.1.5 ok\r\n")
                .expect("DATA").send("354 go ahead\r\n").expectData().send("554 5.6.0 content refused\r\n")
                .start(); SmtpClient client = ScriptedClients.plainClient(events)) {
            client.connect("127.0.0.1", server.port());
            assertThatThrownBy(() -> client.sendBytes(Envelope.of("a@example.test", "b@example.test",
                    "c@example.test"), MESSAGE))
                    .isInstanceOfSatisfying(SmtpException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.PARTIALLY_SENT);
                        assertThat(e.replyCode()).isEqualTo(554);
                        assertThat(e.getMessage()).contains("1 of 2 transactions", "not delivered to [c@example.test]");
                    });
            server.awaitCompletion();
        }
        assertThat(events.messageEvents).containsExactly("started 1 s", "failed 1 PARTIALLY_SENT");
    }

    @Test
    void mailMaxStopsTheSessionBeforeATransactionTheServerWouldRefuse() throws Exception {
        try (ScriptedSmtpServer server = ScriptedChannel.PLAINTEXT.open(new ScriptedSmtpServer(), "PIPELINING",
                        "LIMITS MAILMAX=1")
                .expect("MAIL FROM:").expect("RCPT TO:<b@example.test>").expect("DATA")
                .send("250 2.1.0 ok\r\n250 2.1.5 ok\r\n354 go ahead\r\n")
                .expectData().send("250 2.0.0 queued\r\n")
                .expectClose()
                .start(); SmtpClient client = ScriptedClients.plainClient(events)) {
            client.connect("127.0.0.1", server.port());
            Envelope envelope = Envelope.of("a@example.test", "b@example.test");
            List<Submission> batch = new ArrayList<>();
            batch.add(new Submission(envelope, new io.github.smtpclient.internal.RawMessageContent(
                    () -> new ByteArrayInputStream(MESSAGE), MESSAGE.length, MessageContent.Encoding.SEVEN_BIT), null));
            batch.add(batch.get(0));
            List<SendOutcome> outcomes = client.sendAll(batch);
            assertThat(outcomes.get(0).isSuccess()).isTrue();
            assertThat(outcomes.get(1).failure()).hasValueSatisfying(e -> {
                assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.TRANSACTION_LIMIT_REACHED);
                assertThat(e.getMessage()).contains("1 transactions per session", "MAILMAX");
            });
            server.awaitCompletion();
            assertThat(server.messages()).hasSize(1);
        }
    }

    private static Map<String, Long> rcptCounts(List<String> commands) {
        return commands.stream().filter(line -> line.startsWith("RCPT TO:<"))
                .map(line -> line.substring("RCPT TO:<".length(), line.indexOf('>')))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
