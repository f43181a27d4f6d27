package io.github.smtpclient.boot.autoconfigure;

import io.github.smtpclient.boot.event.ApplicationEventSmtpListener;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class SmtpClientEventsAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(SmtpClientAutoConfiguration.class, SmtpClientEventsAutoConfiguration.class));

    @Test
    void whenHostIsSetShouldPublishEvents() {
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test")
                .run(context -> assertThat(context).hasSingleBean(ApplicationEventSmtpListener.class));
    }

    @Test
    void whenEventsAreDisabledShouldNotPublishThem() {
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test", "smtp.client.events.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(ApplicationEventSmtpListener.class));
    }

    @Test
    void whenNoServerIsConfiguredShouldNotPublishEvents() {
        contextRunner.run(context -> assertThat(context).doesNotHaveBean(ApplicationEventSmtpListener.class));
    }
}
