package io.github.smtpclient.boot.autoconfigure;

import io.github.smtpclient.RetryPolicy;
import io.github.smtpclient.SmtpMailSender;
import io.github.smtpclient.boot.client.SmtpClientFactory;
import io.github.smtpclient.pool.PoolSettings;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The pooled {@link SmtpMailSender}, its clients made by the {@link SmtpClientFactory}. */
@Configuration(proxyBeanMethods = false)
class SmtpMailSenderConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SmtpMailSender smtpMailSender(SmtpClientFactory factory, SmtpClientProperties properties) {
        SmtpMailSender.Builder builder = SmtpMailSender.builder(factory.host(), factory.port())
                .configureClients(factory::configure)
                .pool(poolSettings(properties.getPool()))
                .retry(retryPolicy(properties.getRetry()));
        SmtpClientProperties.RateLimit rateLimit = properties.getRateLimit();
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

    private static PoolSettings poolSettings(SmtpClientProperties.Pool pool) {
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
        return settings;
    }

    private static RetryPolicy retryPolicy(SmtpClientProperties.Retry retry) {
        try {
            return new RetryPolicy(retry.getMaxAttempts(), retry.getBackoff(), retry.getMultiplier());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationPropertyValueException("smtp.client.retry",
                    "max-attempts=" + retry.getMaxAttempts() + ", backoff=" + retry.getBackoff() + ", multiplier="
                            + retry.getMultiplier(), e.getMessage());
        }
    }
}
