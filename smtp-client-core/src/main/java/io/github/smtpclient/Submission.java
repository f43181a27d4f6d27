package io.github.smtpclient;

import java.util.Objects;

/**
 * One message to send: its envelope and its content, with what events and results report about it.
 *
 * @param envelope  MAIL FROM and RCPT TO
 * @param content   the message bytes
 * @param messageId the Message-ID to report in the result, or null when unknown
 * @param subject   the Subject to report in events (for traces), or null when unknown
 * @param sensitive whether the content must never be logged (the protocol log then omits its data)
 */
public record Submission(Envelope envelope, MessageContent content, String messageId, String subject,
        boolean sensitive) {

    public Submission {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(content, "content");
    }

    /** A submission whose content may be logged at the most verbose log level. */
    public Submission(Envelope envelope, MessageContent content, String messageId, String subject) {
        this(envelope, content, messageId, subject, false);
    }

    /** A submission without a subject to report. */
    public Submission(Envelope envelope, MessageContent content, String messageId) {
        this(envelope, content, messageId, null, false);
    }
}
