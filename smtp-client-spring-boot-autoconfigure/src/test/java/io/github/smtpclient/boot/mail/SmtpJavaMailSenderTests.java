package io.github.smtpclient.boot.mail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.boot.autoconfigure.SmtpClientAutoConfiguration;
import io.github.smtpclient.testing.InProcessSmtpServer;
import io.github.smtpclient.testing.TestCertificates;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.MailSender;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The auto-configured {@link JavaMailSender}, used as code written for spring-boot-starter-mail uses it, sending
 * through STARTTLS and AUTH to a real server in this JVM (SubEthaSMTP), which records the envelope and the bytes.
 */
class SmtpJavaMailSenderTests {

    private static final TestCertificates CERTIFICATES = TestCertificates.forLocalhost();

    private static final byte[] IMAGE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H' };

    private static final byte[] ATTACHMENT = "name,amount\r\nä,1\r\n".getBytes(StandardCharsets.UTF_8);

    private static InProcessSmtpServer server;

    @TempDir
    static Path temp;

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SmtpClientAutoConfiguration.class));

    private int alreadyReceived;

    @BeforeAll
    static void startServer() throws IOException {
        server = InProcessSmtpServer.start(CERTIFICATES,
                builder -> builder.insertReceivedHeaders(false).requireTLS(true).requireAuth(true));
        Files.writeString(temp.resolve("ca.pem"), CERTIFICATES.caPem());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void countReceived() {
        alreadyReceived = server.received().size();
    }

    private ApplicationContextRunner connected(String... properties) {
        return contextRunner.withPropertyValues("smtp.client.host=localhost", "smtp.client.port=" + server.port(),
                "smtp.client.username=" + InProcessSmtpServer.USER, "smtp.client.password=" + InProcessSmtpServer.PASSWORD,
                "smtp.client.tls.trusted-certificates=file:" + temp.resolve("ca.pem"), "smtp.client.retry.backoff=0ms")
                .withPropertyValues(properties);
    }

    private List<InProcessSmtpServer.Received> received() {
        List<InProcessSmtpServer.Received> all = server.received();
        return all.subList(alreadyReceived, all.size());
    }

    @Test
    void theJavaMailSenderIsOursAndAlsoTheMailSender() {
        connected().run(context -> {
            assertThat(context).hasSingleBean(JavaMailSender.class).hasSingleBean(MailSender.class);
            assertThat(context.getBean(JavaMailSender.class)).isInstanceOf(SmtpJavaMailSender.class)
                    .isSameAs(context.getBean(MailSender.class));
        });
    }

    @Test
    void aMimeMessageHelperMessageArrivesByteForByteWithoutItsBccAndReachesTheBccRecipient() {
        connected().run(context -> {
            JavaMailSender sender = context.getBean(JavaMailSender.class);
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, true);
            helper.setFrom("Shop <shop@example.test>");
            helper.setTo("bob@example.test");
            helper.setCc("carol@example.test");
            helper.setBcc("audit@example.test");
            helper.setSubject("Your order – thank you");
            helper.setText("Plain: grüße", "<p>HTML: grüße <img src=\"cid:logo\"></p>");
            helper.addInline("logo", new ByteArrayResource(IMAGE), "image/png");
            helper.addAttachment("order.csv", new ByteArrayResource(ATTACHMENT), "text/csv");

            sender.send(message);

            assertThat(received()).extracting(InProcessSmtpServer.Received::to)
                    .containsExactly("bob@example.test", "carol@example.test", "audit@example.test");
            assertThat(received()).extracting(InProcessSmtpServer.Received::from).containsOnly("shop@example.test");
            byte[] data = received().get(0).data();
            assertThat(data).isEqualTo(bytesWithoutBcc(message));
            String text = new String(data, StandardCharsets.UTF_8);
            assertThat(text).doesNotContain("audit@example.test").contains("Message-ID: " + message.getMessageID());

            MimeMessage arrived = parse(data);
            assertThat(arrived.getSubject()).isEqualTo("Your order – thank you");
            MimeMultipart mixed = (MimeMultipart) arrived.getContent();
            MimeMultipart related = (MimeMultipart) mixed.getBodyPart(0).getContent();
            MimeMultipart alternative = (MimeMultipart) related.getBodyPart(0).getContent();
            assertThat(alternative.getBodyPart(0).getContent()).isEqualTo("Plain: grüße");
            assertThat(alternative.getBodyPart(0).getContentType()).containsIgnoringCase("charset=UTF-8");
            assertThat(alternative.getBodyPart(1).getContent()).asString().contains("cid:logo");
            Part logo = related.getBodyPart(1);
            assertThat(logo.getHeader("Content-ID")).containsExactly("<logo>");
            assertThat(logo.getInputStream().readAllBytes()).isEqualTo(IMAGE);
            Part csv = mixed.getBodyPart(1);
            assertThat(csv.getFileName()).isEqualTo("order.csv");
            assertThat(csv.getInputStream().readAllBytes()).isEqualTo(ATTACHMENT);
        });
    }

    @Test
    void aMessageIdTheApplicationSetIsKeptAndTheDefaultsFillInWhatIsMissing() {
        connected("smtp.client.defaults.from=App <app@example.test>", "smtp.client.defaults.mailer=shop")
                .run(context -> {
                    JavaMailSender sender = context.getBean(JavaMailSender.class);
                    sender.send(mime -> {
                        MimeMessageHelper helper = new MimeMessageHelper(mime);
                        helper.setTo("bob@example.test");
                        helper.setSubject("Preparator");
                        helper.setText("Hi");
                        mime.setHeader("Message-ID", "<fixed-1@example.test>");
                    });
                    assertThat(received()).singleElement().satisfies(message -> {
                        assertThat(message.from()).isEqualTo("app@example.test");
                        assertThat(new String(message.data(), StandardCharsets.UTF_8))
                                .contains("Message-ID: <fixed-1@example.test>", "From: App <app@example.test>",
                                        "X-Mailer: shop", "Date: ");
                    });
                });
    }

    @Test
    void aSimpleMailMessageIsSentAsAMimeMessageAsSpringDoes() {
        connected().run(context -> {
            SimpleMailMessage simple = new SimpleMailMessage();
            simple.setFrom("app@example.test");
            simple.setTo("bob@example.test");
            simple.setBcc("hidden@example.test");
            simple.setSubject("Simple");
            simple.setText("Grüße");
            context.getBean(MailSender.class).send(simple);
            assertThat(received()).extracting(InProcessSmtpServer.Received::to)
                    .containsExactly("bob@example.test", "hidden@example.test");
            MimeMessage arrived = parse(received().get(0).data());
            assertThat(arrived.getContent()).isEqualTo("Grüße");
            assertThat(arrived.getContentType()).containsIgnoringCase("charset=UTF-8");
            assertThat(arrived.getHeader("Bcc")).isNull();
        });
    }

    @Test
    void theEnvelopeSenderCanDifferFromTheFromAddress() {
        connected("smtp.client.mail-sender.envelope-from=bounces@example.test").run(context -> {
            SimpleMailMessage simple = new SimpleMailMessage();
            simple.setFrom("app@example.test");
            simple.setTo("bob@example.test");
            simple.setText("x");
            context.getBean(MailSender.class).send(simple);
            assertThat(received()).singleElement().satisfies(message -> {
                assertThat(message.from()).isEqualTo("bounces@example.test");
                assertThat(new String(message.data(), StandardCharsets.UTF_8)).contains("From: app@example.test");
            });
        });
    }

    @Test
    void aPartialRejectionFailsNamingTheRefusedRecipientAndSayingTheOthersGotIt() {
        connected().run(context -> {
            SimpleMailMessage simple = simple("bob@example.test", "reject-me@example.test");
            assertThatExceptionOfType(SmtpMailSendException.class)
                    .isThrownBy(() -> context.getBean(MailSender.class).send(simple))
                    .satisfies(e -> {
                        assertThat(e.getFailedMessages()).containsOnlyKeys(simple);
                        assertThat(e.getFailedMessages().get(simple)).isInstanceOfSatisfying(
                                RecipientsRefusedException.class, refused -> {
                                    assertThat(refused.getSendResult().rejectedRecipients()).singleElement()
                                            .satisfies(r -> assertThat(r.address()).isEqualTo("reject-me@example.test"));
                                    assertThat(refused.getMessage()).contains("refused 1 of 2 recipients",
                                            "reject-me@example.test", "delivered to the others (bob@example.test)");
                                });
                        assertThat(e.getSendResults().get(simple).acceptedRecipients()).hasSize(1);
                        assertThat(e.getMessage()).contains("reject-me@example.test");
                    });
            assertThat(received()).extracting(InProcessSmtpServer.Received::to).containsExactly("bob@example.test");
        });
    }

    @Test
    void aPartialRejectionCanBeAcceptedWithAWarning() {
        connected("smtp.client.mail-sender.partial-rejection=warn").run(context -> {
            context.getBean(MailSender.class).send(simple("bob@example.test", "reject-me@example.test"));
            assertThat(received()).extracting(InProcessSmtpServer.Received::to).containsExactly("bob@example.test");
        });
    }

    @Test
    void aMessageEveryRecipientRefusesFailsWithTheSmtpExceptionAsCauseAndTheNextOneIsStillSent() {
        connected().run(context -> {
            SimpleMailMessage refused = simple("reject-all@example.test");
            SimpleMailMessage fine = simple("bob@example.test");
            assertThatExceptionOfType(MailSendException.class)
                    .isThrownBy(() -> context.getBean(MailSender.class).send(refused, fine))
                    .satisfies(e -> {
                        assertThat(e.getFailedMessages()).containsOnlyKeys(refused);
                        assertThat(e.getCause()).isInstanceOfSatisfying(SmtpException.class, cause -> assertThat(
                                cause.errorCode()).isEqualTo(SmtpErrorCode.ALL_RECIPIENTS_REJECTED));
                    });
            assertThat(received()).extracting(InProcessSmtpServer.Received::to).containsExactly("bob@example.test");
        });
    }

    @Test
    void aMessageWithoutASenderFailsAloneWithAMessagingExceptionSayingWhatToSet() {
        connected().run(context -> {
            JavaMailSender sender = context.getBean(JavaMailSender.class);
            MimeMessage noFrom = sender.createMimeMessage();
            new MimeMessageHelper(noFrom).setTo("bob@example.test");
            noFrom.setText("x");
            assertThatExceptionOfType(MailSendException.class).isThrownBy(() -> sender.send(noFrom))
                    .satisfies(e -> assertThat(e.getFailedMessages().get(noFrom))
                            .isInstanceOf(MessagingException.class)
                            .hasMessageContaining("no From address").hasMessageContaining("smtp.client.defaults.from"));
            assertThat(received()).isEmpty();
        });
    }

    @Test
    void aRefusedLoginIsAMailAuthenticationExceptionNamingTheProperties() {
        connected("smtp.client.password=wrong").run(context -> {
            assertThatExceptionOfType(MailAuthenticationException.class)
                    .isThrownBy(() -> context.getBean(MailSender.class).send(simple("bob@example.test")))
                    .satisfies(e -> {
                        assertThat(e.getCause()).isInstanceOfSatisfying(SmtpException.class,
                                cause -> assertThat(cause.errorCode()).isEqualTo(SmtpErrorCode.AUTH_FAILED));
                        assertThat(e.getMessage()).contains("smtp.client.username", "smtp.client.password")
                                .doesNotContain("auth().");
                    });
        });
    }

    @Test
    void whenTheServerCannotBeReachedEveryRemainingMessageFailsAtOnce() throws IOException {
        int closedPort = unusedPort();
        contextRunner.withPropertyValues("smtp.client.host=localhost", "smtp.client.port=" + closedPort,
                "smtp.client.retry.max-attempts=1").run(context -> {
                    SimpleMailMessage first = simple("bob@example.test");
                    SimpleMailMessage second = simple("carol@example.test");
                    assertThatExceptionOfType(MailSendException.class)
                            .isThrownBy(() -> context.getBean(MailSender.class).send(first, second))
                            .satisfies(e -> {
                                assertThat(e.getFailedMessages()).containsOnlyKeys(first, second);
                                assertThat(e.getMessage()).startsWith("Mail server connection failed");
                                assertThat(e.getCause()).isInstanceOfSatisfying(SmtpException.class, cause -> assertThat(
                                        cause.errorCode()).isEqualTo(SmtpErrorCode.CONNECT_FAILED));
                            });
                });
    }

    @Test
    void rawMimeContentIsParsedAndUnparsableContentIsAMailParseException() throws Exception {
        connected().run(context -> {
            JavaMailSender sender = context.getBean(JavaMailSender.class);
            MimeMessage raw = sender.createMimeMessage(new ByteArrayInputStream(("From: app@example.test\r\n"
                    + "To: bob@example.test\r\nSubject: raw\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII)));
            sender.send(raw);
            assertThat(new String(received().get(0).data(), StandardCharsets.US_ASCII)).contains("Subject: raw", "body");

            InputStream broken = new InputStream() {
                @Override
                public int read() throws IOException {
                    throw new IOException("disk gone");
                }
            };
            assertThatExceptionOfType(MailParseException.class).isThrownBy(() -> sender.createMimeMessage(broken));
        });
    }

    @Test
    void theDefaultEncodingReachesMimeMessageHelper() {
        connected("smtp.client.mail-sender.default-encoding=ISO-8859-1").run(context -> {
            MimeMessage message = context.getBean(JavaMailSender.class).createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message);
            assertThat(helper.getEncoding()).isEqualTo("ISO-8859-1");
        });
    }

    private static SimpleMailMessage simple(String... to) {
        SimpleMailMessage simple = new SimpleMailMessage();
        simple.setFrom("app@example.test");
        simple.setTo(to);
        simple.setSubject("Test");
        simple.setText("Hello");
        return simple;
    }

    private static byte[] bytesWithoutBcc(MimeMessage message) throws IOException, MessagingException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        message.writeTo(bytes, new String[] { "Bcc" });
        return bytes.toByteArray();
    }

    private static MimeMessage parse(byte[] data) throws MessagingException {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(data));
    }

    private static int unusedPort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
