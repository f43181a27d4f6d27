package io.github.smtpclient.boot.outbox.jdbc;

import javax.sql.DataSource;

import io.github.smtpclient.outbox.OutboxDialect;

/**
 * Brings the outbox's tables in the application's DataSource up to date before the outbox starts: with the
 * application's Flyway or Liquibase, each keeping its own history table for the outbox so the application's versions
 * are never mixed with the outbox's.
 */
@FunctionalInterface
public interface OutboxSchemaMigration {

    /** Applies what is missing of the schema for {@code dialect} to {@code dataSource}. */
    void migrate(DataSource dataSource, OutboxDialect dialect);
}
