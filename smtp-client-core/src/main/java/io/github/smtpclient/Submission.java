package io.github.smtpclient;

import java.util.Objects;


/**
 * One message to send: its envelope and its content.
 *
 * @param envelope  MAIL FROM and RCPT TO
 * @param content   the message bytes
 * @param messageId the Message-ID to report in the result, or null when unknown
 */
public record Submission(Envelope envelope, MessageContent content, String messageId) {

    public Submission {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(content, "content");
    }
}
