package io.github.smtpclient.boot.autoconfigure;

import io.github.smtpclient.boot.client.SmtpClientFactory;
import io.github.smtpclient.boot.event.ApplicationEventSmtpListener;
import io.github.smtpclient.boot.event.SmtpEventSwitches;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

/**
 * Publishes the clients' events as Spring ApplicationEvents (see {@link ApplicationEventSmtpListener}), unless
 * {@code smtp.client.events.enabled=false}; the chatty ones follow {@code smtp.client.events.*}.
 */
@AutoConfiguration(after = SmtpClientAutoConfiguration.class)
@ConditionalOnBean(SmtpClientFactory.class)
@ConditionalOnBooleanProperty(name = "smtp.client.events.enabled", matchIfMissing = true)
public final class SmtpClientEventsAutoConfiguration {

    SmtpClientEventsAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    ApplicationEventSmtpListener smtpApplicationEventListener(ApplicationEventPublisher publisher,
            SmtpClientFactory factory, SmtpClientProperties properties) {
        SmtpEventsProperties events = properties.getEvents();
        return new ApplicationEventSmtpListener(publisher, factory.host() + ":" + factory.port(),
                new SmtpEventSwitches(events.isCommand(), events.isCommandReply(), events.isCommandData(),
                        events.isProgress()));
    }
}
