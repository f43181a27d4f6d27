package io.github.smtpclient.outbox.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.github.smtpclient.outbox.OutboxDialect;
import io.github.smtpclient.outbox.OutboxException;

/**
 * The outbox's own schema initializer, for stores that no migration tool manages: runs the dialect's SQL files (the
 * same ones Flyway and Liquibase apply), whose statements are all idempotent, in one transaction.
 */
public final class SchemaScript {

    /** The versions shipped, in order; each is a {@code V<n>__*.sql} file in the dialect's schema location. */
    static final List<String> VERSIONS = List.of("V1__smtp_outbox.sql", "V2__smtp_outbox_claim_index.sql");

    private SchemaScript() {
    }

    /** Creates whatever of the schema is missing. */
    public static void apply(DataSource dataSource, OutboxDialect dialect) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String version : VERSIONS) {
                    for (String sql : statements(dialect.schemaLocation() + "/" + version)) {
                        statement.execute(sql);
                    }
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new OutboxException("Cannot create the outbox schema (" + dialect.name() + "): " + e.getMessage(), e);
        }
    }

    /** The schema's files for {@code dialect}, in the order they apply, for messages that tell what to apply. */
    public static String files(OutboxDialect dialect) {
        return VERSIONS.stream().map(version -> dialect.schemaLocation() + "/" + version)
                .collect(Collectors.joining(", "));
    }

    /** Whether the outbox's tables exist. */
    public static boolean isPresent(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            for (String name : List.of("smtp_outbox_message", "SMTP_OUTBOX_MESSAGE")) {
                try (ResultSet tables = meta.getTables(null, null, name, null)) {
                    if (tables.next()) {
                        return true;
                    }
                }
            }
            return false;
        } catch (SQLException e) {
            throw new OutboxException("Cannot look for the outbox schema: " + e.getMessage(), e);
        }
    }

    /** The statements of one script: comment lines dropped, split at each semicolon that ends a line. */
    static List<String> statements(String resource) {
        try (InputStream in = SchemaScript.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new OutboxException("The outbox schema script " + resource + " is not on the classpath");
            }
            List<String> statements = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                    continue;
                }
                current.append(line).append('\n');
                if (trimmed.endsWith(";")) {
                    String sql = current.toString().strip();
                    statements.add(sql.substring(0, sql.length() - 1));
                    current.setLength(0);
                }
            }
            if (!current.toString().isBlank()) {
                throw new OutboxException(resource + " ends without a semicolon: " + current.toString().strip()
                        .toLowerCase(Locale.ROOT));
            }
            return statements;
        } catch (IOException e) {
            throw new OutboxException("Cannot read " + resource + ": " + e.getMessage(), e);
        }
    }
}
