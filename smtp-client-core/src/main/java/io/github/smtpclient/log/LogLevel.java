package io.github.smtpclient.log;

import java.util.Locale;

/**
 * How much of the SMTP conversation the protocol log shows (the reference's LogLevel); each level includes the ones
 * before it. Secrets are masked at every level.
 */
public enum LogLevel {
    /** Nothing (the default): no log call is made and no adapter is installed. */
    NONE,
    /** Failures only, at SLF4J level WARN. */
    ERRORS,
    /** Also the commands sent, the connection, notifications and each message's outcome, at INFO. */
    COMMANDS,
    /** Also the server's replies. */
    COMMANDS_AND_REPLIES,
    /**
     * Also the message data, up to {@link LogSettings#getMaxDataBytes()} per message, except for a message marked
     * sensitive. The data is the message itself: personal data, perhaps secrets. Use it to debug, not in production.
     */
    DATA;

    /** Whether this level shows what {@code level} shows. */
    public boolean includes(LogLevel level) {
        return compareTo(level) >= 0;
    }

    /**
     * The level named {@code text}: a constant name in any case, with '-', '_' or spaces between the words
     * ({@code commands-and-replies}), or its number 0-4.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static LogLevel parse(String text) {
        String name = text == null ? "" : text.strip().toUpperCase(Locale.ROOT).replaceAll("[-\\s]+", "_");
        if (name.matches("[0-4]")) {
            return values()[Integer.parseInt(name)];
        }
        for (LogLevel level : values()) {
            if (level.name().equals(name)) {
                return level;
            }
        }
        throw new IllegalArgumentException("LogLevel must be one of none, errors, commands, commands-and-replies,"
                + " data (or 0-4), was '" + text + "'");
    }
}
