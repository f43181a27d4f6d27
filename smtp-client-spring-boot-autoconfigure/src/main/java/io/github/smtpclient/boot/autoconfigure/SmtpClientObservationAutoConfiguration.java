package io.github.smtpclient.boot.autoconfigure;

import java.time.Clock;

import io.github.smtpclient.SmtpMailSender;
import io.github.smtpclient.boot.client.SmtpClientFactory;
import io.github.smtpclient.boot.observation.SmtpCertificateExpiryMetrics;
import io.github.smtpclient.boot.observation.SmtpPoolMetrics;
import io.github.smtpclient.boot.observation.SmtpSendObservations;
import io.github.smtpclient.boot.observation.SmtpTransactionMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Micrometer instrumentation of the clients, each part only when its registry exists: the
 * {@value SmtpSendObservations#NAME} Observation (a timer once Actuator's metrics are on) and the recipient and
 * byte counters, gauges of the pooled sender's connections, and the gauge of days until the server's certificate
 * expires.
 */
@AutoConfiguration(after = SmtpClientAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnBean(SmtpClientFactory.class)
public final class SmtpClientObservationAutoConfiguration {

    SmtpClientObservationAutoConfiguration() {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ObservationRegistry.class)
    @ConditionalOnBean(ObservationRegistry.class)
    static class SendObservationConfiguration {

        @Bean
        @ConditionalOnMissingBean
        SmtpSendObservations smtpSendObservations(ObservationRegistry registry, SmtpClientFactory factory) {
            return new SmtpSendObservations(registry, factory.host() + ":" + factory.port());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    static class TransactionMetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        SmtpTransactionMetrics smtpTransactionMetrics(MeterRegistry registry, SmtpClientFactory factory) {
            return new SmtpTransactionMetrics(registry, factory.host() + ":" + factory.port());
        }

        @Bean
        @ConditionalOnMissingBean
        SmtpCertificateExpiryMetrics smtpCertificateExpiryMetrics(SmtpClientFactory factory) {
            return new SmtpCertificateExpiryMetrics(factory.host() + ":" + factory.port(), Clock.systemUTC());
        }

        @Bean
        @ConditionalOnBean(SmtpMailSender.class)
        @ConditionalOnMissingBean
        SmtpPoolMetrics smtpPoolMetrics(SmtpMailSender sender, SmtpClientFactory factory) {
            return new SmtpPoolMetrics(sender, factory.host() + ":" + factory.port());
        }
    }
}
