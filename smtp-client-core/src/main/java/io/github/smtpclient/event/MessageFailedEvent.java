package io.github.smtpclient.event;

import java.util.List;

import io.github.smtpclient.RecipientResult;
import io.github.smtpclient.SmtpException;

/**
 * The message was not accepted (or, for {@link io.github.smtpclient.SmtpErrorCode#OUTCOME_UNKNOWN}, may not have
 * been). A pooled sender may still try it again: {@link SmtpListener#sendRetrying} says when it does.
 *
 * @param sequence   pairs this end with its {@link MessageStartedEvent}
 * @param failure    why; the same exception the send reports
 * @param recipients the RCPT replies received before the failure, possibly none
 * @param bytesSent  message bytes written before the failure
 * @param attempt    which try of a pooled sender failed, counting from 1; always 1 for a client used on its own
 */
public record MessageFailedEvent(long sequence, SmtpException failure, List<RecipientResult> recipients,
        long bytesSent, int attempt) {

    /**
     * Copies the recipients and checks the attempt number.
     *
     * @param sequence   pairs this end with its start
     * @param failure    why
     * @param recipients the RCPT replies received before the failure, copied
     * @param bytesSent  message bytes written before the failure
     * @param attempt    the try, from 1
     * @throws IllegalArgumentException if {@code attempt} is below 1
     */
    public MessageFailedEvent {
        recipients = List.copyOf(recipients);
        Attempts.check(attempt);
    }

    /**
     * A failure of a message's first try.
     *
     * @param sequence   pairs this end with its start
     * @param failure    why
     * @param recipients the RCPT replies received before the failure
     * @param bytesSent  message bytes written before the failure
     */
    public MessageFailedEvent(long sequence, SmtpException failure, List<RecipientResult> recipients,
            long bytesSent) {
        this(sequence, failure, recipients, bytesSent, 1);
    }

    /**
     * This event, numbered as try {@code attempt}.
     *
     * @param attempt the try, from 1
     * @return a copy with that attempt number
     */
    public MessageFailedEvent withAttempt(int attempt) {
        return new MessageFailedEvent(sequence, failure, recipients, bytesSent, attempt);
    }
}
