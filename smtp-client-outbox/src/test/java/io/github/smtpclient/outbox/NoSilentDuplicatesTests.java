package io.github.smtpclient.outbox;

import static io.github.smtpclient.outbox.OutboxFixture.column;
import static io.github.smtpclient.outbox.OutboxFixture.execute;
import static io.github.smtpclient.outbox.OutboxFixture.fastSettings;
import static io.github.smtpclient.outbox.OutboxFixture.message;
import static io.github.smtpclient.outbox.OutboxFixture.sender;
import static io.github.smtpclient.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subethamail.smtp.helper.SimpleMessageListener;
import org.subethamail.smtp.server.SMTPServer;

import io.github.smtpclient.SmtpMailSender;
import io.github.smtpclient.testing.ScriptedSmtpServer;

/**
 * The outbox never sends a message again by itself once its end of data may have gone out: a lost connection after
 * the final dot, or an instance that stopped after marking it, leaves it in UNKNOWN; a worker that lost its lease never
 * sends the end of data at all.
 */
class NoSilentDuplicatesTests {

    private static final String GREETING = "220 scripted ESMTP\r\n";
    private static final String EHLO = "250-scripted\r\n250-PIPELINING\r\n250 8BITMIME\r\n";

    @TempDir
    Path directory;

    @Test
    void aConnectionLostAfterTheFinalDotLeavesTheMessageUnknownAndUnsent() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().send(GREETING).expect("EHLO ").send(EHLO)
                .expect("MAIL FROM:").expect("RCPT TO:").expect("DATA").send("250 ok\r\n250 ok\r\n354 go\r\n")
                .expectData().closeConnection().start();
                SmtpMailSender sender = sender(server.port());
                SmtpOutbox outbox = SmtpOutbox.builder(sender).embedded(directory).settings(fastSettings()).build()) {
            outbox.start();
            UUID id = outbox.enqueue(message("lost verdict", "a@example.test"));

            eventually(() -> outbox.find(id).orElseThrow().state() == OutboxState.UNKNOWN, "UNKNOWN");
            server.awaitCompletion();
            assertThat(server.messages()).hasSize(1);
            Thread.sleep(300);
            OutboxEntry entry = outbox.find(id).orElseThrow();
            assertThat(entry.state()).as("never queued again by itself").isEqualTo(OutboxState.UNKNOWN);
            assertThat(entry.attempts()).isEqualTo(1);
            assertThat(entry.reason()).hasValueSatisfying(r -> assertThat(r).contains("may or may not have been"));
            // The worker counts an outcome just after writing it, so the count may trail the state briefly.
            eventually(() -> outbox.statistics().unknown() == 1, "unknown counted");
        }
    }

    @Test
    void underAtLeastOnceAnUnknownOutcomeIsQueuedAgain() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().send(GREETING).expect("EHLO ").send(EHLO)
                .expect("MAIL FROM:").expect("RCPT TO:").expect("DATA").send("250 ok\r\n250 ok\r\n354 go\r\n")
                .expectData().closeConnection().start();
                SmtpMailSender sender = sender(server.port());
                SmtpOutbox outbox = SmtpOutbox.builder(sender).embedded(directory)
                        .settings(fastSettings().setAtLeastOnce(true).setMaxAttempts(2)).build()) {
            outbox.start();
            UUID id = outbox.enqueue(message("lost verdict", "a@example.test"));

            // The scripted server takes one connection: the second attempt cannot connect and the message ends DEAD.
            eventually(() -> outbox.find(id).orElseThrow().attempts() == 2, "attempted again");
            assertThat(outbox.find(id).orElseThrow().history().get(0).outcome()).isEqualTo(OutboxState.QUEUED);
        }
    }

    @Test
    void aWorkerThatLostItsLeaseNeverSendsTheEndOfData() throws Exception {
        List<String> delivered = new CopyOnWriteArrayList<>();
        DataSource[] store = new DataSource[1];
        UUID[] id = new UUID[1];
        // Between RCPT and the end of data another instance takes the message over (as after an expired lease).
        SMTPServer server = SMTPServer.port(0).bindAddress(InetAddress.getLoopbackAddress()).hostName("localhost")
                .simpleMessageListener(new SimpleMessageListener() {
                    @Override
                    public boolean accept(String from, String recipient) {
                        try {
                            execute(store[0], "UPDATE smtp_outbox_message SET lease_owner = 'other-instance'"
                                    + " WHERE id = ?", id[0].toString());
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                        return true;
                    }

                    @Override
                    public void deliver(String from, String recipient, InputStream data) throws IOException {
                        // Throws when the data ends without the final dot: only a complete message counts.
                        data.readAllBytes();
                        delivered.add(recipient);
                    }
                }).build();
        server.start();
        DataSource dataSource = OutboxFixture.h2(directory);
        store[0] = dataSource;
        try (SmtpMailSender sender = sender(server.getPortAllocated());
                SmtpOutbox outbox = SmtpOutbox.builder(sender).dataSource(dataSource).initializeSchema(true)
                        .settings(fastSettings()).build()) {
            id[0] = outbox.enqueue(message("taken over", "a@example.test"));
            outbox.start();

            eventually(() -> "other-instance".equals(owner(dataSource, id[0])), "the message taken over");
            Thread.sleep(300);
            assertThat(delivered).as("the server never got the final dot").isEmpty();
            assertThat(state(dataSource, id[0])).as("left to the instance that holds it").isEqualTo("SENDING");
            assertThat(column(dataSource, id[0], "lease_owner")).isEqualTo("other-instance");
        } finally {
            server.stop();
        }
    }

    private static String owner(DataSource dataSource, UUID id) {
        try {
            return column(dataSource, id, "lease_owner");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String state(DataSource dataSource, UUID id) {
        try {
            return column(dataSource, id, "state");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void leasesThatRunOutGoBackToTheQueueBeforeTheEndOfDataAndToUnknownAfterIt() throws Exception {
        DataSource dataSource = OutboxFixture.h2(directory);
        try (SmtpMailSender sender = sender(1);
                SmtpOutbox outbox = SmtpOutbox.builder(sender).dataSource(dataSource).initializeSchema(true)
                        .settings(fastSettings()).build()) {
            UUID claimed = outbox.enqueue(message("claimed", "a@example.test"));
            UUID committing = outbox.enqueue(message("committing", "a@example.test"));
            // What a killed instance leaves behind: one message claimed, one marked just before its end of data.
            Timestamp past = Timestamp.from(Instant.now().minusSeconds(1));
            execute(dataSource, "UPDATE smtp_outbox_message SET state = 'SENDING', lease_owner = 'killed',"
                    + " lease_until = ?, attempts = 1 WHERE id = ?", past, claimed.toString());
            execute(dataSource, "UPDATE smtp_outbox_message SET state = 'COMMITTING', lease_owner = 'killed',"
                    + " lease_until = ?, attempts = 1, reason = 'The end of data of attempt 1 was about to be sent'"
                    + " WHERE id = ?", past, committing.toString());

            outbox.maintainNow();

            assertThat(outbox.find(claimed).orElseThrow().state()).isEqualTo(OutboxState.QUEUED);
            OutboxEntry unknown = outbox.find(committing).orElseThrow();
            assertThat(unknown.state()).isEqualTo(OutboxState.UNKNOWN);
            assertThat(unknown.leaseOwner()).as("evidence: who held it").hasValue("killed");
            assertThat(unknown.reason()).hasValueSatisfying(r -> assertThat(r)
                    .contains("killed ran out after the end of data may have been sent")
                    .contains("attempt 1 was about to be sent"));
            // The worker counts an outcome just after writing it, so the count may trail the state briefly.
            eventually(() -> outbox.statistics().leaseExpiries() == 2, "leaseExpiries counted");
        }
    }
}
