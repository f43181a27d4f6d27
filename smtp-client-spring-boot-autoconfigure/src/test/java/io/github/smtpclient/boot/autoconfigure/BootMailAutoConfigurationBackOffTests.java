package io.github.smtpclient.boot.autoconfigure;

import io.github.smtpclient.boot.health.SmtpHealthIndicator;
import io.github.smtpclient.boot.mail.SmtpJavaMailSender;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.mail.autoconfigure.MailHealthContributorAutoConfiguration;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.mail.autoconfigure.MailSenderValidatorAutoConfiguration;
import org.springframework.boot.mail.health.MailHealthIndicator;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mail.MailSender;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With spring-boot-starter-mail still on the classpath beside the starter, Boot's mail auto-configuration backs off
 * entirely: no second sender, no {@code spring.mail} properties bean, no {@code mail} health contributor, and no
 * start-up connection test, so nothing of it is left half-configured.
 */
class BootMailAutoConfigurationBackOffTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MailSenderAutoConfiguration.class,
                    MailSenderValidatorAutoConfiguration.class, MailHealthContributorAutoConfiguration.class,
                    SmtpClientAutoConfiguration.class, SmtpClientHealthContributorAutoConfiguration.class))
            // spring.mail.port points nowhere: Boot's validator, if it ran, would fail start-up.
            .withPropertyValues("spring.mail.host=localhost", "spring.mail.port=1", "spring.mail.test-connection=true");

    @Test
    void bootsMailAutoConfigurationBacksOffWhenSmtpClientHostIsSet() {
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(JavaMailSender.class).hasSingleBean(MailSender.class);
            assertThat(context.getBean(JavaMailSender.class)).isInstanceOf(SmtpJavaMailSender.class);
            assertThat(context).doesNotHaveBean(JavaMailSenderImpl.class).doesNotHaveBean(MailProperties.class)
                    .doesNotHaveBean(MailHealthIndicator.class).doesNotHaveBean("mailHealthContributor");
            assertThat(context.getBeansOfType(HealthContributor.class).values())
                    .singleElement().isInstanceOf(SmtpHealthIndicator.class);
        });
    }

    @Test
    void bootsMailAutoConfigurationBacksOffWhenOnlySpringMailIsConfigured() {
        contextRunner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(JavaMailSender.class)).isInstanceOf(SmtpJavaMailSender.class);
            assertThat(context).doesNotHaveBean(JavaMailSenderImpl.class).doesNotHaveBean(MailProperties.class)
                    .doesNotHaveBean("mailHealthContributor");
        });
    }
}
