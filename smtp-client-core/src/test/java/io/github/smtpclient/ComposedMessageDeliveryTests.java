package io.github.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.smtpclient.message.Attachment;
import io.github.smtpclient.message.MailMessage;
import io.github.smtpclient.message.Priority;
import io.github.smtpclient.testing.InProcessSmtpServer;
import io.github.smtpclient.testing.TestCertificates;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * Composed messages sent through the engine to a real server (SubEthaSMTP) and parsed back with an independent
 * parser (Angus Mail): what arrives is what was meant, field by field and byte by byte.
 */
class ComposedMessageDeliveryTests {

    private static final TestCertificates CERTIFICATES = TestCertificates.forLocalhost();
    private static InProcessSmtpServer server;

    @BeforeAll
    static void start() {
        server = InProcessSmtpServer.startRequiringTlsAndAuth(CERTIFICATES);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private final RecordingListener events = new RecordingListener();

    private void configure(SmtpClient client) {
        client.tls().setTrustedCertificates(List.of(CERTIFICATES.caCertificate()));
        client.auth().setUsername(InProcessSmtpServer.USER);
        client.auth().setPassword(InProcessSmtpServer.PASSWORD);
        client.setListener(events);
    }

    private static MimeMessage arrived(String messageId, String recipient) throws Exception {
        InProcessSmtpServer.Received received = server.received().stream()
                .filter(r -> r.to().equals(recipient))
                .filter(r -> new String(r.data(), StandardCharsets.UTF_8).contains(messageId))
                .findFirst().orElseThrow();
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(received.data()));
    }

    @Test
    void htmlWithAnInlineImageAndAnAttachmentArrivesAsComposed() throws Exception {
        byte[] logo = new byte[3000];
        new Random(7).nextBytes(logo);
        byte[] report = new byte[70_000];
        new Random(8).nextBytes(report);
        MailMessage message = MailMessage.builder()
                .from("Zoë Example <zoe@example.test>")
                .to("Bob <bob@example.test>")
                .bcc("audit@example.test")
                .subject("Quarterly report \u2014 \u00fcbersicht \ud83d\udcc8")
                .priority(Priority.HIGH)
                .plainText("Hello Bob,\nthe report is attached.\n.\nA line with only a dot above.")
                .htmlText("<p>Hello Bob,</p><img src=\"cid:logo\">")
                .inline(Attachment.fromBytes("logo.png", logo).withContentId("logo"))
                .attach(Attachment.fromBytes("r\u00e9sum\u00e9 Q3.bin", report))
                .build();
        SendResult result;
        try (SmtpClient client = new SmtpClient()) {
            configure(client);
            client.connect("localhost", server.port());
            result = client.sendMessage(message);
        }
        String messageId = result.messageId().orElseThrow();
        assertThat(result.acceptedRecipients()).extracting(RecipientResult::address)
                .containsExactly("bob@example.test", "audit@example.test");

        MimeMessage parsed = arrived(messageId, "bob@example.test");
        assertThat(parsed.getSubject()).isEqualTo("Quarterly report \u2014 \u00fcbersicht \ud83d\udcc8");
        assertThat(parsed.getFrom()[0].toString()).contains("zoe@example.test");
        assertThat(parsed.getHeader("Bcc")).isNull();
        assertThat(parsed.getHeader("X-Priority")[0]).startsWith("2");
        Multipart mixed = (Multipart) parsed.getContent();
        assertThat(parsed.getContentType()).startsWith("multipart/mixed");
        BodyPart attachment = mixed.getBodyPart(1);
        assertThat(attachment.getFileName()).isEqualTo("r\u00e9sum\u00e9 Q3.bin");
        assertThat(attachment.getInputStream().readAllBytes()).isEqualTo(report);
        Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
        assertThat(((String) alternative.getBodyPart(0).getContent()).replace("\r\n", "\n"))
                .isEqualTo("Hello Bob,\nthe report is attached.\n.\nA line with only a dot above.\n");
        Multipart related = (Multipart) alternative.getBodyPart(1).getContent();
        assertThat((String) related.getBodyPart(0).getContent()).contains("cid:logo");
        Part image = related.getBodyPart(1);
        assertThat(image.getInputStream().readAllBytes()).isEqualTo(logo);
        assertThat(((BodyPart) image).getHeader("Content-ID")[0]).isEqualTo("<logo>");
    }

    @Test
    void theReferenceStyleDraftIsSentBySendMessage() throws Exception {
        SendResult result;
        try (SmtpClient client = new SmtpClient()) {
            configure(client);
            client.getMessage().setFrom("alice@example.test");
            client.getMessage().setSendTo("carol@example.test, dave@example.test");
            client.getMessage().setSubject("from the draft");
            client.getMessage().setPlainText("drafted");
            client.connect("localhost", server.port());
            result = client.sendMessage();
        }
        assertThat(result.acceptedRecipients()).hasSize(2);
        MimeMessage parsed = arrived(result.messageId().orElseThrow(), "dave@example.test");
        assertThat(parsed.getSubject()).isEqualTo("from the draft");
        assertThat(((String) parsed.getContent()).trim()).isEqualTo("drafted");
    }

    @Test
    void severalComposedMessagesShareOneConnection() throws Exception {
        List<MailMessage> batch = List.of(
                MailMessage.builder().from("alice@example.test").to("erin@example.test").subject("one").plainText("1").build(),
                MailMessage.builder().from("alice@example.test").to("erin@example.test").subject("two").plainText("2").build());
        List<SendOutcome> outcomes;
        try (SmtpClient client = new SmtpClient()) {
            configure(client);
            client.connect("localhost", server.port());
            outcomes = client.sendMessages(batch);
        }
        assertThat(outcomes).allMatch(SendOutcome::isSuccess);
        assertThat(arrived(outcomes.get(1).result().orElseThrow().messageId().orElseThrow(), "erin@example.test")
                .getSubject()).isEqualTo("two");
    }

    @Test
    void thePooledSenderComposesAndSends() throws Exception {
        MailMessage message = MailMessage.builder().from("alice@example.test").to("frank@example.test")
                .subject("pooled").plainText("through the pool").build();
        SendResult result;
        try (SmtpMailSender sender = SmtpMailSender.builder("localhost", server.port()).configureClients(this::configure)
                .build()) {
            result = sender.sendMessageAsync(message).get();
        }
        assertThat(arrived(result.messageId().orElseThrow(), "frank@example.test").getSubject()).isEqualTo("pooled");
    }
}
