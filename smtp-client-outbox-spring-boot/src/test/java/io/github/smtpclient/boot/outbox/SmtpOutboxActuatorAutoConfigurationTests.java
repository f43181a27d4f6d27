package io.github.smtpclient.boot.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.smtpclient.boot.autoconfigure.SmtpClientAutoConfiguration;
import io.github.smtpclient.boot.outbox.actuate.SmtpOutboxEndpoint;
import io.github.smtpclient.boot.outbox.actuate.SmtpOutboxHealthIndicator;
import io.github.smtpclient.boot.outbox.actuate.SmtpOutboxMetrics;
import io.github.smtpclient.message.MailMessage;
import io.github.smtpclient.outbox.EnqueueOptions;
import io.github.smtpclient.outbox.OutboxState;
import io.github.smtpclient.outbox.SmtpOutbox;

class SmtpOutboxActuatorAutoConfigurationTests {

    @TempDir
    Path temp;

    /** No workers: what is enqueued stays QUEUED, so the operations have something to act on. */
    private ApplicationContextRunner contextRunner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SmtpClientAutoConfiguration.class,
                        SmtpOutboxAutoConfiguration.class, SmtpOutboxActuatorAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader(DataSourceAutoConfiguration.class))
                .withPropertyValues("smtp.client.host=localhost", "smtp.client.tls.mode=none",
                        "smtp.client.outbox.enabled=true", "smtp.client.outbox.workers=0",
                        "smtp.client.outbox.embedded.directory=" + temp,
                        "management.endpoints.web.exposure.include=smtpoutbox");
    }

    private static MailMessage message() {
        return MailMessage.builder().from("app@example.test").to("user@example.test").subject("s").plainText("t")
                .build();
    }

    @Test
    void whenTheOldestDueMessageIsOlderThanTheThresholdShouldBeDown() {
        contextRunner().withPropertyValues("smtp.client.outbox.health.max-oldest-due-age=5m").run(context -> {
            SmtpOutbox outbox = context.getBean(SmtpOutbox.class);
            SmtpOutboxHealthIndicator health = context.getBean(SmtpOutboxHealthIndicator.class);
            outbox.enqueue(message());
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);

            outbox.enqueue(message(), EnqueueOptions.defaults().notBefore(Instant.now().minusSeconds(3600)));
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.health().getDetails()).containsKey("oldestDueAge").containsKey("depths");
        });
    }

    @Test
    void metersShouldReportDepthsByStateAndTheOldestDueAge() {
        contextRunner().run(context -> {
            SmtpOutbox outbox = context.getBean(SmtpOutbox.class);
            outbox.enqueue(message(), EnqueueOptions.defaults().notBefore(Instant.now().minusSeconds(60)));
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            context.getBean(SmtpOutboxMetrics.class).bindTo(registry);

            assertThat(registry.get("smtp.outbox.messages").tag("state", "QUEUED").gauge().value()).isEqualTo(1.0);
            assertThat(registry.get("smtp.outbox.messages").tag("state", "SENT").gauge().value()).isZero();
            assertThat(registry.get("smtp.outbox.oldest.due.age").gauge().value()).isGreaterThanOrEqualTo(60.0);
            assertThat(registry.get("smtp.outbox.attempts").tag("outcome", "sent").functionCounter().count()).isZero();
            assertThat(registry.get("smtp.outbox.lease.expiries").functionCounter().count()).isZero();
        });
    }

    @Test
    void theEndpointShouldListShowParkRetryAndDelete() {
        contextRunner().run(context -> {
            SmtpOutbox outbox = context.getBean(SmtpOutbox.class);
            SmtpOutboxEndpoint endpoint = context.getBean(SmtpOutboxEndpoint.class);
            UUID id = outbox.enqueue(message());

            assertThat(endpoint.list(OutboxState.QUEUED, null).messages()).extracting(e -> e.id()).containsExactly(id);
            assertThat(endpoint.list(null, null).depths()).containsEntry(OutboxState.QUEUED, 1L);
            assertThat(endpoint.act(id, "park").message().state()).isEqualTo(OutboxState.PARKED);
            assertThat(endpoint.act(id, "retry").message().state()).isEqualTo(OutboxState.QUEUED);
            assertThat(endpoint.show(id).recipients()).hasSize(1);
            assertThat(endpoint.delete(id)).containsEntry("deleted", true);
            assertThat(endpoint.show(id)).isNull();
        });
    }

    @Test
    void whenTheEndpointIsNotExposedShouldNotCreateIt() {
        contextRunner().withPropertyValues("management.endpoints.web.exposure.include=health")
                .run(context -> assertThat(context).doesNotHaveBean(SmtpOutboxEndpoint.class)
                        .hasSingleBean(SmtpOutboxHealthIndicator.class));
    }
}
