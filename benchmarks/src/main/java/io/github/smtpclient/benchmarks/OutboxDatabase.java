package io.github.smtpclient.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * One database the outbox benchmark keeps its outbox in, opened afresh for every round so that no round inherits
 * another's rows: H2 in file mode with the embedded store's settings (a new directory per round), or PostgreSQL
 * through HikariCP (the outbox's and the business tables dropped first). Each round's data source holds both the
 * outbox's tables and the {@code bench_order} table the enqueue transactions write to.
 */
abstract class OutboxDatabase {

    private static final String BUSINESS_TABLE = "CREATE TABLE bench_order (id BIGINT PRIMARY KEY,"
            + " customer VARCHAR(100) NOT NULL, total NUMERIC(10, 2) NOT NULL, created_at TIMESTAMP NOT NULL)";

    private final String name;

    private OutboxDatabase(String name) {
        this.name = name;
    }

    /** H2 2.x in file mode under {@code work}, with the URL options of the outbox's embedded store. */
    static OutboxDatabase h2(Path work) {
        return new H2(work);
    }

    /** A PostgreSQL database whose server's data directory is {@code dataDirectory} (for its CPU time). */
    static OutboxDatabase postgres(String url, String user, String password, Path dataDirectory) {
        return new Postgres(url, user, password, dataDirectory);
    }

    /** "H2" or "PostgreSQL", for the report. */
    final String name() {
        return name;
    }

    /** A data source on an empty database (no outbox tables, a fresh {@code bench_order}); close it after the round. */
    abstract Round openRound() throws SQLException, IOException;

    /** CPU time the database server's processes used so far, in nanoseconds; 0 when it runs in this JVM. */
    abstract long serverCpuNanos();

    /** The server's version and the settings that decide its commit cost, for the report. */
    abstract String describe() throws SQLException, IOException;

    /** One round's data source; closing it closes the pool (and, for H2, deletes the round's files). */
    interface Round extends AutoCloseable {

        DataSource dataSource();

        /** Updates the planner's statistics after the enqueues, as autovacuum would have (no-op for H2). */
        void analyze() throws SQLException;

        @Override
        void close() throws IOException;
    }

    private static void createBusinessTable(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(BUSINESS_TABLE);
        }
    }

    private static final class H2 extends OutboxDatabase {

        private final Path work;
        private int rounds;

        H2(Path work) {
            super("H2");
            this.work = work;
        }

        @Override
        Round openRound() throws SQLException, IOException {
            Path directory = Files.createDirectories(work.resolve("h2-round-" + ++rounds));
            // The URL EmbeddedDatabase opens: every commit written to the file before it returns.
            JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:file:" + directory.toAbsolutePath()
                    .resolve("outbox") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000", "sa", "");
            pool.setMaxConnections(16);
            createBusinessTable(pool);
            return new Round() {
                @Override
                public DataSource dataSource() {
                    return pool;
                }

                @Override
                public void analyze() {
                    // H2 keeps no planner statistics that go stale this way.
                }

                @Override
                public void close() throws IOException {
                    pool.dispose();
                    deleteTree(directory);
                }
            };
        }

        @Override
        long serverCpuNanos() {
            return 0;
        }

        @Override
        String describe() throws SQLException, IOException {
            Round round = openRound();
            try (round; Connection connection = round.dataSource().getConnection()) {
                return "H2 " + connection.getMetaData().getDatabaseProductVersion() + " in file mode,"
                        + " in the benchmark's JVM (WRITE_DELAY=0, as the embedded store)";
            }
        }

        private static void deleteTree(Path directory) throws IOException {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static final class Postgres extends OutboxDatabase {

        private static final List<String> DROPS = List.of("smtp_outbox_attempt", "smtp_outbox_chunk",
                "smtp_outbox_recipient", "smtp_outbox_message", "bench_order");

        private final String url;
        private final String user;
        private final String password;
        private final Path dataDirectory;

        Postgres(String url, String user, String password, Path dataDirectory) {
            super("PostgreSQL");
            this.url = url;
            this.user = user;
            this.password = password;
            this.dataDirectory = dataDirectory;
        }

        @Override
        Round openRound() throws SQLException {
            HikariDataSource pool = new HikariDataSource(hikari(16));
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                for (String table : DROPS) {
                    statement.execute("DROP TABLE IF EXISTS " + table + " CASCADE");
                }
            }
            createBusinessTable(pool);
            return new Round() {
                @Override
                public DataSource dataSource() {
                    return pool;
                }

                @Override
                public void analyze() throws SQLException {
                    try (Connection connection = pool.getConnection();
                            Statement statement = connection.createStatement()) {
                        statement.execute("ANALYZE smtp_outbox_message, smtp_outbox_recipient, smtp_outbox_chunk");
                    }
                }

                @Override
                public void close() {
                    pool.close();
                }
            };
        }

        @Override
        long serverCpuNanos() {
            return ProcessMemory.treeCpuNanos(postmasterPid());
        }

        private long postmasterPid() {
            try {
                return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }

        @Override
        String describe() throws SQLException {
            try (HikariDataSource pool = new HikariDataSource(hikari(1));
                    Connection connection = pool.getConnection();
                    Statement statement = connection.createStatement()) {
                return "PostgreSQL " + connection.getMetaData().getDatabaseProductVersion() + " on 127.0.0.1"
                        + " through HikariCP (fsync=" + show(statement, "fsync") + ", synchronous_commit="
                        + show(statement, "synchronous_commit") + ", full_page_writes="
                        + show(statement, "full_page_writes") + ")";
            }
        }

        private HikariConfig hikari(int size) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url);
            config.setUsername(user);
            config.setPassword(password);
            config.setMaximumPoolSize(size);
            config.setPoolName("outbox-benchmark");
            return config;
        }

        private static String show(Statement statement, String setting) throws SQLException {
            try (ResultSet result = statement.executeQuery("SHOW " + setting)) {
                result.next();
                return result.getString(1);
            }
        }
    }
}
