package io.github.smtpclient.outbox.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcConnectionPool;

import io.github.smtpclient.outbox.OutboxDialect;
import io.github.smtpclient.outbox.OutboxException;

/**
 * The embedded default store: an H2 database in file mode under a directory of the application's, created with its
 * schema on first use. One process at a time: H2 refuses a second one (error 90020) unless AUTO_SERVER is set, which
 * opens a TCP port on every interface, so the outbox never sets it; instances that share an outbox use PostgreSQL.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    /** The database file's base name, {@code outbox.mv.db} on disk. */
    static final String NAME = "outbox";

    private final JdbcConnectionPool pool;
    private final Path directory;

    private EmbeddedDatabase(JdbcConnectionPool pool, Path directory) {
        this.pool = pool;
        this.directory = directory;
    }

    /**
     * Opens (and on first use creates) the database in {@code directory}.
     *
     * <p>WRITE_DELAY=0 writes every commit to the file before the commit returns, so a killed process loses no
     * committed state change (without it H2 writes up to half a second later). DB_CLOSE_ON_EXIT=FALSE leaves the
     * closing to {@link #close()}, after the workers have stopped, instead of to H2's own shutdown hook.
     *
     * @throws OutboxException when the directory cannot be made, or another process has the database open
     */
    public static EmbeddedDatabase open(Path directory, int maxConnections) {
        Path absolute = directory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
        } catch (IOException e) {
            throw new OutboxException("Cannot create the outbox directory " + absolute + ": " + e.getMessage()
                    + "; set another one (smtp.client.outbox.embedded.directory)", e);
        }
        String url = "jdbc:h2:file:" + absolute.resolve(NAME) + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE"
                + ";LOCK_TIMEOUT=10000";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
        pool.setMaxConnections(maxConnections);
        try (Connection probe = pool.getConnection()) {
            probe.isValid(1);
        } catch (SQLException e) {
            pool.dispose();
            String hint = e.getErrorCode() == 90020 ? "; another process has it open: the embedded store serves one"
                    + " instance, share an outbox between instances through PostgreSQL" : "";
            throw new OutboxException("Cannot open the embedded outbox database in " + absolute + ": "
                    + e.getMessage() + hint, e);
        }
        EmbeddedDatabase database = new EmbeddedDatabase(pool, absolute);
        SchemaScript.apply(pool, OutboxDialect.h2());
        return database;
    }

    /** The connections to it. */
    public DataSource dataSource() {
        return pool;
    }

    /** Where its files are. */
    public Path directory() {
        return directory;
    }

    /** Closes every connection, which closes the database. */
    @Override
    public void close() {
        pool.dispose();
    }
}
