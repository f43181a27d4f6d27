package io.github.smtpclient.boot.autoconfigure;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.smtpclient.Envelope;
import io.github.smtpclient.MessageContent;
import io.github.smtpclient.SendOutcome;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.SmtpMailSender;
import io.github.smtpclient.Submission;
import io.github.smtpclient.internal.RawMessageContent;
import io.github.smtpclient.boot.event.SmtpMessageFailedEvent;
import io.github.smtpclient.boot.event.SmtpMessageSentEvent;
import io.github.smtpclient.testing.CountingSmtpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.mail.MailSender;
import org.springframework.mail.SimpleMailMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The starter's pooled sender retrying against a real server in this JVM (SubEthaSMTP, answering a sender named
 * {@code flaky-...} with 421 at its first MAIL), and against a port where nothing listens: one observation per
 * message with its tries, events numbered with their try, the circuit breaker in the metrics.
 */
class SmtpClientRetryObservationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SmtpClientAutoConfiguration.class,
                    SmtpClientEventsAutoConfiguration.class, SmtpClientObservationAutoConfiguration.class,
                    ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
            .withBean(MessageEvents.class)
            .withPropertyValues("smtp.client.host=localhost", "smtp.client.tls.mode=none",
                    "smtp.client.retry.backoff=5ms");

    private CountingSmtpServer server;

    @BeforeEach
    void startServer() {
        server = CountingSmtpServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private ApplicationContextRunner connected() {
        return contextRunner.withPropertyValues("smtp.client.port=" + server.port());
    }

    private static byte[] message(String from, String id) {
        return ("From: " + from + "\r\nTo: bob@example.test\r\nSubject: retried\r\nMessage-ID: <" + id
                + "@example.test>\r\n\r\nHello\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static List<Timer> sendTimers(MeterRegistry meters) {
        return List.copyOf(meters.find("smtp.client.send").timers());
    }

    @Test
    void whenASendIsRetriedShouldObserveOneSendWithItsAttemptsAndNumberTheEventsWithTheirTry() {
        connected().run(context -> {
            context.getBean(SmtpMailSender.class).sendBytes(message("flaky-retried@example.test", "retried"));

            assertThat(server.messageIds()).containsExactly("<retried@example.test>");
            assertThat(sendTimers(context.getBean(MeterRegistry.class))).singleElement().satisfies(timer -> {
                assertThat(timer.count()).isEqualTo(1);
                assertThat(timer.getId().getTag("outcome")).isEqualTo("SUCCESS");
                assertThat(timer.getId().getTag("attempts")).isEqualTo("2");
                assertThat(timer.getId().getTag("error.code")).isEqualTo("none");
            });
            MessageEvents events = context.getBean(MessageEvents.class);
            assertThat(events.ofType(SmtpMessageFailedEvent.class)).singleElement().satisfies(failed -> {
                assertThat(failed.getAttempt()).isEqualTo(1);
                assertThat(failed.getFailure().errorCode()).isEqualTo(SmtpErrorCode.SERVICE_UNAVAILABLE);
            });
            assertThat(events.ofType(SmtpMessageSentEvent.class)).singleElement()
                    .satisfies(sent -> assertThat(sent.getAttempt()).isEqualTo(2));
        });
    }

    @Test
    void whenEveryRecipientOfABatchedMessageIsRefusedShouldObserveAFailureNotThrow() {
        connected().run(context -> {
            byte[] bytes = ("From: alice@example.test\r\nTo: reject-bob@example.test\r\nSubject: refused\r\n"
                    + "Message-ID: <refused@example.test>\r\n\r\nHello\r\n").getBytes(StandardCharsets.UTF_8);
            List<SendOutcome> outcomes = context.getBean(SmtpMailSender.class).sendAll(List.of(new Submission(
                    Envelope.of("alice@example.test", "reject-bob@example.test"),
                    new RawMessageContent(new ByteArrayInputStream(bytes), bytes.length, MessageContent.Encoding.SEVEN_BIT),
                    "<refused@example.test>")));

            assertThat(outcomes).singleElement().satisfies(outcome -> assertThat(outcome.failure())
                    .hasValueSatisfying(e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.ALL_RECIPIENTS_REJECTED)));
            assertThat(server.messageIds()).isEmpty();
            assertThat(sendTimers(context.getBean(MeterRegistry.class))).singleElement().satisfies(timer -> {
                assertThat(timer.count()).isEqualTo(1);
                assertThat(timer.getId().getTag("outcome")).isEqualTo("FAILURE");
                assertThat(timer.getId().getTag("error.code")).isEqualTo("ALL_RECIPIENTS_REJECTED");
            });
        });
    }

    @Test
    void whenSpringsMailSenderSendsARetriedMessageShouldDeliverItOnceAndObserveItOnce() {
        connected().run(context -> {
            SimpleMailMessage message = new SimpleMailMessage();
            message.setFrom("flaky-spring@example.test");
            message.setTo("bob@example.test");
            message.setSubject("Through MailSender");
            message.setText("retried once");

            context.getBean(MailSender.class).send(message);

            assertThat(server.messageIds()).hasSize(1);
            assertThat(server.mailCommands()).isEqualTo(2);
            assertThat(sendTimers(context.getBean(MeterRegistry.class))).singleElement().satisfies(timer -> {
                assertThat(timer.count()).isEqualTo(1);
                assertThat(timer.getId().getTag("attempts")).isEqualTo("2");
            });
        });
    }

    @Test
    void whenTheServerIsDownShouldObserveEverySendOnceAndShowTheOpenCircuitInTheMetrics() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        contextRunner.withPropertyValues("smtp.client.port=" + closedPort, "smtp.client.retry.max-attempts=2",
                "smtp.client.pool.circuit-breaker.failure-threshold=3",
                "smtp.client.pool.circuit-breaker.backoff=1m").run(context -> {
                    SmtpMailSender sender = context.getBean(SmtpMailSender.class);
                    for (int i = 0; i < 5; i++) {
                        assertThatExceptionOfType(SmtpException.class)
                                .isThrownBy(() -> sender.sendBytes(message("alice@example.test", "down")));
                    }

                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    // The first message: two refused connects. The second: one more opens the breaker, so its
                    // second try and every later message fail at once.
                    assertThat(meters.get("smtp.client.send").tag("error.code", "CONNECT_FAILED").tag("attempts", "2")
                            .timer().count()).isEqualTo(1);
                    assertThat(meters.get("smtp.client.send").tag("error.code", "CIRCUIT_OPEN").tag("attempts", "2")
                            .timer().count()).isEqualTo(1);
                    assertThat(meters.get("smtp.client.send").tag("error.code", "CIRCUIT_OPEN").tag("attempts", "1")
                            .timer().count()).isEqualTo(3);
                    assertThat(meters.get("smtp.client.pool.circuit.state").tag("state", "open").gauge().value())
                            .isEqualTo(1);
                    assertThat(meters.get("smtp.client.pool.circuit.state").tag("state", "closed").gauge().value())
                            .isZero();
                    assertThat(meters.get("smtp.client.pool.circuit.failures").gauge().value()).isEqualTo(3);
                    assertThat(context.getBean(MessageEvents.class).events).as("no transaction ever started").isEmpty();
                });
    }

    @Test
    void whenTheCircuitBreakersLongestBackoffIsShorterThanItsFirstShouldFailNamingTheProperty() {
        connected().withPropertyValues("smtp.client.pool.circuit-breaker.backoff=2m",
                "smtp.client.pool.circuit-breaker.max-backoff=1m").run(context -> assertThat(context)
                        .getFailure().rootCause()
                        .hasMessageContaining("smtp.client.pool.circuit-breaker.max-backoff")
                        .hasMessageContaining("must not be shorter than smtp.client.pool.circuit-breaker.backoff"));
        connected().withPropertyValues("smtp.client.pool.circuit-breaker.failure-threshold=0").run(context ->
                assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("smtp.client.pool.circuit-breaker.failure-threshold"));
    }

    /** Records the message-sent and message-failed ApplicationEvents. */
    static class MessageEvents implements ApplicationListener<ApplicationEvent> {

        private final List<ApplicationEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void onApplicationEvent(ApplicationEvent event) {
            if (event instanceof SmtpMessageSentEvent || event instanceof SmtpMessageFailedEvent) {
                events.add(event);
            }
        }

        <T> List<T> ofType(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }
}
