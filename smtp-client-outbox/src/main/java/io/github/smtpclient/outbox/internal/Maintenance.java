package io.github.smtpclient.outbox.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

/**
 * What any instance may do for all: take back the messages of leases that ran out (to the queue before the end of
 * data, to UNKNOWN after it), give up on expired messages, and purge SENT ones after the retention period. Every
 * statement is a conditional update, so instances doing it at the same time do no harm.
 */
final class Maintenance {

    /** At most this many SENT messages are purged per pass, so one pass never holds locks for long. */
    private static final int PURGE_LIMIT = 1000;

    private final DataSource dataSource;
    private final boolean atLeastOnce;
    private final Duration retention;

    Maintenance(DataSource dataSource, boolean atLeastOnce, Duration retention) {
        this.dataSource = dataSource;
        this.atLeastOnce = atLeastOnce;
        this.retention = retention;
    }

    /** What one pass did. */
    record Pass(int requeued, int unknown, int expired, int purged) {
        int leaseExpiries() {
            return requeued + unknown;
        }
    }

    Pass run(Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            int requeued = update(connection, "UPDATE smtp_outbox_message SET state = 'QUEUED', next_attempt_at = ?,"
                    + " reason = 'The lease of ' || lease_owner || ' ran out before the end of data; queued again',"
                    + " lease_owner = NULL, lease_until = NULL, updated_at = ? WHERE state = 'SENDING'"
                    + " AND lease_until < ?", now, now, now);
            int unknown = atLeastOnce
                    ? update(connection, "UPDATE smtp_outbox_message SET state = 'QUEUED', next_attempt_at = ?,"
                            + " reason = 'The lease of ' || lease_owner || ' ran out after the end of data may have"
                            + " been sent; queued again (at-least-once)', lease_owner = NULL, lease_until = NULL,"
                            + " updated_at = ? WHERE state = 'COMMITTING' AND lease_until < ?", now, now, now)
                    : update(connection, "UPDATE smtp_outbox_message SET state = 'UNKNOWN', reason = 'The lease of '"
                            + " || lease_owner || ' ran out after the end of data may have been sent (' || reason"
                            + " || '); not sent again unless retried', lease_until = NULL, updated_at = ?"
                            + " WHERE state = 'COMMITTING' AND lease_until < ?", now, now);
            int expired = update(connection, "UPDATE smtp_outbox_message SET state = 'DEAD', reason = 'Expired before"
                    + " it could be delivered', updated_at = ?, finished_at = ? WHERE state = 'QUEUED'"
                    + " AND expires_at < ?", now, now, now);
            if (expired > 0) {
                update(connection, "UPDATE smtp_outbox_recipient SET state = 'FAILED', last_reply = 'expired'"
                        + " WHERE state = 'PENDING' AND message_id IN (SELECT id FROM smtp_outbox_message"
                        + " WHERE state = 'DEAD' AND finished_at = ?)", now);
            }
            int purged = update(connection, "DELETE FROM smtp_outbox_message WHERE id IN (SELECT id FROM"
                    + " smtp_outbox_message WHERE state = 'SENT' AND finished_at < ? LIMIT " + PURGE_LIMIT + ")",
                    now.minus(retention));
            return new Pass(requeued, unknown, expired, purged);
        }
    }

    private static int update(Connection connection, String sql, Instant... instants) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < instants.length; i++) {
                Sql.setInstant(statement, i + 1, instants[i]);
            }
            return statement.executeUpdate();
        }
    }
}
