package io.github.smtpclient.boot.autoconfigure;

import io.github.smtpclient.SmtpMailSender;
import io.github.smtpclient.boot.client.SmtpServerProbe;
import io.github.smtpclient.boot.health.SmtpHealthIndicator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code smtp} health indicator, when Spring Boot's health support is present, unless
 * {@code management.health.smtp.enabled=false}.
 */
@AutoConfiguration(after = SmtpClientAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(SmtpServerProbe.class)
@ConditionalOnEnabledHealthIndicator("smtp")
public final class SmtpClientHealthContributorAutoConfiguration {

    SmtpClientHealthContributorAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean(name = { "smtpHealthIndicator", "smtpHealthContributor" })
    SmtpHealthIndicator smtpHealthIndicator(SmtpServerProbe probe, ObjectProvider<SmtpMailSender> sender) {
        return new SmtpHealthIndicator(probe, sender.getIfAvailable());
    }
}
