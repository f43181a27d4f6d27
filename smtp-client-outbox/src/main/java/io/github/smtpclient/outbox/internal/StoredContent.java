package io.github.smtpclient.outbox.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import io.github.smtpclient.MessageContent;

/**
 * A stored message's bytes as the engine sends them, read chunk by chunk from the store while they are written: one
 * chunk in memory at a time. The first chunk may have come with the claim already.
 */
final class StoredContent implements MessageContent {

    private final Connection connection;
    private final Claimed message;

    StoredContent(Connection connection, Claimed message) {
        this.connection = connection;
        this.message = message;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        for (int index = 0; index < message.chunkCount(); index++) {
            byte[] chunk = index == 0 && message.firstChunk() != null ? message.firstChunk() : read(index);
            out.write(chunk);
        }
    }

    private byte[] read(int index) throws IOException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT data FROM smtp_outbox_chunk WHERE message_id = ? AND chunk_index = ?")) {
            select.setString(1, message.id().toString());
            select.setInt(2, index);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IOException("Chunk " + index + " of outbox message " + message.id() + " is missing");
                }
                return row.getBytes(1);
            }
        } catch (SQLException e) {
            throw new IOException("Cannot read chunk " + index + " of outbox message " + message.id() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public long size() {
        return message.size();
    }

    @Override
    public Encoding encoding() {
        return message.header().encoding();
    }

    @Override
    public boolean needsSmtpUtf8() {
        return message.header().smtpUtf8();
    }

    /** The id, for messages about this content. */
    UUID id() {
        return message.id();
    }
}
