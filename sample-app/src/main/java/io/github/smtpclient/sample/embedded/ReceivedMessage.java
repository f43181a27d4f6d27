package io.github.smtpclient.sample.embedded;

import java.time.Instant;
import java.util.List;

/**
 * A message as the embedded server received it.
 *
 * @param receivedAt  when the end of its data arrived
 * @param from        the envelope sender (MAIL FROM), empty for a null reverse-path
 * @param to          the envelope recipients (RCPT TO), To, Cc and Bcc alike
 * @param subject     the decoded Subject header, empty when there is none
 * @param size        the message's size in bytes, as received
 * @param attachments the file names of its attachments, in order
 */
public record ReceivedMessage(Instant receivedAt, String from, List<String> to, String subject, long size,
        List<String> attachments) {

    public ReceivedMessage {
        to = List.copyOf(to);
        attachments = List.copyOf(attachments);
    }
}
