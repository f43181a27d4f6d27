package io.github.smtpclient.outbox.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Collections;
import java.util.UUID;

/** The few conversions every statement of the store shares. */
final class Sql {

    private Sql() {
    }

    static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        }
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** "?, ?, ?" for {@code count} parameters. */
    static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    /** Binds the ids from parameter {@code first} on; returns the next parameter index. */
    static int setIds(PreparedStatement statement, int first, Collection<UUID> ids) throws SQLException {
        int index = first;
        for (UUID id : ids) {
            statement.setString(index++, id.toString());
        }
        return index;
    }

    /** Text cut to fit a column of {@code max} characters. */
    static String fit(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max - 1) + "\u2026";
    }

    /** Whether the failure is a unique-key violation (SQLState class 23 with the unique code, or H2's 23505). */
    static boolean isDuplicateKey(SQLException e) {
        return "23505".equals(e.getSQLState()) || e.getErrorCode() == 1062;
    }
}
