package io.github.smtpclient.boot.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.smtpclient.SendResult;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.SmtpMailSender;
import io.github.smtpclient.boot.client.MailMessageDefaults;
import io.github.smtpclient.boot.event.SmtpClientApplicationEvent;
import io.github.smtpclient.boot.event.SmtpCommandEvent;
import io.github.smtpclient.boot.event.SmtpCommandReplyEvent;
import io.github.smtpclient.boot.event.SmtpMessageFailedEvent;
import io.github.smtpclient.boot.event.SmtpMessageSentEvent;
import io.github.smtpclient.boot.event.SmtpProgressEvent;
import io.github.smtpclient.testing.InProcessSmtpServer;
import io.github.smtpclient.testing.TestCertificates;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.mail.MailSendException;
import org.springframework.mail.MailSender;
import org.springframework.mail.SimpleMailMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The whole auto-configuration sending through STARTTLS and AUTH to a real server in this JVM. */
class SmtpClientSendingTests {

    private static final TestCertificates CERTIFICATES = TestCertificates.forLocalhost();

    private static InProcessSmtpServer server;

    @TempDir
    static Path temp;

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SmtpClientAutoConfiguration.class,
                    SmtpClientEventsAutoConfiguration.class, SmtpClientObservationAutoConfiguration.class,
                    ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
            .withBean(EventRecorder.class)
            .withPropertyValues("smtp.client.host=localhost", "smtp.client.username=" + InProcessSmtpServer.USER,
                    "smtp.client.password=" + InProcessSmtpServer.PASSWORD,
                    "smtp.client.defaults.from=App <app@example.test>", "smtp.client.defaults.mailer=starter-test");

    @BeforeAll
    static void startServer() throws Exception {
        server = InProcessSmtpServer.startRequiringTlsAndAuth(CERTIFICATES);
        Files.writeString(temp.resolve("ca.pem"), CERTIFICATES.caPem());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private ApplicationContextRunner connected() {
        return contextRunner.withPropertyValues("smtp.client.port=" + server.port(),
                "smtp.client.tls.trusted-certificates=file:" + temp.resolve("ca.pem"));
    }

    @Test
    void whenAMessageIsSentShouldDeliverItPublishEventsAndRecordMetrics() {
        connected().run(context -> {
            MailMessageDefaults defaults = context.getBean(MailMessageDefaults.class);
            SendResult result = context.getBean(SmtpMailSender.class).sendMessage(defaults.builder()
                    .to("bob@example.test").subject("Hello").plainText("Hi Bob").build());

            assertThat(result.acceptedRecipients()).hasSize(1);
            assertThat(receivedBy("bob@example.test")).contains("From: App <app@example.test>")
                    .contains("X-Mailer: starter-test").contains("Hi Bob");
            EventRecorder events = context.getBean(EventRecorder.class);
            assertThat(events.ofType(SmtpMessageSentEvent.class)).singleElement().satisfies(sent -> {
                assertThat(sent.getServer()).isEqualTo("localhost:" + server.port());
                assertThat(sent.getSender()).isEqualTo("app@example.test");
                assertThat(sent.getResult().acceptedRecipients()).hasSize(1);
                assertThat(sent.getResult().bytesSent()).isPositive();
            });
            assertThat(events.ofType(SmtpCommandEvent.class))
                    .anyMatch(command -> command.getEvent().line().startsWith("AUTH PLAIN ****"))
                    .noneMatch(command -> command.getEvent().line().contains(InProcessSmtpServer.PASSWORD));
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.get("smtp.client.send").tag("outcome", "SUCCESS").tag("error.code", "none").timer().count())
                    .isEqualTo(1);
            assertThat(meters.get("smtp.client.recipients").tag("result", "accepted").counter().count()).isEqualTo(1);
            assertThat(meters.get("smtp.client.bytes.sent").counter().count()).isPositive();
            assertThat(meters.get("smtp.client.pool.idle").gauge().value()).isEqualTo(1);
        });
    }

    @Test
    void whenEveryRecipientIsRefusedShouldPublishTheFailureAndTagTheError() {
        connected().run(context -> {
            MailMessageDefaults defaults = context.getBean(MailMessageDefaults.class);
            SmtpMailSender sender = context.getBean(SmtpMailSender.class);

            assertThatExceptionOfType(SmtpException.class).isThrownBy(() -> sender.sendMessage(
                    defaults.builder().to("reject@example.test").subject("No").plainText("x").build()));

            assertThat(context.getBean(EventRecorder.class).ofType(SmtpMessageFailedEvent.class)).singleElement()
                    .satisfies(failed -> {
                        assertThat(failed.getFailure().errorCode()).isEqualTo(SmtpErrorCode.ALL_RECIPIENTS_REJECTED);
                        assertThat(failed.getRecipients()).singleElement()
                                .satisfies(recipient -> assertThat(recipient.isAccepted()).isFalse());
                    });
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.get("smtp.client.send").tag("outcome", "FAILURE")
                    .tag("error.code", "ALL_RECIPIENTS_REJECTED").timer().count()).isEqualTo(1);
            assertThat(meters.get("smtp.client.recipients").tag("result", "rejected").counter().count()).isEqualTo(1);
        });
    }

    @Test
    void whenSpringMailSenderSendsASimpleMessageShouldDeliverItWithTheDefaults() {
        connected().run(context -> {
            SimpleMailMessage message = new SimpleMailMessage();
            message.setTo("carol@example.test");
            message.setSubject("From Spring");
            message.setText("Sent through MailSender");

            context.getBean(MailSender.class).send(message);

            assertThat(receivedBy("carol@example.test")).contains("From: App <app@example.test>")
                    .contains("Subject: From Spring").contains("Sent through MailSender");
        });
    }

    @Test
    void whenSpringMailSenderFailsShouldReportTheFailedMessage() {
        connected().run(context -> {
            SimpleMailMessage message = new SimpleMailMessage();
            message.setTo("reject@example.test");
            message.setText("x");

            assertThatExceptionOfType(MailSendException.class)
                    .isThrownBy(() -> context.getBean(MailSender.class).send(message))
                    .satisfies(e -> assertThat(e.getFailedMessages()).containsKey(message));
        });
    }

    @Test
    void whenChattyEventsAreSwitchedOffShouldPublishOnlyTheOthers() {
        connected().withPropertyValues("smtp.client.events.command=false", "smtp.client.events.command-reply=false",
                "smtp.client.events.progress=false").run(context -> {
                    MailMessageDefaults defaults = context.getBean(MailMessageDefaults.class);
                    context.getBean(SmtpMailSender.class).sendMessage(
                            defaults.builder().to("dave@example.test").plainText("quiet").build());

                    EventRecorder events = context.getBean(EventRecorder.class);
                    assertThat(events.ofType(SmtpCommandEvent.class)).isEmpty();
                    assertThat(events.ofType(SmtpCommandReplyEvent.class)).isEmpty();
                    assertThat(events.ofType(SmtpProgressEvent.class)).isEmpty();
                    assertThat(events.ofType(SmtpMessageSentEvent.class)).hasSize(1);
                });
    }

    private static String receivedBy(String recipient) {
        return server.received().stream().filter(received -> received.to().equals(recipient))
                .map(received -> new String(received.data(), StandardCharsets.UTF_8)).findFirst().orElseThrow();
    }

    /** Records the SMTP ApplicationEvents the context publishes. */
    static class EventRecorder implements ApplicationListener<ApplicationEvent> {

        private final List<ApplicationEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void onApplicationEvent(ApplicationEvent event) {
            if (event instanceof SmtpClientApplicationEvent<?> || event instanceof SmtpMessageSentEvent
                    || event instanceof SmtpMessageFailedEvent) {
                events.add(event);
            }
        }

        <T> List<T> ofType(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }
}
