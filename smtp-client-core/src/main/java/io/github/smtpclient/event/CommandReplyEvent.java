package io.github.smtpclient.event;

import io.github.smtpclient.Reply;

/**
 * A reply received from the server.
 *
 * @param command the command (masked) this reply answers, or {@code null} for the greeting
 * @param reply   the reply
 */
public record CommandReplyEvent(String command, Reply reply) {
}
