package io.github.smtpclient.event;

import java.util.List;

import io.github.smtpclient.RecipientResult;
import io.github.smtpclient.SmtpException;

/**
 * The message was not accepted (or, for {@link io.github.smtpclient.SmtpErrorCode#OUTCOME_UNKNOWN}, may not have
 * been).
 *
 * @param sequence   pairs this end with its {@link MessageStartedEvent}
 * @param failure    why; the same exception the send reports
 * @param recipients the RCPT replies received before the failure, possibly none
 * @param bytesSent  message bytes written before the failure
 */
public record MessageFailedEvent(long sequence, SmtpException failure, List<RecipientResult> recipients,
        long bytesSent) {

    /** Copies the recipients. */
    public MessageFailedEvent {
        recipients = List.copyOf(recipients);
    }
}
