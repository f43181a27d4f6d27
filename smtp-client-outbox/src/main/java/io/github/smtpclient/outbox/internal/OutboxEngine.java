package io.github.smtpclient.outbox.internal;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.smtpclient.Envelope;
import io.github.smtpclient.MessageContent;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.SmtpMailSender;
import io.github.smtpclient.message.MailMessage;
import io.github.smtpclient.message.MimeOptions;
import io.github.smtpclient.message.MimeWriter;
import io.github.smtpclient.message.PreparedMessage;
import io.github.smtpclient.message.RawMessage;
import io.github.smtpclient.outbox.CallerTransactions;
import io.github.smtpclient.outbox.EnqueueOptions;
import io.github.smtpclient.outbox.OutboxDialect;
import io.github.smtpclient.outbox.OutboxEntry;
import io.github.smtpclient.outbox.OutboxException;
import io.github.smtpclient.outbox.OutboxSettings;
import io.github.smtpclient.outbox.OutboxState;
import io.github.smtpclient.outbox.OutboxStatistics;

/**
 * What {@link io.github.smtpclient.outbox.SmtpOutbox} runs on: the store's statements, the worker threads, and the
 * scheduler that renews leases and does the maintenance. Public only so the facade in the API package can reach it.
 */
public final class OutboxEngine {

    private static final Logger log = LoggerFactory.getLogger(OutboxEngine.class);

    /**
     * Everything the engine is made of.
     *
     * @param dataSource   where the outbox's tables are
     * @param dialect      that database's dialect
     * @param transactions how to find the caller's transaction
     * @param sender       the pooled sender the workers deliver with
     * @param settings     the workers' settings (copied)
     * @param mimeOptions  how messages are composed when they are enqueued
     * @param clock        the time source
     * @param instanceId   this instance's name in leases
     * @param onClose      closed last, after the workers stopped (the embedded database), or null
     */
    public record Parts(DataSource dataSource, OutboxDialect dialect, CallerTransactions transactions,
            SmtpMailSender sender, OutboxSettings settings, MimeOptions mimeOptions, Clock clock, String instanceId,
            AutoCloseable onClose) {
    }

    private final Parts parts;
    private final OutboxSettings settings;
    private final MessageWriter writer;
    private final DeliveryStore deliveryStore;
    private final AdminStore adminStore;
    private final Maintenance maintenance;
    private final Counters counters = new Counters();
    private final Object wakeUp = new Object();
    private final AtomicBoolean started = new AtomicBoolean();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean stopping;
    private volatile boolean endOfDataForbidden;
    private volatile boolean closed;
    private ScheduledExecutorService scheduler;

    /** An engine that does nothing until {@link #start()}. */
    public OutboxEngine(Parts parts) {
        this.parts = parts;
        this.settings = parts.settings().copy();
        this.writer = new MessageWriter(parts.dialect(), parts.clock(), settings.getChunkSize());
        this.deliveryStore = new DeliveryStore(parts.dataSource(), parts.dialect());
        this.adminStore = new AdminStore(parts.dataSource());
        this.maintenance = new Maintenance(parts.dataSource(), settings.isAtLeastOnce(), settings.getRetention());
    }

    /** Composes and stores a message; on {@code connection} when given, else in the caller's transaction or its own. */
    public UUID enqueue(Connection connection, MailMessage message, EnqueueOptions options) {
        PreparedMessage prepared;
        try {
            prepared = MimeWriter.prepare(message, parts.mimeOptions());
        } catch (SmtpException e) {
            throw new IllegalArgumentException("Cannot compose the message for the outbox: " + e.getMessage(), e);
        }
        try (prepared) {
            StoredHeader header = new StoredHeader(prepared.envelope(), prepared.messageId(),
                    message.subject().orElse(null), switch (prepared.bodyType()) {
                        case SEVEN_BIT -> MessageContent.Encoding.SEVEN_BIT;
                        case EIGHT_BIT_MIME -> MessageContent.Encoding.EIGHT_BIT;
                        case BINARY_MIME -> MessageContent.Encoding.BINARY;
                    }, prepared.needsSmtpUtf8());
            return store(connection, header, options, prepared::writeTo);
        } catch (IOException e) {
            throw new OutboxException("Cannot store the message's content: " + e.getMessage(), e);
        }
    }

    /** Stores a ready-made message read from {@code content}; see {@link #enqueue(Connection, MailMessage, EnqueueOptions)}. */
    public UUID enqueue(Connection connection, Envelope envelope, InputStream content, EnqueueOptions options) {
        RawMessage raw;
        Envelope effective;
        try {
            raw = RawMessage.read(content);
            effective = envelope != null ? envelope : raw.envelope();
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the message's header for the outbox: " + e.getMessage(), e);
        }
        StoredHeader header = new StoredHeader(effective, raw.messageId().orElse(null),
                raw.headerValues("Subject").stream().findFirst().orElse(null), MessageContent.Encoding.EIGHT_BIT, false);
        InputStream body = raw.content(true);
        return store(connection, header, options, out -> body.transferTo(out));
    }

    private UUID store(Connection given, StoredHeader header, EnqueueOptions options,
            MessageWriter.ContentSource content) {
        try {
            if (given != null) {
                return writer.write(given, header, options, content);
            }
            DataSource dataSource = parts.dataSource();
            Connection joined = parts.transactions().current(dataSource);
            if (joined != null) {
                try {
                    return writer.write(joined, header, options, content);
                } finally {
                    parts.transactions().release(joined, dataSource);
                    parts.transactions().afterCommit(this::wakeUp);
                }
            }
            UUID id;
            try (Connection own = dataSource.getConnection()) {
                own.setAutoCommit(false);
                try {
                    id = writer.write(own, header, options, content);
                    own.commit();
                } catch (SQLException | IOException | RuntimeException e) {
                    own.rollback();
                    throw e;
                }
            }
            wakeUp();
            return id;
        } catch (SQLException e) {
            throw new OutboxException("Cannot store the message in the outbox: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new OutboxException("Cannot store the message's content in the outbox: " + e.getMessage(), e);
        }
    }

    /** Starts the workers, the lease renewal and the maintenance. */
    public void start() {
        if (closed) {
            throw new IllegalStateException("This outbox is closed");
        }
        if (!started.compareAndSet(false, true)) {
            return;
        }
        scheduler = Executors.newScheduledThreadPool(1, runnable -> {
            Thread thread = new Thread(runnable, "smtp-outbox-maintenance");
            thread.setDaemon(true);
            return thread;
        });
        long renewEvery = Math.max(1, settings.getLeaseDuration().toMillis() / 3);
        // Both tasks catch and log their own failures, so their futures would never report one; the scheduler's
        // shutdown cancels them.
        scheduleRepeatedly(this::renewLeases, renewEvery, renewEvery);
        long maintainEvery = settings.getMaintenanceInterval().toMillis();
        scheduleRepeatedly(this::maintain, 0, maintainEvery);
        Verdict verdict = new Verdict(settings.getMaxAttempts(), settings.isAtLeastOnce(),
                new Backoff(settings, () -> ThreadLocalRandom.current().nextDouble()));
        for (int i = 1; i <= settings.getWorkers(); i++) {
            DeliveryWorker worker = new DeliveryWorker(parts.dataSource(), deliveryStore, parts.sender(), verdict,
                    counters, parts.clock(), parts.instanceId(), settings.getBatchSize(), settings.getLeaseDuration(),
                    this::checkEndOfDataAllowed);
            Thread thread = new Thread(() -> work(worker), "smtp-outbox-worker-" + i);
            thread.setDaemon(true);
            workers.add(thread);
            thread.start();
        }
    }

    @SuppressWarnings("FutureReturnValueIgnored") // see start(): the tasks report their own failures
    private void scheduleRepeatedly(Runnable task, long initialDelayMillis, long delayMillis) {
        scheduler.scheduleWithFixedDelay(task, initialDelayMillis, delayMillis, TimeUnit.MILLISECONDS);
    }

    private void work(DeliveryWorker worker) {
        while (!stopping) {
            int claimed;
            try {
                claimed = worker.deliverBatch();
            } catch (SQLException | RuntimeException e) {
                log.warn("Outbox worker: {}; trying again in {}", e.toString(), settings.getPollInterval());
                claimed = 0;
            }
            if (claimed == 0) {
                awaitWork();
            }
        }
    }

    // A timed poll: a spurious wake-up only makes the worker look for due messages early, so no loop is needed.
    @SuppressWarnings("WaitNotInLoop")
    private void awaitWork() {
        synchronized (wakeUp) {
            if (stopping) {
                return;
            }
            try {
                wakeUp.wait(settings.getPollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
            }
        }
    }

    /** Makes an idle worker look for due messages now. */
    public void wakeUp() {
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    private void checkEndOfDataAllowed() {
        if (endOfDataForbidden) {
            throw new IllegalStateException("The outbox is shutting down and its grace period is over");
        }
    }

    private void renewLeases() {
        Instant now = parts.clock().instant();
        try {
            deliveryStore.renew(parts.instanceId(), now, now.plus(settings.getLeaseDuration()));
        } catch (SQLException | RuntimeException e) {
            log.warn("Outbox: cannot renew the leases of {}: {}", parts.instanceId(), e.toString());
        }
    }

    private void maintain() {
        try {
            Maintenance.Pass pass = maintenance.run(parts.clock().instant());
            counters.leaseExpiries(pass.leaseExpiries());
            if (pass.leaseExpiries() > 0) {
                log.info("Outbox: {} expired leases taken back ({} queued again, {} to UNKNOWN)",
                        pass.leaseExpiries(), pass.requeued(), pass.unknown());
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("Outbox maintenance failed: {}", e.toString());
        }
    }

    /**
     * Stops claiming, lets the batches in flight finish within the shutdown timeout, then refuses any further end of
     * data (those messages go back to the queue), puts back what this instance claimed but did not start, and closes
     * what the engine owns.
     */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopping = true;
        wakeUp();
        long deadline = System.nanoTime() + settings.getShutdownTimeout().toNanos();
        joinWorkers(deadline);
        if (workers.stream().anyMatch(Thread::isAlive)) {
            endOfDataForbidden = true;
            log.info("Outbox: the shutdown timeout passed with batches in flight; their remaining messages are not"
                    + " ended and go back to the queue");
            joinWorkers(System.nanoTime() + Duration.ofSeconds(10).toNanos());
        }
        if (started.get()) {
            scheduler.shutdownNow();
            try {
                int released = deliveryStore.release(parts.instanceId(), parts.clock().instant());
                if (released > 0) {
                    log.info("Outbox: {} claimed messages released for other instances", released);
                }
            } catch (SQLException | RuntimeException e) {
                log.warn("Outbox: cannot release the claimed messages of {}: {}; their lease will run out",
                        parts.instanceId(), e.toString());
            }
        }
        if (parts.onClose() != null) {
            try {
                parts.onClose().close();
            } catch (Exception e) {
                log.warn("Outbox: closing the store failed: {}", e.toString());
            }
        }
    }

    private void joinWorkers(long deadline) {
        for (Thread worker : workers) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedJoin(worker, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Runs the maintenance once, now (tests and operators). */
    public void maintainNow() {
        maintain();
    }

    /** Entries in a state, newest first. */
    public List<OutboxEntry> list(OutboxState state, int limit) {
        return admin(() -> adminStore.list(state, limit));
    }

    /** One entry with its recipients and attempts. */
    public Optional<OutboxEntry> find(UUID id) {
        return admin(() -> adminStore.find(id));
    }

    /** See {@link AdminStore#retry}. */
    public boolean retry(UUID id, String operator) {
        boolean changed = admin(() -> adminStore.retry(id, operator, parts.clock().instant()));
        if (changed) {
            wakeUp();
        }
        return changed;
    }

    /** See {@link AdminStore#park}. */
    public boolean park(UUID id, String operator) {
        return admin(() -> adminStore.park(id, operator, parts.clock().instant()));
    }

    /** See {@link AdminStore#delete}. */
    public boolean delete(UUID id) {
        return admin(() -> adminStore.delete(id, parts.clock().instant()));
    }

    /** Messages per state. */
    public Map<OutboxState, Long> depths() {
        return admin(adminStore::depths);
    }

    /** How long the oldest due message has waited. */
    public Optional<Duration> oldestDueAge() {
        Instant now = parts.clock().instant();
        return admin(() -> adminStore.oldestDue(now)).map(due -> Duration.between(due, now));
    }

    /** This instance's counts. */
    public OutboxStatistics statistics() {
        return counters.snapshot();
    }

    /** A store query. */
    @FunctionalInterface
    private interface Query<T> {
        T run() throws SQLException;
    }

    private static <T> T admin(Query<T> query) {
        try {
            return query.run();
        } catch (SQLException e) {
            throw new OutboxException("The outbox store failed: " + e.getMessage(), e);
        }
    }
}
