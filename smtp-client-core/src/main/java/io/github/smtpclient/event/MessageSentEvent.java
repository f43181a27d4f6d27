package io.github.smtpclient.event;

import io.github.smtpclient.SendResult;

/**
 * The server accepted the message for at least one recipient.
 *
 * @param sequence pairs this end with its {@link MessageStartedEvent}
 * @param result   recipients, final reply, bytes sent and Message-ID
 * @param attempt  which try of a pooled sender succeeded, counting from 1; always 1 for a client used on its own
 */
public record MessageSentEvent(long sequence, SendResult result, int attempt) {

    /**
     * @param sequence pairs this end with its start
     * @param result   what the server accepted
     * @param attempt  the try, from 1
     * @throws IllegalArgumentException if {@code attempt} is below 1
     */
    public MessageSentEvent {
        Attempts.check(attempt);
    }

    /**
     * A message accepted on its first try.
     *
     * @param sequence pairs this end with its start
     * @param result   what the server accepted
     */
    public MessageSentEvent(long sequence, SendResult result) {
        this(sequence, result, 1);
    }

    /**
     * This event, numbered as try {@code attempt}.
     *
     * @param attempt the try, from 1
     * @return a copy with that attempt number
     */
    public MessageSentEvent withAttempt(int attempt) {
        return new MessageSentEvent(sequence, result, attempt);
    }
}
