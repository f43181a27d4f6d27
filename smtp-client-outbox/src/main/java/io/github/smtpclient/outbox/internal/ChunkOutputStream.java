package io.github.smtpclient.outbox.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.UUID;

/**
 * Stores a message's bytes as they are written, one row per chunk, so no more than one chunk is ever held. The
 * message's own row has to exist before its first chunk (the chunks refer to it); it is written by {@link RowWriter}
 * as late as possible: when the whole message fits in one chunk its size is known by then, and a message of one
 * chunk (the usual case) costs no update.
 */
final class ChunkOutputStream extends OutputStream {

    /** Inserts the message's own row; false when its idempotency key exists, so nothing may be stored. */
    @FunctionalInterface
    interface RowWriter {
        boolean insert(long size, int chunkCount) throws SQLException;
    }

    /** Thrown through the content's writer when the idempotency key turns out to exist. */
    static final class DuplicateKey extends IOException {
        private static final long serialVersionUID = 1L;

        DuplicateKey() {
            super("a message with this idempotency key exists");
        }
    }

    private final Connection connection;
    private final UUID id;
    private final RowWriter rowWriter;
    private final byte[] buffer;
    private int filled;
    private int chunks;
    private long size;
    private boolean rowWritten;

    ChunkOutputStream(Connection connection, UUID id, int chunkSize, RowWriter rowWriter) {
        this.connection = connection;
        this.id = id;
        this.rowWriter = rowWriter;
        this.buffer = new byte[chunkSize];
    }

    @Override
    public void write(int b) throws IOException {
        if (filled == buffer.length) {
            storeChunk();
        }
        buffer[filled++] = (byte) b;
        size++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            if (filled == buffer.length) {
                storeChunk();
            }
            int count = Math.min(length - done, buffer.length - filled);
            System.arraycopy(bytes, offset + done, buffer, filled, count);
            filled += count;
            done += count;
        }
        size += length;
    }

    /** Stores what is left; false when the idempotency key exists and nothing was stored. */
    boolean finish() throws IOException {
        try {
            if (!rowWritten) {
                if (!rowWriter.insert(size, filled > 0 ? 1 : 0)) {
                    return false;
                }
                rowWritten = true;
                if (filled > 0) {
                    insertChunk();
                }
                return true;
            }
            if (filled > 0) {
                insertChunk();
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE smtp_outbox_message SET content_size = ?, chunk_count = ? WHERE id = ?")) {
                update.setLong(1, size);
                update.setInt(2, chunks);
                update.setString(3, id.toString());
                update.executeUpdate();
            }
            return true;
        } catch (SQLException e) {
            throw new IOException(e);
        }
    }

    private void storeChunk() throws IOException {
        try {
            if (!rowWritten) {
                if (!rowWriter.insert(-1, -1)) {
                    throw new DuplicateKey();
                }
                rowWritten = true;
            }
            insertChunk();
        } catch (SQLException e) {
            throw new IOException(e);
        }
    }

    private void insertChunk() throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO smtp_outbox_chunk (message_id, chunk_index, data) VALUES (?, ?, ?)")) {
            insert.setString(1, id.toString());
            insert.setInt(2, chunks);
            insert.setBytes(3, filled == buffer.length ? buffer : Arrays.copyOf(buffer, filled));
            insert.executeUpdate();
        }
        chunks++;
        filled = 0;
    }
}
