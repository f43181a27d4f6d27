package io.github.smtpclient.boot.outbox.jdbc;

import javax.sql.DataSource;

import org.springframework.core.io.DefaultResourceLoader;

import io.github.smtpclient.outbox.OutboxDialect;
import io.github.smtpclient.outbox.OutboxException;
import liquibase.integration.spring.SpringLiquibase;

/**
 * Applies the outbox's changelog ({@value #CHANGELOG}, one change set per database over the same SQL files) with
 * Liquibase, recorded in its own tables {@value #CHANGELOG_TABLE} and {@value #CHANGELOG_LOCK_TABLE}.
 */
public final class LiquibaseOutboxSchemaMigration implements OutboxSchemaMigration {

    /** The outbox's changelog. */
    public static final String CHANGELOG = "classpath:io/github/smtpclient/outbox/schema/liquibase/changelog.xml";

    /** The outbox's Liquibase change log table. */
    public static final String CHANGELOG_TABLE = "smtp_outbox_changelog";

    /** The outbox's Liquibase lock table. */
    public static final String CHANGELOG_LOCK_TABLE = "smtp_outbox_changelog_lock";

    @Override
    public void migrate(DataSource dataSource, OutboxDialect dialect) {
        SpringLiquibase liquibase = new SpringLiquibase();
        liquibase.setDataSource(dataSource);
        liquibase.setChangeLog(CHANGELOG);
        liquibase.setDatabaseChangeLogTable(CHANGELOG_TABLE);
        liquibase.setDatabaseChangeLogLockTable(CHANGELOG_LOCK_TABLE);
        liquibase.setResourceLoader(new DefaultResourceLoader(LiquibaseOutboxSchemaMigration.class.getClassLoader()));
        try {
            liquibase.afterPropertiesSet();
        } catch (Exception e) {
            throw new OutboxException("Liquibase could not apply the outbox schema (" + dialect.name() + "): "
                    + e.getMessage(), e);
        }
    }
}
