package io.github.smtpclient.outbox;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;

import io.github.smtpclient.RetryPolicy;
import io.github.smtpclient.SmtpMailSender;
import io.github.smtpclient.message.MailMessage;
import io.github.smtpclient.tls.TlsMode;

/** Senders, settings and messages the outbox tests share. */
final class OutboxFixture {

    private OutboxFixture() {
    }

    /** A pooled sender to a plaintext server on loopback, without retries of its own. */
    static SmtpMailSender sender(int port) {
        return SmtpMailSender.builder("localhost", port)
                .configureClients(client -> {
                    client.tls().setMode(TlsMode.NONE);
                    client.socket().setTimeout(Duration.ofSeconds(5));
                })
                .retry(RetryPolicy.NONE)
                .build();
    }

    /** Fast workers: short polls, short back-off without jitter, short leases. */
    static OutboxSettings fastSettings() {
        return new OutboxSettings().setWorkers(1).setPollInterval(Duration.ofMillis(50))
                .setInitialBackoff(Duration.ofMillis(100)).setJitter(0).setMaxAttempts(3)
                .setLeaseDuration(Duration.ofSeconds(5)).setMaintenanceInterval(Duration.ofMillis(200))
                .setShutdownTimeout(Duration.ofSeconds(5));
    }

    static MailMessage message(String subject, String... to) {
        return MailMessage.builder().from("sender@example.test").to(to).subject(subject)
                .plainText("Hello from the outbox: " + subject).build();
    }

    /** A file database the test can open beside an outbox that it gives this data source. */
    static DataSource h2(Path directory) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + directory.resolve("app") + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=5000");
        dataSource.setUser("sa");
        return dataSource;
    }

    static String column(DataSource dataSource, UUID id, String column) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT " + column + " FROM smtp_outbox_message WHERE id = ?")) {
            select.setString(1, id.toString());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    static int execute(DataSource dataSource, String sql, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }
}
