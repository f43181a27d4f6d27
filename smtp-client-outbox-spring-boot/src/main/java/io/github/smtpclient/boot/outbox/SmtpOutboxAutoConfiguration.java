package io.github.smtpclient.boot.outbox;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.smtpclient.SmtpMailSender;
import io.github.smtpclient.boot.autoconfigure.SmtpClientAutoConfiguration;
import io.github.smtpclient.boot.outbox.jdbc.FlywayOutboxSchemaMigration;
import io.github.smtpclient.boot.outbox.jdbc.LiquibaseOutboxSchemaMigration;
import io.github.smtpclient.boot.outbox.jdbc.OutboxSchemaMigration;
import io.github.smtpclient.boot.outbox.jdbc.SpringCallerTransactions;
import io.github.smtpclient.outbox.OutboxDialect;
import io.github.smtpclient.outbox.SmtpOutbox;
import liquibase.integration.spring.SpringLiquibase;

/**
 * The durable outbox, when {@code smtp.client.outbox.enabled=true} and a pooled {@link SmtpMailSender} exists: on the
 * application's DataSource (joining its Spring transactions; schema through the application's Flyway or Liquibase,
 * or the opt-in initializer), or on the embedded H2 store when there is none.
 */
@AutoConfiguration(after = SmtpClientAutoConfiguration.class, afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
        "org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration" })
@ConditionalOnClass(SmtpOutbox.class)
@ConditionalOnBooleanProperty("smtp.client.outbox.enabled")
@ConditionalOnBean(SmtpMailSender.class)
@EnableConfigurationProperties(SmtpOutboxProperties.class)
public final class SmtpOutboxAutoConfiguration {

    SmtpOutboxAutoConfiguration() {
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    SmtpOutbox smtpOutbox(SmtpMailSender sender, SmtpOutboxProperties properties,
            ObjectProvider<DataSource> dataSources, ObjectProvider<OutboxSchemaMigration> migrations,
            ObjectProvider<OutboxDialect> dialects) {
        return new SmtpOutboxFactory(properties).create(sender, dataSources.getIfUnique(), dialects.getIfAvailable(),
                migrations.orderedStream().findFirst().orElse(null), new SpringCallerTransactions());
    }

    @Bean
    @ConditionalOnMissingBean
    SmtpOutboxLifecycle smtpOutboxLifecycle(SmtpOutbox outbox) {
        return new SmtpOutboxLifecycle(outbox);
    }

    /** The application migrates its database with Flyway: the outbox's SQL files go the same way. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Flyway.class)
    @ConditionalOnBean(Flyway.class)
    @ConditionalOnBooleanProperty(name = "smtp.client.outbox.jdbc.migrate", matchIfMissing = true)
    static class FlywayMigrationConfiguration {

        @Bean
        @ConditionalOnMissingBean
        OutboxSchemaMigration flywayOutboxSchemaMigration() {
            return new FlywayOutboxSchemaMigration();
        }
    }

    /** The application migrates its database with Liquibase: the outbox's changelog goes the same way. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(SpringLiquibase.class)
    @ConditionalOnBean(SpringLiquibase.class)
    @ConditionalOnMissingBean(type = "org.flywaydb.core.Flyway")
    @ConditionalOnBooleanProperty(name = "smtp.client.outbox.jdbc.migrate", matchIfMissing = true)
    static class LiquibaseMigrationConfiguration {

        @Bean
        @ConditionalOnMissingBean
        OutboxSchemaMigration liquibaseOutboxSchemaMigration() {
            return new LiquibaseOutboxSchemaMigration();
        }
    }
}
