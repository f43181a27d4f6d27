package io.github.smtpclient.event;

import io.github.smtpclient.SendResult;

/**
 * The server accepted the message for at least one recipient.
 *
 * @param sequence pairs this end with its {@link MessageStartedEvent}
 * @param result   recipients, final reply, bytes sent and Message-ID
 */
public record MessageSentEvent(long sequence, SendResult result) {
}
