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
 * @param attempt   which try of a pooled sender this is, counting from 1 (see {@link SendStartedEvent}); always 1
 *                  for a client used on its own. A message tried three times starts up to three times, so count
 *                  messages with {@link SmtpListener#sendFinished}, not with this event
 */
public record MessageStartedEvent(long sequence, Envelope envelope, Optional<String> messageId,
        Optional<String> subject, boolean sensitive, int attempt) {

    /**
     * @param sequence  this message's number on its connection
     * @param envelope  the sender and recipients
     * @param messageId the Message-ID when known
     * @param subject   the Subject header when known
     * @param sensitive whether the content must never be logged
     * @param attempt   the try, from 1
     * @throws IllegalArgumentException if {@code attempt} is below 1
     */
    public MessageStartedEvent {
        Attempts.check(attempt);
    }

    /**
     * The start of a message sent on its first try.
     *
     * @param sequence  this message's number on its connection
     * @param envelope  the sender and recipients
     * @param messageId the Message-ID when known
     * @param subject   the Subject header when known
     * @param sensitive whether the content must never be logged
     */
    public MessageStartedEvent(long sequence, Envelope envelope, Optional<String> messageId,
            Optional<String> subject, boolean sensitive) {
        this(sequence, envelope, messageId, subject, sensitive, 1);
    }

    /**
     * The start of a message, not marked sensitive, sent on its first try.
     *
     * @param sequence  this message's number on its connection
     * @param envelope  the sender and recipients
     * @param messageId the Message-ID when known
     * @param subject   the Subject header when known
     */
    public MessageStartedEvent(long sequence, Envelope envelope, Optional<String> messageId,
            Optional<String> subject) {
        this(sequence, envelope, messageId, subject, false);
    }

    /**
     * This event, numbered as try {@code attempt}.
     *
     * @param attempt the try, from 1
     * @return a copy with that attempt number
     */
    public MessageStartedEvent withAttempt(int attempt) {
        return new MessageStartedEvent(sequence, envelope, messageId, subject, sensitive, attempt);
    }
}
