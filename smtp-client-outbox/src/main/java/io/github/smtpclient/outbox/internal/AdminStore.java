package io.github.smtpclient.outbox.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import io.github.smtpclient.outbox.OutboxEntry;
import io.github.smtpclient.outbox.OutboxState;
import io.github.smtpclient.outbox.RecipientState;

/** The operators' statements: look, count, retry, park, delete. */
final class AdminStore {

    private static final String COLUMNS = "id, state, priority, message_id, subject, sender, content_size, attempts,"
            + " created_at, next_attempt_at, expires_at, lease_owner, last_reply, reason";

    private final DataSource dataSource;

    AdminStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    List<OutboxEntry> list(OutboxState state, int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM smtp_outbox_message"
                        + " WHERE state = ? ORDER BY created_at DESC, id DESC LIMIT ?")) {
            select.setString(1, state.name());
            select.setInt(2, limit);
            List<OutboxEntry> entries = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(entry(rows, List.of(), List.of()));
                }
            }
            return entries;
        }
    }

    Optional<OutboxEntry> find(UUID id) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            List<OutboxEntry.Recipient> recipients = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT address, state, last_reply FROM"
                    + " smtp_outbox_recipient WHERE message_id = ? ORDER BY recipient_index")) {
                select.setString(1, id.toString());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        recipients.add(new OutboxEntry.Recipient(rows.getString(1),
                                RecipientState.valueOf(rows.getString(2)), Optional.ofNullable(rows.getString(3))));
                    }
                }
            }
            List<OutboxEntry.Attempt> history = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT attempt_number, finished_at, worker,"
                    + " outcome, reply, detail FROM smtp_outbox_attempt WHERE message_id = ? ORDER BY attempt_number")) {
                select.setString(1, id.toString());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        history.add(new OutboxEntry.Attempt(rows.getInt(1), Sql.instant(rows, "finished_at"),
                                rows.getString(3), OutboxState.valueOf(rows.getString(4)),
                                Optional.ofNullable(rows.getString(5)), Optional.ofNullable(rows.getString(6))));
                    }
                }
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM smtp_outbox_message WHERE id = ?")) {
                select.setString(1, id.toString());
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(entry(rows, recipients, history)) : Optional.empty();
                }
            }
        }
    }

    private static OutboxEntry entry(ResultSet row, List<OutboxEntry.Recipient> recipients,
            List<OutboxEntry.Attempt> history) throws SQLException {
        return new OutboxEntry(UUID.fromString(row.getString("id")), OutboxState.valueOf(row.getString("state")),
                row.getInt("priority"), Optional.ofNullable(row.getString("message_id")),
                Optional.ofNullable(row.getString("subject")), row.getString("sender"), row.getLong("content_size"),
                row.getInt("attempts"), Sql.instant(row, "created_at"), Sql.instant(row, "next_attempt_at"),
                Optional.ofNullable(Sql.instant(row, "expires_at")), Optional.ofNullable(row.getString("lease_owner")),
                Optional.ofNullable(row.getString("last_reply")), Optional.ofNullable(row.getString("reason")),
                recipients, history);
    }

    /**
     * Queues an UNKNOWN, DEAD or PARKED message again, due now, with a fresh attempt budget; its failed recipients
     * become pending again (delivered ones stay delivered). False when it is in another state or does not exist.
     */
    boolean retry(UUID id, String operator, Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                boolean changed;
                try (PreparedStatement update = connection.prepareStatement("UPDATE smtp_outbox_message SET state ="
                        + " 'QUEUED', next_attempt_at = ?, budget_start = attempts, lease_owner = NULL,"
                        + " lease_until = NULL, finished_at = NULL, updated_at = ?, reason = ? WHERE id = ?"
                        + " AND state IN ('UNKNOWN', 'DEAD', 'PARKED')")) {
                    Sql.setInstant(update, 1, now);
                    Sql.setInstant(update, 2, now);
                    update.setString(3, "Retried by " + operator + " at " + now);
                    update.setString(4, id.toString());
                    changed = update.executeUpdate() == 1;
                }
                if (changed) {
                    try (PreparedStatement update = connection.prepareStatement("UPDATE smtp_outbox_recipient SET"
                            + " state = 'PENDING' WHERE message_id = ? AND state = 'FAILED'")) {
                        update.setString(1, id.toString());
                        update.executeUpdate();
                    }
                }
                connection.commit();
                return changed;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** Holds a QUEUED, UNKNOWN or DEAD message back until it is retried; false otherwise. */
    boolean park(UUID id, String operator, Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return park(connection, id, operator, now);
        }
    }

    private static boolean park(Connection connection, UUID id, String operator, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE smtp_outbox_message SET state ="
                + " 'PARKED', updated_at = ?, reason = ? WHERE id = ? AND state IN ('QUEUED', 'UNKNOWN', 'DEAD')")) {
            Sql.setInstant(update, 1, now);
            update.setString(2, "Parked by " + operator + " at " + now);
            update.setString(3, id.toString());
            return update.executeUpdate() == 1;
        }
    }

    /**
     * Deletes a message that no worker holds, with its content and history; false otherwise. A QUEUED one is parked
     * first, so that no worker claims it while its content is erased.
     */
    boolean delete(UUID id, Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            park(connection, id, "delete", now);
            if (!isDeletable(connection, id)) {
                return false;
            }
            ContentEraser.erase(connection, id);
            return deleteRow(connection, id);
        }
    }

    private static boolean isDeletable(Connection connection, UUID id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM smtp_outbox_message WHERE id = ?"
                + " AND state NOT IN ('QUEUED', 'SENDING', 'COMMITTING')")) {
            select.setString(1, id.toString());
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    private static boolean deleteRow(Connection connection, UUID id) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM smtp_outbox_message WHERE id = ?"
                        + " AND state NOT IN ('QUEUED', 'SENDING', 'COMMITTING')")) {
            delete.setString(1, id.toString());
            return delete.executeUpdate() == 1;
        }
    }

    /** How many messages are in each state (every state present, zero included). */
    Map<OutboxState, Long> depths() throws SQLException {
        Map<OutboxState, Long> depths = new EnumMap<>(OutboxState.class);
        for (OutboxState state : OutboxState.values()) {
            depths.put(state, 0L);
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT state, COUNT(*) FROM smtp_outbox_message GROUP BY state");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                depths.put(OutboxState.valueOf(rows.getString(1)), rows.getLong(2));
            }
        }
        return depths;
    }

    /** When the oldest message that is due by {@code now} became due, if any is waiting. */
    Optional<Instant> oldestDue(Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT MIN(next_attempt_at) AS oldest FROM"
                        + " smtp_outbox_message WHERE state = 'QUEUED' AND next_attempt_at <= ?")) {
            Sql.setInstant(select, 1, now);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.ofNullable(Sql.instant(row, "oldest")) : Optional.empty();
            }
        }
    }
}
