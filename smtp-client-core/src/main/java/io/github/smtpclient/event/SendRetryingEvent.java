package io.github.smtpclient.event;

import java.time.Duration;

import io.github.smtpclient.SmtpException;

/**
 * A try of a pooled send failed before anything could have been delivered, and the sender will try again after a
 * pause, as its {@code RetryPolicy} says.
 *
 * @param send    pairs this event with its {@link SendStartedEvent}
 * @param attempt the try that failed, counting from 1; the next one is {@code attempt + 1}
 * @param failure why it failed
 * @param pause   how long the sender waits before the next try
 */
public record SendRetryingEvent(long send, int attempt, SmtpException failure, Duration pause) {
}
