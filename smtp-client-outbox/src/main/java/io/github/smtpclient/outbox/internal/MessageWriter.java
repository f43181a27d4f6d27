package io.github.smtpclient.outbox.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import io.github.smtpclient.Envelope;
import io.github.smtpclient.outbox.EnqueueOptions;
import io.github.smtpclient.outbox.OutboxDialect;

/**
 * Writes one message into the store on the connection it is given, inside whatever transaction that connection is
 * in: its row, its recipients, and its content in chunks as the content is written.
 */
final class MessageWriter {

    /** Writes a message's bytes. */
    @FunctionalInterface
    interface ContentSource {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final String INSERT = "INSERT INTO smtp_outbox_message (id, state, priority, idempotency_key,"
            + " sender, dsn_return, envelope_id, message_id, subject, content_size, chunk_count, content_encoding,"
            + " smtputf8, created_at, next_attempt_at, expires_at, attempts, budget_start, updated_at)"
            + " VALUES (?, 'QUEUED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?)";

    private final Clock clock;
    private final TimeOrderedIds ids;
    private final int chunkSize;
    private final String insert;

    MessageWriter(OutboxDialect dialect, Clock clock, int chunkSize) {
        this.clock = clock;
        this.ids = new TimeOrderedIds(clock);
        this.chunkSize = chunkSize;
        this.insert = dialect.insertSkippingDuplicateKey(INSERT);
    }

    /** Stores the message; returns its id, or the id of the message that already has its idempotency key. */
    UUID write(Connection connection, StoredHeader header, EnqueueOptions options, ContentSource content)
            throws SQLException, IOException {
        Optional<String> key = options.idempotencyKey();
        if (key.isPresent()) {
            UUID existing = findByKey(connection, key.get());
            if (existing != null) {
                return existing;
            }
        }
        UUID id = ids.next();
        Instant now = clock.instant();
        ChunkOutputStream chunks = new ChunkOutputStream(connection, id, chunkSize,
                (size, chunkCount) -> insertRow(connection, id, header, options, now, size, chunkCount));
        boolean stored;
        try {
            content.writeTo(chunks);
            stored = chunks.finish();
        } catch (ChunkOutputStream.DuplicateKey e) {
            stored = false;
        }
        if (!stored) {
            UUID existing = findByKey(connection, key.orElseThrow());
            if (existing == null) {
                throw new SQLException("The idempotency key \"" + key.get() + "\" was taken and released again while"
                        + " this message was stored; enqueue it again");
            }
            return existing;
        }
        insertRecipients(connection, id, header.envelope());
        return id;
    }

    private boolean insertRow(Connection connection, UUID id, StoredHeader header, EnqueueOptions options,
            Instant now, long size, int chunkCount) throws SQLException {
        Envelope envelope = header.envelope();
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            statement.setString(1, id.toString());
            statement.setInt(2, options.priority());
            statement.setString(3, options.idempotencyKey().orElse(null));
            statement.setString(4, envelope.sender());
            statement.setString(5, envelope.dsnReturn().map(Enum::name).orElse(null));
            statement.setString(6, envelope.envelopeId().orElse(null));
            statement.setString(7, Sql.fit(header.messageId(), 998));
            statement.setString(8, Sql.fit(header.subject(), 998));
            statement.setLong(9, size);
            statement.setInt(10, chunkCount);
            statement.setString(11, header.encoding().name());
            statement.setBoolean(12, header.smtpUtf8());
            Sql.setInstant(statement, 13, now);
            Sql.setInstant(statement, 14, options.notBefore().orElse(now));
            Sql.setInstant(statement, 15, options.expiryFor(now).orElse(null));
            Sql.setInstant(statement, 16, now);
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            if (Sql.isDuplicateKey(e) && options.idempotencyKey().isPresent()) {
                return false;
            }
            throw e;
        }
    }

    private static void insertRecipients(Connection connection, UUID id, Envelope envelope) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO smtp_outbox_recipient"
                + " (message_id, recipient_index, address, dsn_notify, original_recipient, state)"
                + " VALUES (?, ?, ?, ?, ?, 'PENDING')")) {
            int index = 0;
            for (Envelope.Recipient recipient : envelope.recipients()) {
                statement.setString(1, id.toString());
                statement.setInt(2, index++);
                statement.setString(3, recipient.address());
                statement.setString(4, recipient.dsnNotify().isEmpty() ? null : recipient.dsnNotify().stream()
                        .map(Enum::name).sorted().collect(Collectors.joining(",")));
                statement.setString(5, recipient.originalRecipient());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private static UUID findByKey(Connection connection, String key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id FROM smtp_outbox_message WHERE idempotency_key = ?")) {
            select.setString(1, key);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? UUID.fromString(row.getString(1)) : null;
            }
        }
    }
}
