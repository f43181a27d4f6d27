package io.github.smtpclient.boot.outbox;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import io.github.smtpclient.SmtpMailSender;
import io.github.smtpclient.boot.outbox.SmtpOutboxProperties.InitializeSchema;
import io.github.smtpclient.boot.outbox.SmtpOutboxProperties.Store;
import io.github.smtpclient.boot.outbox.jdbc.OutboxSchemaMigration;
import io.github.smtpclient.outbox.CallerTransactions;
import io.github.smtpclient.outbox.OutboxDialect;
import io.github.smtpclient.outbox.OutboxException;
import io.github.smtpclient.outbox.SmtpOutbox;

/** Chooses the outbox's store from the properties and what the application has, and builds the outbox on it. */
final class SmtpOutboxFactory {

    private final SmtpOutboxProperties properties;

    SmtpOutboxFactory(SmtpOutboxProperties properties) {
        this.properties = properties;
    }

    SmtpOutbox create(SmtpMailSender sender, @Nullable DataSource dataSource, @Nullable OutboxDialect dialect,
            @Nullable OutboxSchemaMigration migration, CallerTransactions transactions) {
        SmtpOutbox.Builder builder = SmtpOutbox.builder(sender).settings(properties.toSettings());
        if (properties.getInstanceId() != null) {
            builder.instanceId(properties.getInstanceId());
        }
        Store store = properties.getStore();
        if (store == Store.EMBEDDED || (store == Store.AUTO && dataSource == null)) {
            return builder.embedded(properties.getEmbedded().getDirectory()).build();
        }
        if (dataSource == null) {
            throw new OutboxException("smtp.client.outbox.store=datasource, but the application has no single"
                    + " DataSource bean: add one (spring.datasource.url) or use store=embedded");
        }
        OutboxDialect effective = dialect != null ? dialect : OutboxDialect.detect(dataSource);
        if (migration != null) {
            migration.migrate(dataSource, effective);
        }
        return builder.dataSource(dataSource).dialect(effective).transactions(transactions)
                .initializeSchema(migration == null
                        && properties.getJdbc().getInitializeSchema() == InitializeSchema.ALWAYS)
                .build();
    }
}
