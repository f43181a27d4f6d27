package io.github.smtpclient.boot.autoconfigure;

import io.github.smtpclient.SmtpMailSender;
import io.github.smtpclient.boot.client.SmtpServerProbe;
import io.github.smtpclient.boot.endpoint.SmtpEndpoint;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code smtp} Actuator endpoint, when Actuator is present and the endpoint is exposed
 * ({@code management.endpoints.web.exposure.include=smtp}).
 */
@AutoConfiguration(after = SmtpClientAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(SmtpServerProbe.class)
@ConditionalOnAvailableEndpoint(SmtpEndpoint.class)
public final class SmtpEndpointAutoConfiguration {

    SmtpEndpointAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    SmtpEndpoint smtpEndpoint(SmtpServerProbe probe, ObjectProvider<SmtpMailSender> sender) {
        return new SmtpEndpoint(probe, sender.getIfAvailable());
    }
}
