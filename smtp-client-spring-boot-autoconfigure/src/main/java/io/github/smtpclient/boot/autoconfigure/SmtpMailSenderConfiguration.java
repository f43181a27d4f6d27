package io.github.smtpclient.boot.autoconfigure;

import java.util.function.Consumer;

import io.github.smtpclient.RetryPolicy;
import io.github.smtpclient.SmtpMailSender;
import io.github.smtpclient.boot.client.SmtpClientFactory;
import io.github.smtpclient.event.SendFinishedEvent;
import io.github.smtpclient.event.SendRetryingEvent;
import io.github.smtpclient.event.SendStartedEvent;
import io.github.smtpclient.event.SmtpListener;
import io.github.smtpclient.pool.CircuitBreakerSettings;
import io.github.smtpclient.pool.PoolSettings;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The pooled {@link SmtpMailSender}, its clients made by the {@link SmtpClientFactory}, its own send events going to
 * the application's {@link SmtpListener} beans (which include the send observations when Micrometer is present).
 */
@Configuration(proxyBeanMethods = false)
class SmtpMailSenderConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SmtpMailSender smtpMailSender(SmtpClientFactory factory, SmtpClientProperties properties,
            ObjectProvider<SmtpListener> listeners) {
        SmtpMailSender.Builder builder = SmtpMailSender.builder(factory.host(), factory.port())
                .configureClients(factory::configure)
                .pool(poolSettings(properties.getPool()))
                .retry(retryPolicy(properties.getRetry()))
                .listener(sendListener(listeners));
        SmtpRateLimitProperties rateLimit = properties.getRateLimit();
        PropertyCheck.set("smtp.client.rate-limit", "messages-per-second=" + rateLimit.getMessagesPerSecond()
                + ", bytes-per-second=" + rateLimit.getBytesPerSecond(), limit -> builder.rateLimit(
                        rateLimit.getMessagesPerSecond(), rateLimit.getBytesPerSecond().toBytes()));
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationPropertyValueException("smtp.client.pool.min-idle",
                    properties.getPool().getMinIdle(), e.getMessage());
        }
    }

    private static PoolSettings poolSettings(SmtpPoolProperties pool) {
        PoolSettings settings = new PoolSettings();
        PropertyCheck.set("smtp.client.pool.max-size", pool.getMaxSize(), settings::setMaxSize);
        PropertyCheck.set("smtp.client.pool.min-idle", pool.getMinIdle(), settings::setMinIdle);
        PropertyCheck.set("smtp.client.pool.max-idle-time", pool.getMaxIdleTime(), settings::setMaxIdleTime);
        PropertyCheck.set("smtp.client.pool.max-messages-per-connection", pool.getMaxMessagesPerConnection(),
                settings::setMaxMessagesPerConnection);
        settings.setValidateOnBorrow(pool.isValidateOnBorrow());
        PropertyCheck.set("smtp.client.pool.validate-after-idle", pool.getValidateAfterIdle(),
                settings::setValidateAfterIdle);
        PropertyCheck.set("smtp.client.pool.borrow-timeout", pool.getBorrowTimeout(), settings::setBorrowTimeout);
        circuitBreaker(pool.getCircuitBreaker(), settings.circuitBreaker());
        return settings;
    }

    private static void circuitBreaker(SmtpCircuitBreakerProperties properties, CircuitBreakerSettings settings) {
        String prefix = "smtp.client.pool.circuit-breaker.";
        settings.setEnabled(properties.isEnabled());
        PropertyCheck.set(prefix + "failure-threshold", properties.getFailureThreshold(),
                settings::setFailureThreshold);
        PropertyCheck.set(prefix + "backoff", properties.getBackoff(), settings::setBackoff);
        PropertyCheck.set(prefix + "backoff-multiplier", properties.getBackoffMultiplier(),
                settings::setBackoffMultiplier);
        PropertyCheck.set(prefix + "max-backoff", properties.getMaxBackoff(), settings::setMaxBackoff);
        if (settings.getMaxBackoff().compareTo(settings.getBackoff()) < 0) {
            throw new InvalidConfigurationPropertyValueException(prefix + "max-backoff", properties.getMaxBackoff(),
                    "It must not be shorter than " + prefix + "backoff (" + properties.getBackoff() + ").");
        }
    }

    /**
     * The sender's own events (a start and an end per send, around its tries) for the application's listeners,
     * looked up at each event: the observation beans come from an auto-configuration that runs after this one.
     */
    private static SmtpListener sendListener(ObjectProvider<SmtpListener> listeners) {
        return new SmtpListener() {
            @Override
            public void sendStarted(SendStartedEvent event) {
                each(listener -> listener.sendStarted(event));
            }

            @Override
            public void sendRetrying(SendRetryingEvent event) {
                each(listener -> listener.sendRetrying(event));
            }

            @Override
            public void sendFinished(SendFinishedEvent event) {
                each(listener -> listener.sendFinished(event));
            }

            private void each(Consumer<SmtpListener> call) {
                call.accept(SmtpListener.of(listeners.orderedStream().toList()));
            }

            @Override
            public String toString() {
                return "the application's SmtpListener beans";
            }
        };
    }

    private static RetryPolicy retryPolicy(SmtpRetryProperties retry) {
        try {
            return new RetryPolicy(retry.getMaxAttempts(), retry.getBackoff(), retry.getMultiplier());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationPropertyValueException("smtp.client.retry",
                    "max-attempts=" + retry.getMaxAttempts() + ", backoff=" + retry.getBackoff() + ", multiplier="
                            + retry.getMultiplier(), e.getMessage());
        }
    }
}
