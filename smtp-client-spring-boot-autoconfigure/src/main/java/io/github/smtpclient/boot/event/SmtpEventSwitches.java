package io.github.smtpclient.boot.event;

/**
 * Which chatty events are published; the others (before-auth, certificate, error, notification, message sent and
 * failed) always are.
 *
 * @param command      one event per command sent
 * @param commandReply one event per reply received
 * @param commandData  one event per buffer of message data
 * @param progress     progress of message data transfers
 */
public record SmtpEventSwitches(boolean command, boolean commandReply, boolean commandData, boolean progress) {
}
