package io.github.smtpclient.event;

/**
 * Message data transfer progressed.
 */
public final class ProgressEvent {

    private final long bytesSent;
    private final long totalBytes;
    private boolean cancelled;

    /** An event for this much of the message sent so far. */
    public ProgressEvent(long bytesSent, long totalBytes) {
        this.bytesSent = bytesSent;
        this.totalBytes = totalBytes;
    }

    /** Message bytes handed to the connection so far (before dot-stuffing). */
    public long bytesSent() {
        return bytesSent;
    }

    /** The message size when known in advance, otherwise -1. */
    public long totalBytes() {
        return totalBytes;
    }

    /**
     * Stops the transfer. The connection is then closed (the server cannot be told to discard half a DATA
     * transfer reliably), and the send fails with {@link io.github.smtpclient.SmtpErrorCode#CANCELLED}.
     */
    public void cancel() {
        cancelled = true;
    }

    /** Whether a listener asked to stop the transfer. */
    public boolean isCancelled() {
        return cancelled;
    }
}
