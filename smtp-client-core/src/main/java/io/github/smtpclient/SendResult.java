package io.github.smtpclient;

import java.util.List;
import java.util.Optional;

/**
 * What happened to one message: which recipients the server accepted and refused, its final reply after the
 * data, and how many bytes crossed the wire. A send that returns a result was accepted for at least one
 * recipient; a send where every recipient was refused throws instead.
 *
 * @param messageId  the Message-ID of the message when known (composed messages, or raw ones that carry it)
 * @param recipients every recipient's RCPT reply, in envelope order
 * @param finalReply the reply to the end of data (final dot or last BDAT)
 * @param bytesSent  message bytes written to the server, after dot-stuffing or chunk framing
 */
public record SendResult(Optional<String> messageId, List<RecipientResult> recipients, Reply finalReply, long bytesSent) {

    /** Copies the recipients. */
    public SendResult {
        recipients = List.copyOf(recipients);
    }

    /** The recipients the server accepted, in envelope order. */
    public List<RecipientResult> acceptedRecipients() {
        return recipients.stream().filter(RecipientResult::isAccepted).toList();
    }

    /** The recipients the server refused, in envelope order. */
    public List<RecipientResult> rejectedRecipients() {
        return recipients.stream().filter(r -> !r.isAccepted()).toList();
    }

    /** Whether some recipients were refused although the message was accepted for others. */
    public boolean isPartial() {
        return recipients.stream().anyMatch(r -> !r.isAccepted());
    }
}
