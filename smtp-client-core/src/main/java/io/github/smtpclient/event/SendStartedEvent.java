package io.github.smtpclient.event;

import java.util.Optional;

/**
 * A pooled sender ({@link io.github.smtpclient.SmtpMailSender}) began a send: one message, or a batch over one
 * connection. Exactly one {@link SendFinishedEvent} with the same {@link #send()} follows, after the last try; a
 * {@link SendRetryingEvent} comes between for every try that failed and is tried again. The messages' own events
 * ({@link MessageStartedEvent} and its end) come in between too, on the same thread, numbered with their try.
 *
 * @param send     this send's number on its sender, counting from 1; pairs the start with its end
 * @param messages how many messages the send carries: 1, or the size of a batch
 * @param username the user name the send authenticates as when it was made through
 *                 {@code SmtpMailSender.withCredentials}; empty when the sender's own configuration decides
 */
public record SendStartedEvent(long send, int messages, Optional<String> username) {
}
