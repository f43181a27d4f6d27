package io.github.smtpclient.boot.client;

import java.util.List;

import io.github.smtpclient.RecipientResult;
import io.github.smtpclient.SendResult;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.event.MessageStartedEvent;

/**
 * Told about every mail transaction (MAIL FROM to the reply after the data) on the auto-configured clients, from
 * the client's message events (through {@link SmtpTransactionTracker}). Metrics and the message-sent and
 * message-failed ApplicationEvents are built on it. Called on the sending thread; must be fast and not throw.
 */
@FunctionalInterface
public interface SmtpTransactionObserver {

    /**
     * A transaction began.
     *
     * @param message its envelope, and its Message-ID and subject when known
     * @return what to tell when the transaction ends
     */
    Transaction started(MessageStartedEvent message);

    /** The end of one transaction; exactly one method is called, once. */
    interface Transaction {

        /** The server accepted the message for at least one recipient. */
        void succeeded(SendResult result);

        /**
         * The message was not accepted.
         *
         * @param failure    why, as the client reported it
         * @param recipients the RCPT replies received before the failure, possibly none
         * @param bytesSent  message bytes written before the failure
         */
        void failed(SmtpException failure, List<RecipientResult> recipients, long bytesSent);
    }
}
