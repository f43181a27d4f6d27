package io.github.smtpclient.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

/**
 * What differs between databases for the outbox: where its schema script is, how due messages are claimed without
 * waiting for rows other workers hold, and how an insert skips a duplicate idempotency key. PostgreSQL and H2 are
 * built in; docs/OUTBOX.md shows how to write one for MySQL and others.
 */
public interface OutboxDialect {

    /** A short name for messages, such as {@code postgresql}. */
    String name();

    /**
     * The classpath folder holding this database's {@code V1__smtp_outbox.sql} and later versions, for Flyway, the
     * Liquibase changelog and the built-in initializer.
     */
    String schemaLocation();

    /**
     * A query with two parameters, the current time and the most rows to return, selecting the {@code id} of QUEUED
     * messages due by then, highest {@code priority} first and then oldest {@code next_attempt_at}, locking the rows
     * it returns and skipping rows that other transactions hold ({@code FOR UPDATE SKIP LOCKED} or the equivalent).
     */
    default String claimQuery() {
        return "SELECT id FROM smtp_outbox_message WHERE state = 'QUEUED' AND next_attempt_at <= ?"
                + " ORDER BY priority DESC, next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED";
    }

    /**
     * Turns an {@code INSERT INTO smtp_outbox_message (...) VALUES (...)} into one that inserts nothing (update count
     * 0) when the idempotency key exists, without failing the caller's transaction. Returning it unchanged is right
     * for databases where a failed statement leaves the transaction usable (H2, MySQL): the outbox then treats the
     * duplicate-key error (SQLState 23xxx) as the no-op.
     */
    String insertSkippingDuplicateKey(String insert);

    /** PostgreSQL 12 and later: {@code ON CONFLICT DO NOTHING}, since a failed statement aborts the transaction. */
    static OutboxDialect postgresql() {
        return new OutboxDialect() {
            @Override
            public String name() {
                return "postgresql";
            }

            @Override
            public String schemaLocation() {
                return "io/github/smtpclient/outbox/schema/postgresql";
            }

            @Override
            public String insertSkippingDuplicateKey(String insert) {
                return insert + " ON CONFLICT (idempotency_key) DO NOTHING";
            }
        };
    }

    /** H2 2.x, in any compatibility mode. */
    static OutboxDialect h2() {
        return new OutboxDialect() {
            @Override
            public String name() {
                return "h2";
            }

            @Override
            public String schemaLocation() {
                return "io/github/smtpclient/outbox/schema/h2";
            }

            @Override
            public String insertSkippingDuplicateKey(String insert) {
                return insert;
            }
        };
    }

    /**
     * The built-in dialect of the database behind {@code dataSource}.
     *
     * @throws OutboxException when it cannot be reached, or has no built-in dialect
     */
    static OutboxDialect detect(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return forProduct(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new OutboxException("Cannot reach the outbox database: " + e.getMessage(), e);
        }
    }

    /**
     * The built-in dialect for a database product name as JDBC reports it.
     *
     * @throws OutboxException for a database without one, saying how to add it
     */
    static OutboxDialect forProduct(String databaseProductName) {
        String name = databaseProductName.toLowerCase(Locale.ROOT);
        if (name.contains("postgresql")) {
            return postgresql();
        }
        if (name.equals("h2")) {
            return h2();
        }
        throw new OutboxException("The outbox has no built-in support for " + databaseProductName + ": give the"
                + " outbox an OutboxDialect and a schema for it (docs/OUTBOX.md, \"Other databases\"), or use"
                + " PostgreSQL or the embedded H2 store");
    }
}
