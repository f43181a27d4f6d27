package io.github.smtpclient.event;

import java.util.Optional;

import io.github.smtpclient.Envelope;

/**
 * A message's transaction begins: its MAIL FROM is about to be written. Exactly one {@link MessageSentEvent} or
 * {@link MessageFailedEvent} with the same {@link #sequence()} follows. With pipelining the next message may start
 * before the previous one ends.
 *
 * @param sequence  this message's number on its connection, counting from 1; pairs the start with its end
 * @param envelope  the sender and recipients
 * @param messageId the Message-ID when known
 * @param subject   the Subject header when known (for traces; it is personal data, keep it out of metrics)
 * @param sensitive whether the message's content must never be logged or recorded
 *                  ({@link io.github.smtpclient.Submission#sensitive()})
 */
public record MessageStartedEvent(long sequence, Envelope envelope, Optional<String> messageId,
        Optional<String> subject, boolean sensitive) {

    /** A message whose content is not marked sensitive. */
    public MessageStartedEvent(long sequence, Envelope envelope, Optional<String> messageId,
            Optional<String> subject) {
        this(sequence, envelope, messageId, subject, false);
    }
}
