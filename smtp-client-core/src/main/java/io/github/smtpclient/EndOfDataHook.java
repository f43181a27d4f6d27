package io.github.smtpclient;

import java.util.List;

/**
 * The caller's last word before the server can commit a message. The engine calls it on the sending thread once the
 * envelope was accepted and every byte of the data has been written except its end (the final dot, or the last
 * BDAT chunk), so nothing the server could have committed has left the client yet. A durable queue records here that
 * the message is about to be committed: after a crash it then knows the outcome is unknown, instead of sending again.
 *
 * <p>When the hook throws, the end of data is never sent: the connection is closed at once (the server discards a
 * message whose data did not end) and the message fails with {@link SmtpErrorCode#ABORTED_BEFORE_END_OF_DATA}.
 */
@FunctionalInterface
public interface EndOfDataHook {

    /** Lets every message be ended. */
    EndOfDataHook NONE = recipients -> { };

    /**
     * Called once per message, just before its end of data is written.
     *
     * @param recipients every recipient's RCPT reply, in envelope order (at least one was accepted)
     * @throws Exception to stop the message from being ended; the connection is then closed
     */
    void beforeEndOfData(List<RecipientResult> recipients) throws Exception;
}
