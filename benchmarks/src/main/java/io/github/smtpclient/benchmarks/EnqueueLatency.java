package io.github.smtpclient.benchmarks;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;

import io.github.smtpclient.Envelope;
import io.github.smtpclient.SmtpMailSender;
import io.github.smtpclient.outbox.SmtpOutbox;

/**
 * The enqueue's latency inside a business transaction, on one thread, with the outbox's workers stopped. Each
 * transaction takes a pooled connection, inserts an order row, enqueues the 1 KB confirmation on the same connection
 * ({@link SmtpOutbox#within}) and commits. Every other transaction leaves the enqueue out, so the same transaction
 * without the outbox is measured in the same stretch of time, against the same table.
 */
final class EnqueueLatency {

    private static final String INSERT_ORDER = "INSERT INTO bench_order (id, customer, total, created_at)"
            + " VALUES (?, ?, ?, ?)";

    private final SmtpMailSender sender;
    private final TestMessage message;

    EnqueueLatency(SmtpMailSender sender, TestMessage message) {
        this.sender = sender;
        this.message = message;
    }

    /** {@code transactions} transactions with the enqueue and as many without, alternating. */
    Round measure(OutboxDatabase database, int transactions) throws Exception {
        long[] enqueue = new long[transactions];
        long[] withOutbox = new long[transactions];
        long[] withoutOutbox = new long[transactions];
        Envelope envelope = Envelope.of(message.sender(), message.recipients());
        try (OutboxDatabase.Round round = database.openRound()) {
            // Never started: nothing claims while the enqueues are timed.
            try (SmtpOutbox outbox = SmtpOutbox.builder(sender).dataSource(round.dataSource()).initializeSchema(true)
                    .settings(OutboxThroughput.settings()).instanceId("benchmark").build()) {
                for (int i = 0; i < 2 * transactions; i++) {
                    boolean enqueues = i % 2 == 0;
                    try (Connection connection = round.dataSource().getConnection();
                            PreparedStatement insert = connection.prepareStatement(INSERT_ORDER)) {
                        connection.setAutoCommit(false);
                        long start = System.nanoTime();
                        insert.setLong(1, i);
                        insert.setString(2, "customer-" + i % 100);
                        insert.setBigDecimal(3, BigDecimal.valueOf(1999 + i, 2));
                        insert.setTimestamp(4, Timestamp.from(Instant.now()));
                        insert.executeUpdate();
                        long enqueueStart = System.nanoTime();
                        if (enqueues) {
                            outbox.within(connection).enqueue(envelope,
                                    new ByteArrayInputStream(message.requireBytes()));
                        }
                        long enqueueEnd = System.nanoTime();
                        connection.commit();
                        long end = System.nanoTime();
                        if (enqueues) {
                            enqueue[i / 2] = enqueueEnd - enqueueStart;
                            withOutbox[i / 2] = end - start;
                        } else {
                            withoutOutbox[i / 2] = end - start;
                        }
                    }
                }
            }
        }
        return new Round(Percentiles.of(enqueue), Percentiles.of(withOutbox), Percentiles.of(withoutOutbox));
    }

    /**
     * One round's percentiles.
     *
     * @param enqueue       the enqueue call alone
     * @param withOutbox    the whole transaction: insert, enqueue, commit
     * @param withoutOutbox the same transaction without the enqueue
     */
    record Round(Percentiles enqueue, Percentiles withOutbox, Percentiles withoutOutbox) {
    }

    /**
     * The median and the 99th percentile of a set of durations, in microseconds (nearest rank).
     *
     * @param p50 the median
     * @param p99 the 99th percentile
     */
    record Percentiles(double p50, double p99) {

        static Percentiles of(long[] nanos) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return new Percentiles(rank(sorted, 0.50) / 1e3, rank(sorted, 0.99) / 1e3);
        }

        private static long rank(long[] sorted, double p) {
            return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
        }
    }
}
