package io.github.smtpclient.boot.autoconfigure;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.smtpclient.log.LogDetail;
import io.github.smtpclient.log.LogLevel;

import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * The {@code smtp.client.log.*} properties: the built-in protocol log, written to the SLF4J logger
 * 'io.github.smtpclient.wire' with secrets masked; drives {@code client.log()}.
 */
public class SmtpLogProperties {

    /** How much is logged: NONE, ERRORS, COMMANDS, COMMANDS_AND_REPLIES or DATA (message data too, never of messages marked sensitive). */
    private LogLevel level = LogLevel.NONE;

    /** What each line carries besides its text: TIMESTAMP, CONNECTION_ID, BYTE_COUNTS. */
    private Set<LogDetail> details = new LinkedHashSet<>(List.of(LogDetail.CONNECTION_ID));

    /** How much of each message's data is logged at level DATA. */
    private DataSize maxDataSize = DataSize.ofKilobytes(1);

    @NestedConfigurationProperty
    private final SmtpLogFilterProperties filters = new SmtpLogFilterProperties();

    public LogLevel getLevel() {
        return level;
    }

    public void setLevel(LogLevel level) {
        this.level = level;
    }

    public Set<LogDetail> getDetails() {
        return details;
    }

    public void setDetails(Set<LogDetail> details) {
        this.details = details;
    }

    public DataSize getMaxDataSize() {
        return maxDataSize;
    }

    public void setMaxDataSize(DataSize maxDataSize) {
        this.maxDataSize = maxDataSize;
    }

    public SmtpLogFilterProperties getFilters() {
        return filters;
    }
}
