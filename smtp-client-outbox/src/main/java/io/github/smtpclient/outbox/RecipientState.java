package io.github.smtpclient.outbox;

/** Where one recipient of an outbox message stands. */
public enum RecipientState {
    /** Not yet accepted: sent on the next attempt. */
    PENDING,
    /** The server accepted the message for this recipient. */
    DELIVERED,
    /** Refused for good, or given up on; not sent again unless an operator retries the message. */
    FAILED
}
