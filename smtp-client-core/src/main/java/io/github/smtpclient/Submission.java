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
 * @param endOfData called just before the end of the data goes out, and may stop it; {@link EndOfDataHook#NONE}
 *                  for none
 */
public record Submission(Envelope envelope, MessageContent content, String messageId, String subject,
        boolean sensitive, EndOfDataHook endOfData) {

    /** Checks that nothing required is null. */
    public Submission {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(endOfData, "endOfData");
    }

    /** A submission whose end of data nothing holds back. */
    public Submission(Envelope envelope, MessageContent content, String messageId, String subject,
            boolean sensitive) {
        this(envelope, content, messageId, subject, sensitive, EndOfDataHook.NONE);
    }

    /** A submission whose content may be logged at the most verbose log level and whose end nothing holds back. */
    public Submission(Envelope envelope, MessageContent content, String messageId, String subject) {
        this(envelope, content, messageId, subject, false);
    }

    /** A submission without a subject to report. */
    public Submission(Envelope envelope, MessageContent content, String messageId) {
        this(envelope, content, messageId, null);
    }

    /** This submission with other content (a fitted, signed or tracked form of it): every other field is kept. */
    public Submission withContent(MessageContent content) {
        return new Submission(envelope, content, messageId, subject, sensitive, endOfData);
    }

    /** This submission with {@code endOfData} called before its end of data. */
    public Submission withEndOfData(EndOfDataHook endOfData) {
        return new Submission(envelope, content, messageId, subject, sensitive, endOfData);
    }
}
