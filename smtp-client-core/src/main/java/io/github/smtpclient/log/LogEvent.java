package io.github.smtpclient.log;

/** The kinds of protocol log lines that are not commands, replies or data, for {@link LogFilters}. */
public enum LogEvent {
    /** Connected (address, proxy, implicit TLS), the server's greeting, disconnected. */
    CONNECTION,
    /** Notices that are not errors: TLS not offered, fallbacks, rejected recipients, certificate verdicts. */
    NOTIFICATION,
    /** Failures. */
    ERROR,
    /** Each message's outcome: accepted (with its final reply) or failed. */
    MESSAGE
}
