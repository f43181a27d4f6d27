package io.github.smtpclient.benchmarks;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.smtpclient.Envelope;
import io.github.smtpclient.SendOutcome;
import io.github.smtpclient.SmtpMailSender;
import io.github.smtpclient.Submission;
import io.github.smtpclient.outbox.OutboxSettings;
import io.github.smtpclient.outbox.OutboxState;
import io.github.smtpclient.outbox.OutboxStatistics;
import io.github.smtpclient.outbox.SmtpOutbox;

/**
 * One timed round of delivery, the same shape on both sides: {@value #CONNECTIONS} connections of one pooled
 * {@link SmtpMailSender}, batches of {@value #BATCH} pipelined over each. Directly, {@value #CONNECTIONS} threads call
 * {@code sendAll} with their batches; through the outbox, the messages are enqueued first (not timed) and
 * {@value #CONNECTIONS} workers claiming {@value #BATCH} at a time deliver them, timed from {@code start()} until
 * the last is SENT.
 */
final class OutboxThroughput {

    /** Connections in the pool, sending threads, outbox workers. */
    static final int CONNECTIONS = 4;

    /** Messages per {@code sendAll} and per outbox claim. */
    static final int BATCH = 20;

    private static final int ENQUEUES_PER_TRANSACTION = 500;
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);

    private final SmtpMailSender sender;
    private final TestMessage message;
    private final Submission submission;

    OutboxThroughput(SmtpMailSender sender, TestMessage message) {
        this.sender = sender;
        this.message = message;
        this.submission = new SmtpClientDriver().prepare(message);
    }

    /** The outbox's settings in this benchmark: {@value #CONNECTIONS} workers, batches of {@value #BATCH}. */
    static OutboxSettings settings() {
        return new OutboxSettings().setWorkers(CONNECTIONS).setBatchSize(BATCH);
    }

    /** Sends {@code count} messages straight through the pooled sender. */
    Throughput direct(int count) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(CONNECTIONS);
        try {
            List<Future<?>> running = new ArrayList<>();
            long cpu = ProcessMemory.processCpuNanos();
            long start = System.nanoTime();
            for (int t = 0; t < CONNECTIONS; t++) {
                int share = count / CONNECTIONS + (t < count % CONNECTIONS ? 1 : 0);
                running.add(threads.submit(() -> {
                    for (int sent = 0; sent < share; sent += BATCH) {
                        for (SendOutcome outcome : sender.sendAll(Collections.nCopies(Math.min(BATCH, share - sent),
                                submission))) {
                            outcome.orThrow();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
            return new Throughput(count, System.nanoTime() - start, ProcessMemory.processCpuNanos() - cpu, 0);
        } finally {
            threads.shutdownNow();
        }
    }

    /** Enqueues {@code count} messages into a fresh outbox in {@code database}, then times their delivery. */
    Throughput outbox(OutboxDatabase database, int count) throws Exception {
        try (OutboxDatabase.Round round = database.openRound()) {
            SmtpOutbox outbox = SmtpOutbox.builder(sender).dataSource(round.dataSource()).initializeSchema(true)
                    .settings(settings()).instanceId("benchmark").build();
            try {
                enqueue(outbox, round, count);
                round.analyze();
                long serverCpu = database.serverCpuNanos();
                long cpu = ProcessMemory.processCpuNanos();
                long start = System.nanoTime();
                outbox.start();
                awaitDelivered(outbox, count);
                long wall = System.nanoTime() - start;
                Throughput result = new Throughput(count, wall, ProcessMemory.processCpuNanos() - cpu,
                        database.serverCpuNanos() - serverCpu);
                Map<OutboxState, Long> depths = outbox.depths();
                if (depths.get(OutboxState.SENT) != count) {
                    throw new IllegalStateException(database.name() + ": " + count + " enqueued, but " + depths);
                }
                return result;
            } finally {
                outbox.close();
            }
        }
    }

    private void enqueue(SmtpOutbox outbox, OutboxDatabase.Round round, int count) throws Exception {
        Envelope envelope = Envelope.of(message.sender(), message.recipients());
        try (Connection connection = round.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            for (int i = 1; i <= count; i++) {
                outbox.within(connection).enqueue(envelope, new ByteArrayInputStream(message.requireBytes()));
                if (i % ENQUEUES_PER_TRANSACTION == 0 || i == count) {
                    connection.commit();
                }
            }
        }
    }

    private static void awaitDelivered(SmtpOutbox outbox, int count) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (true) {
            OutboxStatistics done = outbox.statistics();
            if (done.retried() + done.dead() + done.unknown() + done.aborted() > 0) {
                throw new IllegalStateException("the sink refused or lost messages: " + done);
            }
            if (done.sent() >= count) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not delivered within " + DRAIN_TIMEOUT + ": " + done);
            }
            Thread.sleep(1);
        }
    }

    /**
     * One round's figures.
     *
     * @param messages       messages delivered
     * @param wallNanos      elapsed time
     * @param jvmCpuNanos    CPU time of this JVM (client, JDBC driver, and H2 when it is the store)
     * @param serverCpuNanos CPU time of the PostgreSQL server's processes (0 for H2)
     */
    record Throughput(long messages, long wallNanos, long jvmCpuNanos, long serverCpuNanos) {

        double messagesPerSecond() {
            return messages * 1e9 / wallNanos;
        }

        double jvmCpuMicrosPerMessage() {
            return jvmCpuNanos / 1e3 / messages;
        }

        double serverCpuMicrosPerMessage() {
            return serverCpuNanos / 1e3 / messages;
        }
    }
}
