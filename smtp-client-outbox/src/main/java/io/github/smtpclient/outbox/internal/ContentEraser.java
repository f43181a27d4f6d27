package io.github.smtpclient.outbox.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Deletes a message's stored content a few chunks per transaction, so that erasing a very large message never makes
 * the database hold all of it in one transaction's undo data (H2 runs out of heap otherwise).
 */
final class ContentEraser {

    /** Chunks per statement: 4 MiB at the default chunk size. */
    private static final int CHUNKS_PER_STATEMENT = 16;

    private ContentEraser() {
    }

    /** Erases the content of {@code id} on an auto-commit connection. */
    static void erase(Connection connection, UUID id) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM smtp_outbox_chunk WHERE message_id = ?"
                + " AND chunk_index < (SELECT MIN(chunk_index) + " + CHUNKS_PER_STATEMENT + " FROM smtp_outbox_chunk"
                + " WHERE message_id = ?)")) {
            delete.setString(1, id.toString());
            delete.setString(2, id.toString());
            while (delete.executeUpdate() > 0) {
                // Until no chunk is left.
            }
        }
    }
}
