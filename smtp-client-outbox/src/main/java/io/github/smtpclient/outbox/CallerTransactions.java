package io.github.smtpclient.outbox;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * How the outbox finds the transaction its caller is in, so an enqueue commits or rolls back with it. The Spring Boot
 * module's implementation joins the Spring-managed transaction on the same {@link DataSource}; {@link #NONE} never
 * finds one, and then every enqueue commits on its own. Code without Spring can also pass its connection directly,
 * with {@link SmtpOutbox#within(Connection)}.
 */
public interface CallerTransactions {

    /** Never a caller's transaction: each enqueue is its own. */
    CallerTransactions NONE = new CallerTransactions() {
        @Override
        public Connection current(DataSource dataSource) {
            return null;
        }

        @Override
        public void release(Connection connection, DataSource dataSource) {
            // Never handed one out.
        }

        @Override
        public void afterCommit(Runnable action) {
            action.run();
        }
    };

    /**
     * The connection of the transaction the calling thread is in on {@code dataSource}, or null when there is none.
     * The outbox writes on it and neither commits nor closes it.
     */
    Connection current(DataSource dataSource) throws SQLException;

    /** Gives back a connection {@link #current} returned. */
    void release(Connection connection, DataSource dataSource);

    /** Runs {@code action} once the caller's transaction has committed (at once when there is none). */
    void afterCommit(Runnable action);
}
