package io.github.smtpclient.boot.outbox;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

import io.github.smtpclient.outbox.OutboxSettings;

/**
 * Settings of the durable outbox ({@code smtp.client.outbox.*}). Defaults are those of {@link OutboxSettings}.
 */
@ConfigurationProperties("smtp.client.outbox")
public class SmtpOutboxProperties {

    /** Where the outbox keeps its messages. */
    public enum Store {
        /** The application's DataSource when it has exactly one, else the embedded H2 database. */
        AUTO,
        /** The embedded H2 database under {@code smtp.client.outbox.embedded.directory}. */
        EMBEDDED,
        /** The application's DataSource; startup fails without one. */
        DATASOURCE
    }

    /** When the outbox creates its own tables in the application's DataSource. */
    public enum InitializeSchema {
        /** Never: Flyway, Liquibase or the application's own migrations apply the shipped SQL. */
        NEVER,
        /** At startup, whatever of the schema is missing (idempotent statements). */
        ALWAYS
    }

    /** Whether to create the outbox and start its workers. */
    private boolean enabled;

    /** Where the outbox keeps its messages. */
    private Store store = Store.AUTO;

    /** This instance's name in leases, for example the pod name; default host name, process id and a random part. */
    private @Nullable String instanceId;

    /** Worker threads on this instance, each sending one batch at a time over one pooled connection. */
    private int workers = 2;

    /** Messages a worker claims at once and sends pipelined over one connection. */
    private int batchSize = 20;

    /** How long an idle worker waits before looking for due messages again. */
    private Duration pollInterval = Duration.ofSeconds(1);

    /** How long a claim holds a message without renewal; kept well above the clock skew between instances. */
    private Duration leaseDuration = Duration.ofMinutes(1);

    /** How often expired leases, expired messages and the retention purge are looked after. */
    private Duration maintenanceInterval = Duration.ofSeconds(5);

    /** Attempts before a message that keeps failing for now goes to DEAD. */
    private int maxAttempts = 10;

    /** The pause after the first failed attempt. */
    private Duration initialBackoff = Duration.ofSeconds(30);

    /** How much each further pause grows. */
    private double backoffMultiplier = 2.0;

    /** The longest pause between attempts. */
    private Duration maxBackoff = Duration.ofHours(1);

    /** The random share of each pause, 0 to 1. */
    private double jitter = 0.2;

    /** Whether a message whose outcome is unknown is queued again (a recipient may then get it twice). */
    private boolean atLeastOnce;

    /** How long SENT messages are kept before they are purged. */
    private Duration retention = Duration.ofDays(7);

    /** How long a shutdown lets in-flight batches finish before it stops their ends of data. */
    private Duration shutdownTimeout = Duration.ofSeconds(30);

    /** The size of the pieces content is stored in, in bytes (at most 1 MiB). */
    private int chunkSize = 256 * 1024;

    private final Embedded embedded = new Embedded();

    private final Jdbc jdbc = new Jdbc();

    private final Health health = new Health();

    /** Returns whether the outbox is on. */
    public boolean isEnabled() {
        return enabled;
    }

    /** Sets whether the outbox is on. */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** Returns where messages are kept. */
    public Store getStore() {
        return store;
    }

    /** Sets where messages are kept. */
    public void setStore(Store store) {
        this.store = store;
    }

    /** Returns this instance's name in leases, or null for the default. */
    public @Nullable String getInstanceId() {
        return instanceId;
    }

    /** Sets this instance's name in leases. */
    public void setInstanceId(@Nullable String instanceId) {
        this.instanceId = instanceId;
    }

    /** Returns worker threads. */
    public int getWorkers() {
        return workers;
    }

    /** Sets worker threads. */
    public void setWorkers(int workers) {
        this.workers = workers;
    }

    /** Returns messages per claim. */
    public int getBatchSize() {
        return batchSize;
    }

    /** Sets messages per claim. */
    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    /** Returns the idle wait. */
    public Duration getPollInterval() {
        return pollInterval;
    }

    /** Sets the idle wait. */
    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    /** Returns the lease duration. */
    public Duration getLeaseDuration() {
        return leaseDuration;
    }

    /** Sets the lease duration. */
    public void setLeaseDuration(Duration leaseDuration) {
        this.leaseDuration = leaseDuration;
    }

    /** Returns the maintenance interval. */
    public Duration getMaintenanceInterval() {
        return maintenanceInterval;
    }

    /** Sets the maintenance interval. */
    public void setMaintenanceInterval(Duration maintenanceInterval) {
        this.maintenanceInterval = maintenanceInterval;
    }

    /** Returns attempts before DEAD. */
    public int getMaxAttempts() {
        return maxAttempts;
    }

    /** Sets attempts before DEAD. */
    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    /** Returns the first pause. */
    public Duration getInitialBackoff() {
        return initialBackoff;
    }

    /** Sets the first pause. */
    public void setInitialBackoff(Duration initialBackoff) {
        this.initialBackoff = initialBackoff;
    }

    /** Returns the pause growth. */
    public double getBackoffMultiplier() {
        return backoffMultiplier;
    }

    /** Sets the pause growth. */
    public void setBackoffMultiplier(double backoffMultiplier) {
        this.backoffMultiplier = backoffMultiplier;
    }

    /** Returns the longest pause. */
    public Duration getMaxBackoff() {
        return maxBackoff;
    }

    /** Sets the longest pause. */
    public void setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
    }

    /** Returns the random share of a pause. */
    public double getJitter() {
        return jitter;
    }

    /** Sets the random share of a pause. */
    public void setJitter(double jitter) {
        this.jitter = jitter;
    }

    /** Returns whether unknown outcomes are queued again. */
    public boolean isAtLeastOnce() {
        return atLeastOnce;
    }

    /** Sets whether unknown outcomes are queued again. */
    public void setAtLeastOnce(boolean atLeastOnce) {
        this.atLeastOnce = atLeastOnce;
    }

    /** Returns how long SENT messages are kept. */
    public Duration getRetention() {
        return retention;
    }

    /** Sets how long SENT messages are kept. */
    public void setRetention(Duration retention) {
        this.retention = retention;
    }

    /** Returns the graceful shutdown's limit. */
    public Duration getShutdownTimeout() {
        return shutdownTimeout;
    }

    /** Sets the graceful shutdown's limit. */
    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    /** Returns the chunk size. */
    public int getChunkSize() {
        return chunkSize;
    }

    /** Sets the chunk size. */
    public void setChunkSize(int chunkSize) {
        this.chunkSize = chunkSize;
    }

    /** Returns the embedded store's settings. */
    public Embedded getEmbedded() {
        return embedded;
    }

    /** Returns the settings for the application's DataSource. */
    public Jdbc getJdbc() {
        return jdbc;
    }

    /** Returns the health indicator's settings. */
    public Health getHealth() {
        return health;
    }

    /** These properties as the outbox's settings; each value is checked there and named when it is out of range. */
    OutboxSettings toSettings() {
        return new OutboxSettings().setWorkers(workers).setBatchSize(batchSize).setPollInterval(pollInterval)
                .setLeaseDuration(leaseDuration).setMaintenanceInterval(maintenanceInterval).setMaxAttempts(maxAttempts)
                .setInitialBackoff(initialBackoff).setBackoffMultiplier(backoffMultiplier).setMaxBackoff(maxBackoff)
                .setJitter(jitter).setAtLeastOnce(atLeastOnce).setRetention(retention)
                .setShutdownTimeout(shutdownTimeout).setChunkSize(chunkSize);
    }

    /** The embedded H2 store. */
    public static class Embedded {

        /** The directory of the embedded database, created on first use; one process at a time. */
        private Path directory = Path.of("smtp-outbox");

        /** Returns the database's directory. */
        public Path getDirectory() {
            return directory;
        }

        /** Sets the database's directory. */
        public void setDirectory(Path directory) {
            this.directory = directory;
        }
    }

    /** The outbox in the application's DataSource. */
    public static class Jdbc {

        /** Whether the outbox creates its own tables when no Flyway or Liquibase of the application's does it. */
        private InitializeSchema initializeSchema = InitializeSchema.NEVER;

        /**
         * Whether the outbox applies its shipped migrations with the application's Flyway or Liquibase (own history
         * table). Turn off when you copied the SQL into your own migrations.
         */
        private boolean migrate = true;

        /** Returns when the outbox creates its tables. */
        public InitializeSchema getInitializeSchema() {
            return initializeSchema;
        }

        /** Sets when the outbox creates its tables. */
        public void setInitializeSchema(InitializeSchema initializeSchema) {
            this.initializeSchema = initializeSchema;
        }

        /** Returns whether Flyway or Liquibase applies the schema. */
        public boolean isMigrate() {
            return migrate;
        }

        /** Sets whether Flyway or Liquibase applies the schema. */
        public void setMigrate(boolean migrate) {
            this.migrate = migrate;
        }
    }

    /** The {@code smtpOutbox} health indicator. */
    public static class Health {

        /** DOWN when the oldest due message has waited longer than this. */
        private Duration maxOldestDueAge = Duration.ofMinutes(10);

        /** Returns the threshold. */
        public Duration getMaxOldestDueAge() {
            return maxOldestDueAge;
        }

        /** Sets the threshold. */
        public void setMaxOldestDueAge(Duration maxOldestDueAge) {
            this.maxOldestDueAge = maxOldestDueAge;
        }
    }
}
