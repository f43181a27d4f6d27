package io.github.smtpclient.boot.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.github.smtpclient.SmtpClient;
import io.github.smtpclient.boot.client.MailMessageDefaults;
import io.github.smtpclient.boot.client.SmtpClientFactory;
import io.github.smtpclient.boot.client.SmtpServerProbe;
import io.github.smtpclient.boot.client.SmtpTransactionObserver;
import io.github.smtpclient.boot.client.SmtpTransactionTracker;
import io.github.smtpclient.event.SmtpListener;
import io.github.smtpclient.message.Mailbox;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Configures clients for the server named by {@code smtp.client.host} (or by a {@link SmtpConnectionDetails} bean,
 * such as a Testcontainers service connection): a {@link SmtpClientFactory} that applies every
 * {@code smtp.client.*} setting, an SSL bundle, an {@link SmtpOAuth2TokenSupplier}, the application's
 * {@link SmtpListener}s and {@link SmtpClientCustomizer}s; the pooled {@link io.github.smtpclient.SmtpMailSender}
 * built on it, with Spring's {@code MailSender} on top when spring-context-support is present; the
 * {@link MailMessageDefaults} of {@code smtp.client.defaults.*}; and a {@link SmtpServerProbe} for health checks.
 */
@AutoConfiguration(after = SslAutoConfiguration.class,
        afterName = "org.springframework.boot.testcontainers.service.connection.ServiceConnectionAutoConfiguration",
        beforeName = "org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration")
@ConditionalOnClass(SmtpClient.class)
@Conditional(SmtpClientAutoConfiguration.SmtpServerCondition.class)
@EnableConfigurationProperties(SmtpClientProperties.class)
@Import({ SmtpMailSenderConfiguration.class, JavaMailSenderConfiguration.class, SpringMailSenderConfiguration.class })
public final class SmtpClientAutoConfiguration {

    /** @throws UnknownSmtpPropertyException when a configured smtp.client key is no property, such as a typo */
    SmtpClientAutoConfiguration(Environment environment) {
        UnknownSmtpProperties.check(environment, SmtpClientAutoConfiguration.class.getClassLoader());
    }

    /** {@code spring.mail.*} configures the client when {@code smtp.client.host} is not set. */
    @Bean
    static SpringMailMigrationPostProcessor smtpSpringMailMigration(Environment environment) {
        return new SpringMailMigrationPostProcessor(environment);
    }

    @Bean
    @ConditionalOnMissingBean(SmtpConnectionDetails.class)
    PropertiesSmtpConnectionDetails smtpConnectionDetails(SmtpClientProperties properties) {
        return new PropertiesSmtpConnectionDetails(properties);
    }

    @Bean
    @ConditionalOnMissingBean
    SmtpClientFactory smtpClientFactory(SmtpClientProperties properties, SmtpConnectionDetails connectionDetails,
            ObjectProvider<SslBundles> sslBundles, ObjectProvider<SmtpOAuth2TokenSupplier> tokenSupplier,
            ObjectProvider<SmtpListener> listeners, ObjectProvider<SmtpTransactionObserver> observers,
            ObjectProvider<SmtpClientCustomizer> customizers) {
        SmtpClientConfigurer configurer = new SmtpClientConfigurer(properties, connectionDetails,
                sslBundles.getIfAvailable(), tokenSupplier.getIfAvailable(), clientListener(listeners, observers),
                customizers.orderedStream().toList());
        return new ConfiguredSmtpClientFactory(connectionDetails.getHost(), connectionDetails.getPort(), configurer);
    }

    /** Each client gets the shared listeners plus a transaction tracker of its own, since it follows one session. */
    private static Supplier<SmtpListener> clientListener(ObjectProvider<SmtpListener> listeners,
            ObjectProvider<SmtpTransactionObserver> observers) {
        return () -> {
            List<SmtpListener> all = new ArrayList<>(listeners.orderedStream().toList());
            List<SmtpTransactionObserver> transactionObservers = observers.orderedStream().toList();
            if (!transactionObservers.isEmpty()) {
                all.add(new SmtpTransactionTracker(transactionObservers));
            }
            return SmtpListener.of(all);
        };
    }

    @Bean
    @ConditionalOnMissingBean
    MailMessageDefaults mailMessageDefaults(SmtpClientProperties properties) {
        SmtpDefaultsProperties defaults = properties.getDefaults();
        PropertyCheck.set("smtp.client.defaults.from", defaults.getFrom(), SmtpClientAutoConfiguration::checkAddresses);
        PropertyCheck.set("smtp.client.defaults.reply-to", defaults.getReplyTo(),
                SmtpClientAutoConfiguration::checkAddresses);
        return new MailMessageDefaults(defaults.getFrom(), defaults.getReplyTo(), defaults.getMailer());
    }

    @Bean
    @ConditionalOnMissingBean
    SmtpServerProbe smtpServerProbe(SmtpClientFactory factory, SmtpClientProperties properties) {
        SmtpHealthProperties health = properties.getHealth();
        if (health.getTimeout().compareTo(Duration.ofMillis(1)) < 0) {
            throw new InvalidConfigurationPropertyValueException("smtp.client.health.timeout", health.getTimeout(),
                    "The probe needs a timeout of at least 1ms, such as 5s.");
        }
        if (health.getCacheInterval().isNegative()) {
            throw new InvalidConfigurationPropertyValueException("smtp.client.health.cache-interval",
                    health.getCacheInterval(), "The interval must be zero (probe every time) or positive, such as 30s.");
        }
        return new SmtpServerProbe(factory, health.getTimeout(), health.getCacheInterval(), Clock.systemUTC());
    }

    private static void checkAddresses(String addresses) {
        if (addresses != null) {
            Mailbox.parseList(addresses);
        }
    }

    /**
     * A server is named by {@code smtp.client.host}, by a {@link SmtpConnectionDetails} bean, or, for applications
     * moving from spring-boot-starter-mail, by {@code spring.mail.host} (or {@code spring.mail.jndi-name}, which is
     * then refused with an explanation).
     */
    static final class SmtpServerCondition extends AnyNestedCondition {

        SmtpServerCondition() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty(prefix = "smtp.client", name = "host")
        static final class HostProperty {
        }

        @ConditionalOnBean(SmtpConnectionDetails.class)
        static final class ConnectionDetailsBean {
        }

        @ConditionalOnProperty(prefix = "spring.mail", name = "host")
        static final class SpringMailHostProperty {
        }

        @ConditionalOnProperty(prefix = "spring.mail", name = "jndi-name")
        static final class SpringMailJndiNameProperty {
        }
    }
}
