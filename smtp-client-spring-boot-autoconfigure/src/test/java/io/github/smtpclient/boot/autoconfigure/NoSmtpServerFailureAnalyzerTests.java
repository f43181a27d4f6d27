package io.github.smtpclient.boot.autoconfigure;

import io.github.smtpclient.SmtpMailSender;
import io.github.smtpclient.boot.client.SmtpClientFactory;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class NoSmtpServerFailureAnalyzerTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SmtpClientAutoConfiguration.class));

    @Test
    void analyzeWhenHostIsNotSetShouldNameTheProperty() {
        contextRunner.run(context -> {
            FailureAnalysis analysis = new NoSmtpServerFailureAnalyzer(context.getBeanFactory(), context.getEnvironment())
                    .analyze(new IllegalStateException(new NoSuchBeanDefinitionException(SmtpMailSender.class)));
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains("SmtpMailSender")
                    .contains("neither 'smtp.client.host' nor 'spring.mail.host' is set");
            assertThat(analysis.getAction()).contains("Set 'smtp.client.host'");
        });
    }

    @Test
    void analyzeWhenHostIsSetShouldNotApply() {
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test")
                .run(context -> assertThat(new NoSmtpServerFailureAnalyzer(context.getBeanFactory(), context.getEnvironment())
                        .analyze(new NoSuchBeanDefinitionException(SmtpClientFactory.class))).isNull());
    }

    @Test
    void analyzeWhenSomeOtherBeanIsMissingShouldNotApply() {
        contextRunner.run(context -> assertThat(new NoSmtpServerFailureAnalyzer(context.getBeanFactory(), context.getEnvironment())
                .analyze(new NoSuchBeanDefinitionException(String.class))).isNull());
    }
}
