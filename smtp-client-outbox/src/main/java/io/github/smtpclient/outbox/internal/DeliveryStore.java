package io.github.smtpclient.outbox.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import io.github.smtpclient.Envelope;
import io.github.smtpclient.MessageContent;
import io.github.smtpclient.outbox.OutboxDialect;
import io.github.smtpclient.outbox.OutboxState;

/**
 * The workers' statements: claim due messages under a lease, mark one as committing just before its end of data,
 * write the verdicts, renew leases. Every change a worker makes is conditional on its lease, so a worker that lost
 * one (the lease ran out and another instance took over) changes nothing.
 */
final class DeliveryStore {

    private final DataSource dataSource;
    private final OutboxDialect dialect;

    DeliveryStore(DataSource dataSource, OutboxDialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    /** Claims up to {@code limit} due messages for {@code owner} until {@code leaseUntil}, in one transaction. */
    List<Claimed> claim(String owner, int limit, Instant now, Instant leaseUntil) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                List<Claimed> claimed = claim(connection, owner, limit, now, leaseUntil);
                connection.commit();
                return claimed;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private List<Claimed> claim(Connection connection, String owner, int limit, Instant now, Instant leaseUntil)
            throws SQLException {
        List<UUID> ids = new ArrayList<>(limit);
        try (PreparedStatement select = connection.prepareStatement(dialect.claimQuery())) {
            Sql.setInstant(select, 1, now);
            select.setInt(2, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(UUID.fromString(rows.getString(1)));
                }
            }
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        String in = Sql.placeholders(ids.size());
        try (PreparedStatement update = connection.prepareStatement("UPDATE smtp_outbox_message SET state = 'SENDING',"
                + " lease_owner = ?, lease_until = ?, attempts = attempts + 1, updated_at = ? WHERE id IN (" + in + ")")) {
            update.setString(1, owner);
            Sql.setInstant(update, 2, leaseUntil);
            Sql.setInstant(update, 3, now);
            Sql.setIds(update, 4, ids);
            update.executeUpdate();
        }
        Map<UUID, List<Envelope.Recipient>> recipients = new LinkedHashMap<>();
        Map<UUID, List<Integer>> indexes = new LinkedHashMap<>();
        Map<UUID, Boolean> delivered = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT message_id, recipient_index, address,"
                + " dsn_notify, original_recipient, state FROM smtp_outbox_recipient WHERE message_id IN (" + in + ")"
                + " ORDER BY message_id, recipient_index")) {
            Sql.setIds(select, 1, ids);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    UUID id = UUID.fromString(rows.getString(1));
                    String state = rows.getString(6);
                    if ("DELIVERED".equals(state)) {
                        delivered.put(id, true);
                    }
                    if (!"PENDING".equals(state)) {
                        continue;
                    }
                    recipients.computeIfAbsent(id, k -> new ArrayList<>()).add(new Envelope.Recipient(
                            rows.getString(3), notify(rows.getString(4)), rows.getString(5)));
                    indexes.computeIfAbsent(id, k -> new ArrayList<>()).add(rows.getInt(2));
                }
            }
        }
        Map<UUID, byte[]> firstChunks = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT c.message_id, c.data FROM"
                + " smtp_outbox_chunk c JOIN smtp_outbox_message m ON m.id = c.message_id WHERE m.chunk_count = 1"
                + " AND c.chunk_index = 0 AND c.message_id IN (" + in + ")")) {
            Sql.setIds(select, 1, ids);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    firstChunks.put(UUID.fromString(rows.getString(1)), rows.getBytes(2));
                }
            }
        }
        List<Claimed> claimed = new ArrayList<>(ids.size());
        try (PreparedStatement select = connection.prepareStatement("SELECT id, attempts, budget_start, sender,"
                + " dsn_return, envelope_id, message_id, subject, content_size, chunk_count, content_encoding,"
                + " smtputf8, expires_at FROM smtp_outbox_message WHERE id IN (" + in + ")")) {
            Sql.setIds(select, 1, ids);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    UUID id = UUID.fromString(rows.getString("id"));
                    List<Envelope.Recipient> pending = recipients.getOrDefault(id, List.of());
                    Envelope envelope = pending.isEmpty() ? null : envelope(rows, pending);
                    int attempts = rows.getInt("attempts");
                    StoredHeader header = new StoredHeader(envelope, rows.getString("message_id"),
                            rows.getString("subject"), MessageContent.Encoding.valueOf(rows.getString("content_encoding")),
                            rows.getBoolean("smtputf8"));
                    claimed.add(new Claimed(id, attempts, attempts - rows.getInt("budget_start"), header,
                            indexes.getOrDefault(id, List.of()), delivered.getOrDefault(id, false),
                            rows.getLong("content_size"), rows.getInt("chunk_count"), firstChunks.get(id),
                            Sql.instant(rows, "expires_at")));
                }
            }
        }
        return claimed;
    }

    private static Envelope envelope(ResultSet row, List<Envelope.Recipient> recipients) throws SQLException {
        Envelope.Builder builder = Envelope.builder().sender(row.getString("sender"))
                .envelopeId(row.getString("envelope_id"));
        String dsnReturn = row.getString("dsn_return");
        if (dsnReturn != null) {
            builder.dsnReturn(Envelope.DsnReturn.valueOf(dsnReturn));
        }
        recipients.forEach(builder::recipient);
        return builder.build();
    }

    private static Set<Envelope.DsnNotify> notify(String stored) {
        if (stored == null) {
            return Set.of();
        }
        Set<Envelope.DsnNotify> notify = EnumSet.noneOf(Envelope.DsnNotify.class);
        for (String name : stored.split(",")) {
            notify.add(Envelope.DsnNotify.valueOf(name));
        }
        return notify;
    }

    /**
     * Marks a message as committing, just before its end of data, on an auto-commit connection; false when the
     * worker no longer holds it.
     */
    boolean markCommitting(Connection connection, UUID id, String owner, int attempt, Instant now, Instant leaseUntil)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE smtp_outbox_message SET state ="
                + " 'COMMITTING', lease_until = ?, updated_at = ?, reason = ? WHERE id = ? AND lease_owner = ?"
                + " AND state = 'SENDING'")) {
            Sql.setInstant(update, 1, leaseUntil);
            Sql.setInstant(update, 2, now);
            update.setString(3, "The end of data of attempt " + attempt + " was about to be sent at " + now);
            update.setString(4, id.toString());
            update.setString(5, owner);
            return update.executeUpdate() == 1;
        }
    }

    /** Writes every verdict of a batch in one transaction; returns the ids whose verdict applied. */
    List<UUID> record(Connection connection, String owner, List<Decision> decisions, Instant now)
            throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        List<UUID> applied = new ArrayList<>(decisions.size());
        try (PreparedStatement message = connection.prepareStatement("UPDATE smtp_outbox_message SET state = ?,"
                + " next_attempt_at = COALESCE(?, next_attempt_at), last_reply = COALESCE(?, last_reply), reason = ?,"
                + " lease_owner = CASE WHEN ? = 'UNKNOWN' THEN lease_owner ELSE NULL END, lease_until = NULL,"
                + " updated_at = ?, finished_at = ? WHERE id = ? AND lease_owner = ? AND (state IN ('SENDING',"
                + " 'COMMITTING') OR (? AND state = 'UNKNOWN'))");
                PreparedStatement recipient = connection.prepareStatement("UPDATE smtp_outbox_recipient SET state = ?,"
                        + " last_reply = COALESCE(?, last_reply) WHERE message_id = ? AND recipient_index = ?");
                PreparedStatement attempt = connection.prepareStatement("INSERT INTO smtp_outbox_attempt"
                        + " (message_id, attempt_number, finished_at, worker, outcome, reply, detail)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (Decision decision : decisions) {
                message.setString(1, decision.state().name());
                Sql.setInstant(message, 2, decision.nextAttemptAt());
                message.setString(3, Sql.fit(decision.lastReply(), 2000));
                message.setString(4, Sql.fit(decision.reason(), 2000));
                message.setString(5, decision.state().name());
                Sql.setInstant(message, 6, now);
                Sql.setInstant(message, 7, decision.isFinal() ? now : null);
                message.setString(8, decision.id().toString());
                message.setString(9, owner);
                message.setBoolean(10, decision.definitive());
                if (message.executeUpdate() != 1) {
                    continue;
                }
                applied.add(decision.id());
                for (Decision.RecipientUpdate update : decision.recipients()) {
                    recipient.setString(1, update.state().name());
                    recipient.setString(2, Sql.fit(update.reply(), 2000));
                    recipient.setString(3, decision.id().toString());
                    recipient.setInt(4, update.index());
                    recipient.addBatch();
                }
                attempt.setString(1, decision.id().toString());
                attempt.setInt(2, decision.attempt());
                Sql.setInstant(attempt, 3, now);
                attempt.setString(4, owner);
                attempt.setString(5, decision.state().name());
                attempt.setString(6, Sql.fit(decision.lastReply(), 2000));
                attempt.setString(7, Sql.fit(decision.reason(), 4000));
                attempt.addBatch();
            }
            recipient.executeBatch();
            attempt.executeBatch();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        eraseSentContent(connection, decisions, applied);
        return applied;
    }

    /** A SENT message's content is never sent again: it goes at once, outside the verdicts' transaction. */
    private static void eraseSentContent(Connection connection, List<Decision> decisions, List<UUID> applied)
            throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try {
            for (Decision decision : decisions) {
                if (decision.state() == OutboxState.SENT && applied.contains(decision.id())) {
                    ContentEraser.erase(connection, decision.id());
                }
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Extends the leases {@code owner} holds; returns how many. */
    int renew(String owner, Instant now, Instant leaseUntil) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE smtp_outbox_message SET lease_until = ?"
                        + " WHERE lease_owner = ? AND state IN ('SENDING', 'COMMITTING') AND lease_until > ?")) {
            Sql.setInstant(update, 1, leaseUntil);
            update.setString(2, owner);
            Sql.setInstant(update, 3, now);
            return update.executeUpdate();
        }
    }

    /** Puts the messages {@code owner} claimed but never began to end back in the queue (shutdown). */
    int release(String owner, Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE smtp_outbox_message SET state ="
                        + " 'QUEUED', lease_owner = NULL, lease_until = NULL, next_attempt_at = ?, updated_at = ?,"
                        + " reason = 'Released by ' || ? || ' when it shut down' WHERE lease_owner = ?"
                        + " AND state = 'SENDING'")) {
            Sql.setInstant(update, 1, now);
            Sql.setInstant(update, 2, now);
            update.setString(3, owner);
            update.setString(4, owner);
            return update.executeUpdate();
        }
    }
}
