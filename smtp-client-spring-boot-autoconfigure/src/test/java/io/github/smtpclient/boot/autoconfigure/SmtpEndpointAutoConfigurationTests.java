package io.github.smtpclient.boot.autoconfigure;

import io.github.smtpclient.boot.endpoint.SmtpEndpoint;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class SmtpEndpointAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SmtpClientAutoConfiguration.class,
                    SmtpEndpointAutoConfiguration.class))
            .withPropertyValues("smtp.client.host=smtp.example.test");

    @Test
    void whenExposedShouldCreateEndpoint() {
        contextRunner.withPropertyValues("management.endpoints.web.exposure.include=smtp")
                .run(context -> assertThat(context).hasSingleBean(SmtpEndpoint.class));
    }

    @Test
    void whenNotExposedShouldNotCreateEndpoint() {
        contextRunner.run(context -> assertThat(context).doesNotHaveBean(SmtpEndpoint.class));
    }

    @Test
    void whenAccessIsNoneShouldNotCreateEndpoint() {
        contextRunner.withPropertyValues("management.endpoints.web.exposure.include=smtp",
                "management.endpoint.smtp.access=NONE")
                .run(context -> assertThat(context).doesNotHaveBean(SmtpEndpoint.class));
    }
}
