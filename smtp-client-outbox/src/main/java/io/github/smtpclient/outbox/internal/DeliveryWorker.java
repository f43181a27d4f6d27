package io.github.smtpclient.outbox.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.smtpclient.SendOutcome;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.SmtpMailSender;
import io.github.smtpclient.Submission;

/**
 * One batch at a time: claim due messages, send them pipelined over one pooled connection, and write each verdict.
 * Just before each message's end of data the hook marks it COMMITTING under the worker's lease; when that write
 * fails or finds the lease gone, the hook refuses and the engine closes the connection on the unended message.
 */
final class DeliveryWorker {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    /** Says whether an end of data may still go out (false once a shutdown's grace period is over). */
    @FunctionalInterface
    interface EndOfDataGate {
        void check() throws IllegalStateException;
    }

    private final DataSource dataSource;
    private final DeliveryStore store;
    private final SmtpMailSender sender;
    private final Verdict verdict;
    private final Counters counters;
    private final Clock clock;
    private final String owner;
    private final int batchSize;
    private final Duration lease;
    private final EndOfDataGate gate;

    DeliveryWorker(DataSource dataSource, DeliveryStore store, SmtpMailSender sender, Verdict verdict,
            Counters counters, Clock clock, String owner, int batchSize, Duration lease, EndOfDataGate gate) {
        this.dataSource = dataSource;
        this.store = store;
        this.sender = sender;
        this.verdict = verdict;
        this.counters = counters;
        this.clock = clock;
        this.owner = owner;
        this.batchSize = batchSize;
        this.lease = lease;
        this.gate = gate;
    }

    /** Claims and sends one batch; returns how many messages it claimed (0: nothing was due). */
    int deliverBatch() throws SQLException {
        Instant now = clock.instant();
        List<Claimed> batch = store.claim(owner, batchSize, now, now.plus(lease));
        if (batch.isEmpty()) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            List<Claimed> sendable = new ArrayList<>(batch.size());
            List<Submission> submissions = new ArrayList<>(batch.size());
            List<Decision> decisions = new ArrayList<>(batch.size());
            List<Boolean> aborted = new ArrayList<>(batch.size());
            for (Claimed message : batch) {
                if (message.header().envelope() == null) {
                    decisions.add(verdict.nothingPending(message));
                    aborted.add(false);
                    continue;
                }
                sendable.add(message);
                submissions.add(new Submission(message.header().envelope(), new StoredContent(connection, message),
                        message.header().messageId(), message.header().subject())
                        .withEndOfData(recipients -> beforeEndOfData(connection, message)));
            }
            List<SendOutcome> outcomes = send(submissions);
            Instant finished = clock.instant();
            for (int i = 0; i < sendable.size(); i++) {
                SendOutcome outcome = outcomes.get(i);
                decisions.add(verdict.decide(sendable.get(i), outcome, finished));
                aborted.add(outcome.failure().map(SmtpException::errorCode)
                        .filter(SmtpErrorCode.ABORTED_BEFORE_END_OF_DATA::equals).isPresent());
            }
            List<UUID> applied = store.record(connection, owner, decisions, finished);
            for (int i = 0; i < decisions.size(); i++) {
                if (applied.contains(decisions.get(i).id())) {
                    counters.count(decisions.get(i), aborted.get(i));
                } else {
                    log.warn("Outbox message {}: the lease was lost before its verdict ({}) could be written;"
                            + " the instance that holds it now decides", decisions.get(i).id(), decisions.get(i).state());
                }
            }
        }
        return batch.size();
    }

    private void beforeEndOfData(Connection connection, Claimed message) throws SQLException {
        gate.check();
        Instant now = clock.instant();
        if (!store.markCommitting(connection, message.id(), owner, message.attempt(), now, now.plus(lease))) {
            throw new IllegalStateException("The lease on outbox message " + message.id() + " is lost: another"
                    + " instance may send it");
        }
    }

    /** The batch's outcomes; a failure to get a connection at all is every message's outcome. */
    private List<SendOutcome> send(List<Submission> submissions) {
        if (submissions.isEmpty()) {
            return List.of();
        }
        try {
            return sender.sendAll(submissions);
        } catch (SmtpException e) {
            return submissions.stream().map(s -> SendOutcome.failure(e)).toList();
        }
    }
}
