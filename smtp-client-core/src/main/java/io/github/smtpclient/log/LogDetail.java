package io.github.smtpclient.log;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What each protocol log line carries besides its text (the reference's LogDetails). */
public enum LogDetail {
    /** The time of the event, UTC to the millisecond, for logging set-ups whose pattern has none. */
    TIMESTAMP,
    /** The connection's number ({@code [#12]}), distinct for every connection in the JVM: tells pooled ones apart. */
    CONNECTION_ID,
    /** The bytes each command, reply and piece of data took on the wire, and each message's total. */
    BYTE_COUNTS;

    /**
     * The details named in {@code text}, separated by commas, semicolons or spaces, in any case, with '-' or '_'
     * between words ({@code timestamp, connection-id}); empty for none.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static Set<LogDetail> parse(String text) {
        Set<LogDetail> details = EnumSet.noneOf(LogDetail.class);
        for (String part : (text == null ? "" : text).split("[,;\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            String name = part.strip().toUpperCase(Locale.ROOT).replace('-', '_');
            try {
                details.add(valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("LogDetails: unknown detail '" + part + "'; known: timestamp,"
                        + " connection-id, byte-counts", e);
            }
        }
        return details;
    }
}
