package io.github.smtpclient.event;

/**
 * A command line sent to the server, without its CRLF.
 *
 * @param line the command as sent, with any credential replaced by {@code ****}
 */
public record CommandEvent(String line) {
}
