package io.github.smtpclient.outbox;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import io.github.smtpclient.Envelope;
import io.github.smtpclient.SmtpMailSender;
import io.github.smtpclient.message.MailMessage;
import io.github.smtpclient.message.MimeOptions;
import io.github.smtpclient.outbox.internal.EmbeddedDatabase;
import io.github.smtpclient.outbox.internal.OutboxEngine;
import io.github.smtpclient.outbox.internal.SchemaScript;

/**
 * A durable outbox: {@code enqueue} writes a message into a database, in the caller's transaction when there is one,
 * and the outbox's workers deliver it over a pooled {@link SmtpMailSender}, on this instance or any other that shares
 * the database.
 *
 * <pre>{@code
 * try (SmtpOutbox outbox = SmtpOutbox.builder(sender).embedded(Path.of("var/outbox")).build()) {
 *     outbox.start();
 *     UUID id = outbox.enqueue(message);
 * }
 * }</pre>
 *
 * <p>What it guarantees: a message whose enqueue committed is delivered, or ends in DEAD (refused for good, retries
 * exhausted, expired) or UNKNOWN, each with its reason. Before each message's end of data (final dot or last BDAT
 * chunk) its state becomes COMMITTING under the worker's lease, so after a crash, a lost connection or an expired
 * lease at that point it goes to UNKNOWN, never back to the queue: the outbox itself never sends a message twice
 * (unless {@link OutboxSettings#setAtLeastOnce at-least-once} is set or an operator retries an UNKNOWN one). Workers
 * on any number of instances claim with {@code FOR UPDATE SKIP LOCKED}, so no two send the same message at once.
 */
public final class SmtpOutbox implements OutboxEnqueuer, AutoCloseable {

    private final OutboxEngine engine;
    private final String instanceId;

    private SmtpOutbox(OutboxEngine engine, String instanceId) {
        this.engine = engine;
        this.instanceId = instanceId;
    }

    /** Starts building an outbox that delivers over {@code sender}. */
    public static Builder builder(SmtpMailSender sender) {
        return new Builder(sender);
    }

    @Override
    public UUID enqueue(MailMessage message, EnqueueOptions options) {
        return engine.enqueue(null, Objects.requireNonNull(message, "message"),
                Objects.requireNonNull(options, "options"));
    }

    @Override
    public UUID enqueue(Envelope envelope, InputStream content, EnqueueOptions options) {
        return engine.enqueue(null, envelope, Objects.requireNonNull(content, "content"),
                Objects.requireNonNull(options, "options"));
    }

    /**
     * Enqueues on {@code connection}, in whatever transaction it is in: the outbox neither commits nor closes it. For
     * code that manages its own JDBC transactions on the outbox's database.
     */
    public OutboxEnqueuer within(Connection connection) {
        Objects.requireNonNull(connection, "connection");
        return new OutboxEnqueuer() {
            @Override
            public UUID enqueue(MailMessage message, EnqueueOptions options) {
                return engine.enqueue(connection, Objects.requireNonNull(message, "message"),
                        Objects.requireNonNull(options, "options"));
            }

            @Override
            public UUID enqueue(Envelope envelope, InputStream content, EnqueueOptions options) {
                return engine.enqueue(connection, envelope, Objects.requireNonNull(content, "content"),
                        Objects.requireNonNull(options, "options"));
            }
        };
    }

    /** Starts this instance's workers, lease renewal and maintenance. Enqueueing works without. */
    public void start() {
        engine.start();
    }

    /**
     * Stops gracefully: no new claims; batches in flight may finish within the shutdown timeout, after which no
     * further end of data is sent and their remaining messages go back to the queue; then closes an embedded store.
     * The sender is not closed.
     */
    @Override
    public void close() {
        engine.close();
    }

    /** Messages in {@code state}, newest first, without recipients and history. */
    public List<OutboxEntry> list(OutboxState state, int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be between 1 and 10000, was " + limit);
        }
        return engine.list(Objects.requireNonNull(state, "state"), limit);
    }

    /** One message with its recipients and every finished attempt's reply. */
    public Optional<OutboxEntry> find(UUID id) {
        return engine.find(Objects.requireNonNull(id, "id"));
    }

    /**
     * Queues an UNKNOWN, DEAD or PARKED message again, due now, with a fresh attempt budget. For an UNKNOWN one this
     * may deliver it twice: check first. False when the message is in another state or does not exist.
     *
     * @param operator who asks, for the record
     */
    public boolean retry(UUID id, String operator) {
        return engine.retry(Objects.requireNonNull(id, "id"), Objects.requireNonNull(operator, "operator"));
    }

    /** Holds a QUEUED, UNKNOWN or DEAD message back until it is retried. False otherwise. */
    public boolean park(UUID id, String operator) {
        return engine.park(Objects.requireNonNull(id, "id"), Objects.requireNonNull(operator, "operator"));
    }

    /** Deletes a message no worker holds, with its content and history. False otherwise. */
    public boolean delete(UUID id) {
        return engine.delete(Objects.requireNonNull(id, "id"));
    }

    /** How many messages are in each state, in the whole store (every state, zeros included). */
    public Map<OutboxState, Long> depths() {
        return engine.depths();
    }

    /** How long the oldest message that is due has been waiting, if one is. */
    public Optional<Duration> oldestDueAge() {
        return engine.oldestDueAge();
    }

    /** What this instance's workers did since it started. */
    public OutboxStatistics statistics() {
        return engine.statistics();
    }

    /** This instance's name in leases and attempt records. */
    public String instanceId() {
        return instanceId;
    }

    /** Runs the lease, expiry and retention maintenance once, now, instead of waiting for its interval. */
    public void maintainNow() {
        engine.maintainNow();
    }

    /** Builds a {@link SmtpOutbox}. Not thread-safe. */
    public static final class Builder {

        private final SmtpMailSender sender;
        private DataSource dataSource;
        private Path embeddedDirectory;
        private OutboxDialect dialect;
        private CallerTransactions transactions = CallerTransactions.NONE;
        private OutboxSettings settings = new OutboxSettings();
        private MimeOptions mimeOptions = MimeOptions.defaults();
        private Clock clock = Clock.systemUTC();
        private String instanceId;
        private boolean initializeSchema;

        private Builder(SmtpMailSender sender) {
            this.sender = Objects.requireNonNull(sender, "sender");
        }

        /** Keeps the outbox in this database (its schema must exist, or see {@link #initializeSchema}). */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            this.embeddedDirectory = null;
            return this;
        }

        /** Keeps the outbox in an embedded H2 database under {@code directory}, created with its schema on first use. */
        public Builder embedded(Path directory) {
            this.embeddedDirectory = Objects.requireNonNull(directory, "directory");
            this.dataSource = null;
            return this;
        }

        /** The database's dialect; default: detected from the connection (PostgreSQL or H2). */
        public Builder dialect(OutboxDialect dialect) {
            this.dialect = Objects.requireNonNull(dialect, "dialect");
            return this;
        }

        /** How an enqueue finds the caller's transaction; default {@link CallerTransactions#NONE}. */
        public Builder transactions(CallerTransactions transactions) {
            this.transactions = Objects.requireNonNull(transactions, "transactions");
            return this;
        }

        /** The workers' settings (copied). */
        public Builder settings(OutboxSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings").copy();
            return this;
        }

        /**
         * How messages are composed when enqueued. The server is not known then, so the default assumes nothing:
         * 7-bit, no SMTPUTF8, no DSN (see {@link MimeOptions#defaults()}); set what every server you send to offers.
         */
        public Builder mimeOptions(MimeOptions mimeOptions) {
            this.mimeOptions = Objects.requireNonNull(mimeOptions, "mimeOptions");
            return this;
        }

        /** The time source; default the UTC system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** This instance's name in leases (at most 100 characters); default host name, process id and a random part. */
        public Builder instanceId(String instanceId) {
            Objects.requireNonNull(instanceId, "instanceId");
            if (instanceId.isBlank() || instanceId.length() > 100) {
                throw new IllegalArgumentException("instanceId must be 1-100 characters, was \"" + instanceId + "\"");
            }
            this.instanceId = instanceId;
            return this;
        }

        /**
         * Whether {@link #build()} creates the schema's missing tables in the {@link #dataSource} (default false:
         * the application's migrations own its database; the embedded store always creates its own).
         */
        public Builder initializeSchema(boolean initializeSchema) {
            this.initializeSchema = initializeSchema;
            return this;
        }

        /**
         * Opens the store and checks its schema; the workers start with {@link SmtpOutbox#start()}.
         *
         * @throws OutboxException when the store cannot be opened, or its schema is missing
         * @throws IllegalStateException when neither a data source nor an embedded directory was given
         */
        public SmtpOutbox build() {
            String id = instanceId != null ? instanceId : defaultInstanceId();
            if (embeddedDirectory != null) {
                EmbeddedDatabase database = EmbeddedDatabase.open(embeddedDirectory, settings.getWorkers() * 2 + 4);
                return new SmtpOutbox(new OutboxEngine(new OutboxEngine.Parts(database.dataSource(),
                        OutboxDialect.h2(), transactions, sender, settings, mimeOptions, clock, id, database)), id);
            }
            if (dataSource == null) {
                throw new IllegalStateException("Give the outbox a store: dataSource(...) or embedded(directory)");
            }
            OutboxDialect effective = dialect != null ? dialect : OutboxDialect.detect(dataSource);
            if (initializeSchema) {
                SchemaScript.apply(dataSource, effective);
            } else if (!SchemaScript.isPresent(dataSource)) {
                throw new OutboxException("The outbox tables (smtp_outbox_message and others) do not exist: apply "
                        + SchemaScript.files(effective) + " with your migrations (Flyway, Liquibase)"
                        + " or let the outbox create them (initializeSchema(true), smtp.client.outbox.jdbc"
                        + ".initialize-schema=always)");
            }
            return new SmtpOutbox(new OutboxEngine(new OutboxEngine.Parts(dataSource, effective, transactions,
                    sender, settings, mimeOptions, clock, id, null)), id);
        }

        private static String defaultInstanceId() {
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "unknown-host";
            }
            String pid = Long.toString(ProcessHandle.current().pid());
            String random = UUID.randomUUID().toString().substring(0, 8);
            String name = host + "/" + pid + "/" + random;
            return name.length() <= 100 ? name : name.substring(name.length() - 100);
        }
    }
}
