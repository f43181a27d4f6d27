package io.github.smtpclient.outbox;

/**
 * Where a message stands in the outbox. A message only ever leaves {@link #COMMITTING} for a state that records
 * what the server answered, or for {@link #UNKNOWN}: once the end of data may have gone out, it never goes back to
 * the queue by itself.
 */
public enum OutboxState {
    /** Waiting to be sent, at or after its next attempt time. */
    QUEUED,
    /** Claimed by a worker, whose lease covers it; the end of data has not been sent. */
    SENDING,
    /** The worker is about to send, or has sent, the end of data and waits for the server's verdict. */
    COMMITTING,
    /** Delivered to every recipient that did not fail for good; kept until the retention period ends. */
    SENT,
    /**
     * The end of data may have reached the server, but no verdict came back (connection lost, instance stopped).
     * Kept with its evidence; resent only when an operator retries it, or with the at-least-once setting.
     */
    UNKNOWN,
    /** Given up: refused for good, retries exhausted, or expired. The last reply is kept. */
    DEAD,
    /** Held back by an operator; sent again only after a retry. */
    PARKED;

    /** Whether a worker holds this message right now. */
    public boolean isInFlight() {
        return this == SENDING || this == COMMITTING;
    }
}
