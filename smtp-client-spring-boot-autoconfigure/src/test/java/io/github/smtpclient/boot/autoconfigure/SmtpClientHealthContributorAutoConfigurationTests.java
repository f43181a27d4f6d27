package io.github.smtpclient.boot.autoconfigure;

import io.github.smtpclient.boot.health.SmtpHealthIndicator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class SmtpClientHealthContributorAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SmtpClientAutoConfiguration.class,
                    SmtpClientHealthContributorAutoConfiguration.class))
            .withPropertyValues("smtp.client.host=smtp.example.test");

    @Test
    void whenHostIsSetShouldCreateIndicator() {
        contextRunner.run(context -> assertThat(context).hasSingleBean(SmtpHealthIndicator.class)
                .hasBean("smtpHealthIndicator"));
    }

    @Test
    void whenDisabledShouldNotCreateIndicator() {
        contextRunner.withPropertyValues("management.health.smtp.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(SmtpHealthIndicator.class));
    }

    @Test
    void whenUserDefinesIndicatorByNameShouldBackOff() {
        contextRunner.withBean("smtpHealthIndicator", HealthIndicator.class, () -> () -> Health.up().build())
                .run(context -> assertThat(context).doesNotHaveBean(SmtpHealthIndicator.class));
    }

    @Test
    void whenNoServerIsConfiguredShouldNotCreateIndicator() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SmtpClientAutoConfiguration.class,
                        SmtpClientHealthContributorAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(SmtpHealthIndicator.class));
    }
}
