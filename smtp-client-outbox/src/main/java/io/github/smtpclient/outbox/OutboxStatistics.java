package io.github.smtpclient.outbox;

/**
 * What this outbox instance's workers did since it started: one count per outcome of an attempt, and the leases of
 * any instance that this instance found expired. Queue depths are in the database: see {@link SmtpOutbox#depths()}.
 *
 * @param sent          attempts that left nothing pending (the message is SENT)
 * @param retried       attempts after which some recipients wait for another attempt
 * @param dead          attempts after which the message went to DEAD
 * @param unknown       attempts whose outcome is unknown (the message went to UNKNOWN, or was queued again under
 *                      the at-least-once setting)
 * @param aborted       sends stopped before the end of data (lease lost, store unavailable, shutting down)
 * @param leaseExpiries claimed messages whose worker's lease ran out, found by this instance
 */
public record OutboxStatistics(long sent, long retried, long dead, long unknown, long aborted, long leaseExpiries) {
}
