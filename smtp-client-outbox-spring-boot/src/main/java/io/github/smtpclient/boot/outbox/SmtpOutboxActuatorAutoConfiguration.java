package io.github.smtpclient.boot.outbox;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.smtpclient.boot.outbox.actuate.SmtpOutboxEndpoint;
import io.github.smtpclient.boot.outbox.actuate.SmtpOutboxHealthIndicator;
import io.github.smtpclient.boot.outbox.actuate.SmtpOutboxMetrics;
import io.github.smtpclient.outbox.SmtpOutbox;

/** The outbox's health indicator, meters and endpoint, each when the application has the part it needs. */
@AutoConfiguration(after = SmtpOutboxAutoConfiguration.class)
@ConditionalOnBean(SmtpOutbox.class)
public final class SmtpOutboxActuatorAutoConfiguration {

    SmtpOutboxActuatorAutoConfiguration() {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
    @ConditionalOnEnabledHealthIndicator("smtpOutbox")
    static class HealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "smtpOutboxHealthIndicator")
        SmtpOutboxHealthIndicator smtpOutboxHealthIndicator(SmtpOutbox outbox, SmtpOutboxProperties properties) {
            return new SmtpOutboxHealthIndicator(outbox, properties.getHealth().getMaxOldestDueAge());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class MetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        SmtpOutboxMetrics smtpOutboxMetrics(SmtpOutbox outbox) {
            return new SmtpOutboxMetrics(outbox, Duration.ofSeconds(5));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
    @ConditionalOnAvailableEndpoint(SmtpOutboxEndpoint.class)
    static class EndpointConfiguration {

        @Bean
        @ConditionalOnMissingBean
        SmtpOutboxEndpoint smtpOutboxEndpoint(SmtpOutbox outbox) {
            return new SmtpOutboxEndpoint(outbox);
        }
    }
}
