package io.github.smtpclient.log;

import java.util.EnumSet;
import java.util.Set;

/**
 * The built-in protocol log, reached as {@code client.log()}: the SMTP conversation written to the SLF4J logger
 * {@value WireLog#LOGGER_NAME}, with secrets masked (the AUTH command's arguments and every line of the AUTH
 * exchange, both ways). Off by default. Mutable and not thread-safe: configure it before connecting; each connection
 * logs with a copy.
 *
 * <p>The SLF4J logger's own level still applies: the lines are written at INFO (failures at WARN), so a logging
 * configuration that turns {@value WireLog#LOGGER_NAME} down silences them.
 */
public final class LogSettings {

    /** The default {@link #getMaxDataBytes()}: 1024 bytes of each message. */
    public static final int DEFAULT_MAX_DATA_BYTES = 1024;

    private LogLevel level = LogLevel.NONE;
    private LogFilters filters = LogFilters.ALL;
    private Set<LogDetail> details = Set.of(LogDetail.CONNECTION_ID);
    private int maxDataBytes = DEFAULT_MAX_DATA_BYTES;

    /** Settings with the defaults each getter describes. */
    public LogSettings() {
    }

    /** How much is logged (the reference's LogLevel); {@link LogLevel#NONE} by default. */
    public LogLevel getLevel() {
        return level;
    }

    /**
     * Sets how much is logged.
     *
     * @throws IllegalArgumentException if it is null
     */
    public void setLevel(LogLevel level) {
        if (level == null) {
            throw new IllegalArgumentException("log().level must not be null; use LogLevel.NONE for no log");
        }
        this.level = level;
    }

    /** Which commands and events are logged (the reference's LogFilters); {@link LogFilters#ALL} by default. */
    public LogFilters getFilters() {
        return filters;
    }

    /**
     * Sets which commands and events are logged.
     *
     * @throws IllegalArgumentException if it is null
     */
    public void setFilters(LogFilters filters) {
        if (filters == null) {
            throw new IllegalArgumentException("log().filters must not be null; use LogFilters.ALL for everything");
        }
        this.filters = filters;
    }

    /** What each line carries besides its text (the reference's LogDetails); the connection id by default. */
    public Set<LogDetail> getDetails() {
        return details;
    }

    /** Sets what each line carries; {@code null} or empty for the text alone. */
    public void setDetails(Set<LogDetail> details) {
        this.details = details == null || details.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(details));
    }

    /** How many bytes of each message's data are logged at {@link LogLevel#DATA}; the rest is counted, not shown. */
    public int getMaxDataBytes() {
        return maxDataBytes;
    }

    /**
     * Sets how many bytes of each message's data are logged at {@link LogLevel#DATA}.
     *
     * @throws IllegalArgumentException if it is negative or above 1 MiB
     */
    public void setMaxDataBytes(int maxDataBytes) {
        if (maxDataBytes < 0 || maxDataBytes > 1024 * 1024) {
            throw new IllegalArgumentException("log().maxDataBytes must be between 0 and 1048576, was " + maxDataBytes);
        }
        this.maxDataBytes = maxDataBytes;
    }

    /** An independent copy. */
    public LogSettings copy() {
        LogSettings copy = new LogSettings();
        copy.level = level;
        copy.filters = filters;
        copy.details = details;
        copy.maxDataBytes = maxDataBytes;
        return copy;
    }

    @Override
    public String toString() {
        return "LogSettings[level=" + level + ", filters=" + filters + ", details=" + details + ", maxDataBytes="
                + maxDataBytes + "]";
    }
}
