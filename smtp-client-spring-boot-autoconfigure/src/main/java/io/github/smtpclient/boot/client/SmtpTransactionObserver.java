package io.github.smtpclient.boot.client;

import java.util.List;

import io.github.smtpclient.RecipientResult;
import io.github.smtpclient.SendResult;
import io.github.smtpclient.SmtpException;

/**
 * Told about every mail transaction (MAIL FROM to the reply after the data) on the auto-configured clients, as
 * {@link SmtpTransactionTracker} reconstructs them from the client's events. Metrics and the message-sent and
 * message-failed ApplicationEvents are built on it. Called on the sending thread; must be fast and not throw.
 */
@FunctionalInterface
public interface SmtpTransactionObserver {

    /**
     * A transaction began: MAIL FROM was sent.
     *
     * @param sender the envelope sender, empty for a null reverse-path
     * @return what to tell when the transaction ends
     */
    Transaction started(String sender);

    /** The end of one transaction; exactly one method is called, once. */
    interface Transaction {

        /** The server accepted the message for at least one recipient. The result carries no Message-ID. */
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
