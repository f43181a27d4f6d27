package io.github.smtpclient.outbox;

import static io.github.smtpclient.outbox.OutboxFixture.fastSettings;
import static io.github.smtpclient.outbox.OutboxFixture.message;
import static io.github.smtpclient.outbox.OutboxFixture.sender;
import static io.github.smtpclient.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.smtpclient.Envelope;
import io.github.smtpclient.SmtpMailSender;
import io.github.smtpclient.testing.CountingSmtpServer;
import io.github.smtpclient.testing.InProcessSmtpServer;

class SmtpOutboxTests {

    @TempDir
    Path directory;

    private CountingSmtpServer server;
    private SmtpMailSender sender;
    private SmtpOutbox outbox;

    @BeforeEach
    void start() {
        server = CountingSmtpServer.start();
        sender = sender(server.port());
    }

    @AfterEach
    void stop() {
        if (outbox != null) {
            outbox.close();
        }
        sender.close();
        server.close();
    }

    private SmtpOutbox embedded(OutboxSettings settings) {
        outbox = SmtpOutbox.builder(sender).embedded(directory.resolve("outbox")).settings(settings).build();
        return outbox;
    }

    private OutboxState state(UUID id) {
        return outbox.find(id).orElseThrow().state();
    }

    @Test
    void enqueuedMessagesAreDeliveredOnceAndRecordedAsSent() throws Exception {
        embedded(fastSettings()).start();
        List<UUID> ids = List.of(outbox.enqueue(message("one", "a@example.test")),
                outbox.enqueue(message("two", "b@example.test", "c@example.test")),
                outbox.enqueue(message("three", "d@example.test")));

        eventually(() -> ids.stream().allMatch(id -> state(id) == OutboxState.SENT), "all three SENT");
        // One Message-ID per recipient: the two-recipient message once for each, the others once.
        assertThat(server.messageIds()).hasSize(4);
        assertThat(server.messageIds().stream().distinct()).hasSize(3);
        OutboxEntry two = outbox.find(ids.get(1)).orElseThrow();
        assertThat(two.recipients()).extracting(OutboxEntry.Recipient::state)
                .containsExactly(RecipientState.DELIVERED, RecipientState.DELIVERED);
        assertThat(two.history()).singleElement().satisfies(attempt -> {
            assertThat(attempt.outcome()).isEqualTo(OutboxState.SENT);
            assertThat(attempt.reply()).hasValueSatisfying(reply -> assertThat(reply).startsWith("250"));
        });
        // The worker counts an outcome just after writing it, so the count may trail the state briefly.
        eventually(() -> outbox.statistics().sent() == 3, "sent counted");
        assertThat(outbox.depths()).containsEntry(OutboxState.SENT, 3L).containsEntry(OutboxState.QUEUED, 0L);
    }

    @Test
    void aSecondEnqueueWithTheSameIdempotencyKeyIsANoOp() {
        embedded(fastSettings());
        EnqueueOptions keyed = EnqueueOptions.defaults().idempotencyKey("order-42");
        UUID first = outbox.enqueue(message("first", "a@example.test"), keyed);
        UUID second = outbox.enqueue(message("second", "a@example.test"), keyed);

        assertThat(second).isEqualTo(first);
        assertThat(outbox.depths().get(OutboxState.QUEUED)).isEqualTo(1);
        assertThat(outbox.find(first).orElseThrow().subject()).hasValue("first");
    }

    @Test
    void aMessageIsNotSentBeforeItsNotBeforeTime() throws Exception {
        embedded(fastSettings()).start();
        UUID later = outbox.enqueue(message("later", "a@example.test"),
                EnqueueOptions.defaults().notBefore(Instant.now().plusMillis(800)));
        UUID now = outbox.enqueue(message("now", "a@example.test"));

        eventually(() -> state(now) == OutboxState.SENT, "the due message SENT");
        assertThat(state(later)).isEqualTo(OutboxState.QUEUED);
        eventually(() -> state(later) == OutboxState.SENT, "the later message SENT after its time");
    }

    @Test
    void higherPriorityIsClaimedFirst() throws Exception {
        embedded(fastSettings().setBatchSize(1));
        UUID low = outbox.enqueue(message("low", "a@example.test"));
        UUID high = outbox.enqueue(message("high", "a@example.test"), EnqueueOptions.defaults().priority(5));
        outbox.start();

        eventually(() -> state(low) == OutboxState.SENT, "both SENT");
        assertThat(outbox.find(high).orElseThrow().history().get(0).finishedAt())
                .isBeforeOrEqualTo(outbox.find(low).orElseThrow().history().get(0).finishedAt());
    }

    @Test
    void onlyTemporarilyRefusedRecipientsAreRetried() throws Exception {
        embedded(fastSettings()).start();
        UUID id = outbox.enqueue(message("mixed", "ok@example.test", "busy-x@example.test",
                "reject-y@example.test"));

        eventually(() -> state(id) == OutboxState.SENT, "SENT after the retry");
        OutboxEntry entry = outbox.find(id).orElseThrow();
        assertThat(entry.recipients()).extracting(OutboxEntry.Recipient::state).containsExactly(
                RecipientState.DELIVERED, RecipientState.DELIVERED, RecipientState.FAILED);
        assertThat(entry.recipients().get(2).lastReply()).hasValueSatisfying(r -> assertThat(r).startsWith("550"));
        assertThat(entry.history()).extracting(OutboxEntry.Attempt::outcome)
                .containsExactly(OutboxState.QUEUED, OutboxState.SENT);
        // ok@ got it on the first attempt only, busy-x@ on the second only: two deliveries in all.
        assertThat(server.messageIds()).hasSize(2);
    }

    @Test
    void aPermanentRefusalGoesToDeadWithTheReplyKept() throws Exception {
        embedded(fastSettings()).start();
        UUID id = outbox.enqueue(message("refused", "reject-a@example.test"));

        eventually(() -> state(id) == OutboxState.DEAD, "DEAD");
        OutboxEntry entry = outbox.find(id).orElseThrow();
        assertThat(entry.lastReply()).hasValueSatisfying(reply -> assertThat(reply).startsWith("550 5.1.1"));
        assertThat(entry.history()).hasSize(1);
        // The worker counts the outcome just after it writes the state, so the count may trail the state briefly.
        eventually(() -> outbox.statistics().dead() == 1, "one DEAD counted");
    }

    @Test
    void transientFailuresBackOffUntilTheAttemptLimit() throws Exception {
        try (SmtpMailSender nowhere = sender(closedPort())) {
            outbox = SmtpOutbox.builder(nowhere).embedded(directory.resolve("outbox")).settings(fastSettings()).build();
            outbox.start();
            UUID id = outbox.enqueue(message("unreachable", "a@example.test"));

            eventually(() -> state(id) == OutboxState.DEAD, "DEAD after three attempts");
            OutboxEntry entry = outbox.find(id).orElseThrow();
            assertThat(entry.attempts()).isEqualTo(3);
            assertThat(entry.reason()).hasValueSatisfying(reason -> assertThat(reason).startsWith("Gave up after 3"));
            List<OutboxEntry.Attempt> history = entry.history();
            // 100 ms, then 200 ms: each pause longer than the one before.
            Duration first = Duration.between(history.get(0).finishedAt(), history.get(1).finishedAt());
            Duration second = Duration.between(history.get(1).finishedAt(), history.get(2).finishedAt());
            assertThat(first).isGreaterThanOrEqualTo(Duration.ofMillis(100));
            assertThat(second).isGreaterThanOrEqualTo(Duration.ofMillis(200));
            assertThat(entry.recipients().get(0).state()).isEqualTo(RecipientState.FAILED);
        }
    }

    @Test
    void anExpiredMessageGoesToDeadUnsent() throws Exception {
        embedded(fastSettings());
        UUID id = outbox.enqueue(message("stale", "a@example.test"), EnqueueOptions.defaults()
                .notBefore(Instant.now().plusSeconds(60)).expiresAt(Instant.now().plusMillis(100)));
        outbox.start();
        Thread.sleep(150);
        outbox.maintainNow();

        assertThat(state(id)).isEqualTo(OutboxState.DEAD);
        assertThat(outbox.find(id).orElseThrow().reason()).hasValue("Expired before it could be delivered");
        assertThat(server.messageIds()).isEmpty();
    }

    @Test
    void rawContentIsStoredAndSentAsItIs() throws Exception {
        embedded(fastSettings()).start();
        byte[] raw = ("From: a@example.test\r\nTo: b@example.test\r\nBcc: hidden@example.test\r\n"
                + "Message-ID: <raw-1@example.test>\r\nSubject: raw\r\n\r\nline\r\n").getBytes(StandardCharsets.US_ASCII);
        UUID id = outbox.enqueue(null, new ByteArrayInputStream(raw));

        eventually(() -> state(id) == OutboxState.SENT, "SENT");
        assertThat(server.messageIds()).containsExactlyInAnyOrder("<raw-1@example.test>", "<raw-1@example.test>");
        assertThat(outbox.find(id).orElseThrow().recipients()).extracting(OutboxEntry.Recipient::address)
                .containsExactly("b@example.test", "hidden@example.test");
    }

    @Test
    void aMessageOfManyChunksArrivesByteForByte() throws Exception {
        try (InProcessSmtpServer keeping = InProcessSmtpServer.startPlain();
                SmtpMailSender toKeeping = sender(keeping.port())) {
            outbox = SmtpOutbox.builder(toKeeping).embedded(directory.resolve("outbox"))
                    .settings(fastSettings().setChunkSize(4096)).build();
            StringBuilder body = new StringBuilder();
            for (int line = 0; line < 20_000; line++) {
                body.append("line ").append(line).append(" of a message stored in many chunks\r\n");
            }
            byte[] raw = ("From: a@example.test\r\nTo: b@example.test\r\nSubject: chunks\r\n\r\n" + body)
                    .getBytes(StandardCharsets.US_ASCII);
            UUID id = outbox.enqueue(null, new ByteArrayInputStream(raw));
            assertThat(outbox.find(id).orElseThrow().size()).isEqualTo(raw.length);
            outbox.start();

            eventually(() -> state(id) == OutboxState.SENT, "SENT");
            String arrived = new String(keeping.received().get(0).data(), StandardCharsets.US_ASCII);
            assertThat(arrived).endsWith(new String(raw, StandardCharsets.US_ASCII));
        }
    }

    @Test
    void operatorsParkRetryAndDelete() throws Exception {
        embedded(fastSettings());
        UUID id = outbox.enqueue(message("held", "a@example.test"));
        assertThat(outbox.park(id, "test")).isTrue();
        outbox.start();
        Thread.sleep(200);
        assertThat(state(id)).isEqualTo(OutboxState.PARKED);
        assertThat(outbox.list(OutboxState.PARKED, 10)).extracting(OutboxEntry::id).containsExactly(id);

        assertThat(outbox.retry(id, "test")).isTrue();
        eventually(() -> state(id) == OutboxState.SENT, "SENT after the retry");
        assertThat(outbox.retry(id, "test")).as("a SENT message is not retried").isFalse();
        assertThat(outbox.delete(id)).isTrue();
        assertThat(outbox.find(id)).isEmpty();
    }

    @Test
    void anEnqueueOnTheCallersConnectionCommitsAndRollsBackWithIt() throws Exception {
        DataSource dataSource = OutboxFixture.h2(directory);
        outbox = SmtpOutbox.builder(sender).dataSource(dataSource).initializeSchema(true).settings(fastSettings())
                .build();
        UUID rolledBack;
        UUID committed;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            rolledBack = outbox.within(connection).enqueue(message("rolled back", "a@example.test"));
            connection.rollback();
            committed = outbox.within(connection).enqueue(message("committed", "a@example.test"));
            connection.commit();
        }
        outbox.start();

        eventually(() -> state(committed) == OutboxState.SENT, "the committed message SENT");
        assertThat(outbox.find(rolledBack)).isEmpty();
        assertThat(server.messageIds()).hasSize(1);
    }

    @Test
    void anApplicationDatabaseWithoutTheSchemaIsRefusedWithWhatToDo() {
        DataSource dataSource = OutboxFixture.h2(directory);
        assertThatThrownBy(() -> SmtpOutbox.builder(sender).dataSource(dataSource).build())
                .isInstanceOf(OutboxException.class)
                .hasMessageContaining("V1__smtp_outbox.sql").hasMessageContaining("V2__smtp_outbox_claim_index.sql")
                .hasMessageContaining("initialize-schema");
    }

    @Test
    void aSecondProcessOnTheSameEmbeddedDirectoryIsToldToUsePostgresql() {
        embedded(fastSettings());
        // The same JVM opening it again is allowed by H2; a second process is what H2 refuses (error 90020), which
        // the message for that case names. Here: a directory that cannot be created.
        Path file = directory.resolve("outbox").resolve("outbox.mv.db");
        assertThatThrownBy(() -> SmtpOutbox.builder(sender).embedded(file.resolve("below-a-file")).build())
                .isInstanceOf(OutboxException.class).hasMessageContaining("Cannot create the outbox directory");
    }

    private static int closedPort() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
