package io.github.smtpclient.boot.autoconfigure;

import io.github.smtpclient.boot.observation.SmtpPoolMetrics;
import io.github.smtpclient.boot.observation.SmtpSendObservations;
import io.github.smtpclient.boot.observation.SmtpTransactionMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class SmtpClientObservationAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SmtpClientAutoConfiguration.class,
                    SmtpClientObservationAutoConfiguration.class))
            .withPropertyValues("smtp.client.host=smtp.example.test");

    @Test
    void whenNoRegistryExistsShouldNotInstrument() {
        contextRunner.run(context -> assertThat(context).doesNotHaveBean(SmtpSendObservations.class)
                .doesNotHaveBean(SmtpTransactionMetrics.class)
                .doesNotHaveBean(SmtpPoolMetrics.class));
    }

    @Test
    void whenAnObservationRegistryExistsShouldObserveSends() {
        contextRunner.withBean(ObservationRegistry.class, ObservationRegistry::create)
                .run(context -> assertThat(context).hasSingleBean(SmtpSendObservations.class)
                        .doesNotHaveBean(SmtpTransactionMetrics.class));
    }

    @Test
    void whenAMeterRegistryExistsShouldCountAndGaugeThePool() {
        contextRunner.withBean(SimpleMeterRegistry.class)
                .run(context -> assertThat(context).hasSingleBean(SmtpTransactionMetrics.class)
                        .hasSingleBean(SmtpPoolMetrics.class)
                        .doesNotHaveBean(SmtpSendObservations.class));
    }

    @Test
    void whenNoServerIsConfiguredShouldNotInstrument() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SmtpClientAutoConfiguration.class,
                        SmtpClientObservationAutoConfiguration.class))
                .withBean(SimpleMeterRegistry.class)
                .run(context -> assertThat(context).doesNotHaveBean(SmtpTransactionMetrics.class));
    }
}
