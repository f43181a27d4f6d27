package io.github.smtpclient.boot.outbox;

import static io.github.smtpclient.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.github.smtpclient.boot.autoconfigure.SmtpClientAutoConfiguration;
import io.github.smtpclient.boot.outbox.jdbc.FlywayOutboxSchemaMigration;
import io.github.smtpclient.boot.outbox.jdbc.LiquibaseOutboxSchemaMigration;
import io.github.smtpclient.message.MailMessage;
import io.github.smtpclient.outbox.OutboxState;
import io.github.smtpclient.outbox.SmtpOutbox;
import io.github.smtpclient.testing.CountingSmtpServer;

class SmtpOutboxAutoConfigurationTests {

    @TempDir
    Path temp;

    private CountingSmtpServer server;
    private ApplicationContextRunner contextRunner;

    @BeforeEach
    void startServer() {
        server = CountingSmtpServer.start();
        contextRunner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SmtpClientAutoConfiguration.class,
                        SmtpOutboxAutoConfiguration.class))
                .withPropertyValues("smtp.client.host=localhost", "smtp.client.port=" + server.port(),
                        "smtp.client.tls.mode=none", "smtp.client.outbox.poll-interval=50ms",
                        "smtp.client.outbox.embedded.directory=" + temp.resolve("embedded"));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private static MailMessage message(String subject) {
        return MailMessage.builder().from("app@example.test").to("user@example.test").subject(subject)
                .plainText("order confirmed").build();
    }

    private static void awaitSent(SmtpOutbox outbox, UUID id) throws InterruptedException {
        eventually(() -> outbox.find(id).orElseThrow().state() == OutboxState.SENT, "SENT");
    }

    private ApplicationContextRunner withApplicationDatabase() {
        return contextRunner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=jdbc:h2:file:" + temp.resolve("app")
                        + ";DB_CLOSE_DELAY=-1", "spring.datasource.username=sa");
    }

    @Test
    void whenDisabledShouldCreateNoOutbox() {
        contextRunner.run(context -> assertThat(context).doesNotHaveBean(SmtpOutbox.class));
    }

    @Test
    void whenEnabledWithNothingElseShouldDeliverFromTheEmbeddedStore() {
        contextRunner.withPropertyValues("smtp.client.outbox.enabled=true")
                .withClassLoader(new FilteredClassLoader(DataSourceAutoConfiguration.class)).run(context -> {
                    SmtpOutbox outbox = context.getBean(SmtpOutbox.class);
                    awaitSent(outbox, outbox.enqueue(message("embedded")));
                    assertThat(temp.resolve("embedded").resolve("outbox.mv.db")).exists();
                    assertThat(server.messageIds()).hasSize(1);
                });
    }

    @Test
    void whenTheApplicationsTransactionRollsBackShouldNotSendItsMessage() {
        withApplicationDatabase().withPropertyValues("smtp.client.outbox.enabled=true",
                "smtp.client.outbox.jdbc.initialize-schema=always").run(context -> {
                    SmtpOutbox outbox = context.getBean(SmtpOutbox.class);
                    TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
                    JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
                    UUID rolledBack = transactions.execute(status -> {
                        UUID id = outbox.enqueue(message("rolled back"));
                        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM smtp_outbox_message WHERE id = ?",
                                Integer.class, id.toString())).as("visible inside the transaction").isEqualTo(1);
                        status.setRollbackOnly();
                        return id;
                    });
                    UUID committed = transactions.execute(status -> outbox.enqueue(message("committed")));

                    awaitSent(outbox, committed);
                    assertThat(outbox.find(rolledBack)).isEmpty();
                    assertThat(server.messageIds()).hasSize(1);
                });
    }

    @Test
    void whenTheApplicationUsesFlywayShouldApplyTheSchemaWithItsOwnHistory() {
        withApplicationDatabase().withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class))
                .withPropertyValues("smtp.client.outbox.enabled=true").run(context -> {
                    assertThat(context).hasSingleBean(FlywayOutboxSchemaMigration.class);
                    SmtpOutbox outbox = context.getBean(SmtpOutbox.class);
                    awaitSent(outbox, outbox.enqueue(message("flyway")));
                    JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
                    assertThat(jdbc.queryForList("SELECT \"version\" FROM \"smtp_outbox_schema_history\""
                            + " WHERE \"success\"", String.class)).contains("1", "2");
                    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM orders", Integer.class)).isZero();
                });
    }

    @Test
    void whenTheApplicationUsesLiquibaseShouldApplyTheChangelogWithItsOwnTables() {
        withApplicationDatabase().withConfiguration(AutoConfigurations.of(LiquibaseAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader("org.flywaydb"))
                .withPropertyValues("smtp.client.outbox.enabled=true",
                        "spring.liquibase.change-log=classpath:db/changelog/app-changelog.xml").run(context -> {
                    assertThat(context).hasSingleBean(LiquibaseOutboxSchemaMigration.class);
                    SmtpOutbox outbox = context.getBean(SmtpOutbox.class);
                    awaitSent(outbox, outbox.enqueue(message("liquibase")));
                    JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
                    assertThat(jdbc.queryForList("SELECT id FROM smtp_outbox_changelog ORDER BY orderexecuted",
                            String.class)).containsExactly("smtp-outbox-1-h2", "smtp-outbox-2-h2");
                });
    }

    @Test
    void whenTheApplicationDatabaseHasNoSchemaAndNoMigrationShouldFailSayingWhatToDo() {
        withApplicationDatabase().withPropertyValues("smtp.client.outbox.enabled=true").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("initialize-schema=always");
        });
    }
}
