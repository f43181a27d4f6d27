package io.github.smtpclient.boot.outbox.jdbc;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import io.github.smtpclient.outbox.OutboxDialect;

/**
 * Applies the outbox's SQL files with Flyway, from the dialect's schema location, recorded in their own history table
 * {@value #HISTORY_TABLE}. The schema usually holds the application's tables already, so an empty outbox history is
 * baselined at version 0 and V1 still runs.
 */
public final class FlywayOutboxSchemaMigration implements OutboxSchemaMigration {

    /** The outbox's Flyway history table. */
    public static final String HISTORY_TABLE = "smtp_outbox_schema_history";

    @Override
    public void migrate(DataSource dataSource, OutboxDialect dialect) {
        Flyway.configure(FlywayOutboxSchemaMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:" + dialect.schemaLocation())
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
