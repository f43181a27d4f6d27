package io.github.smtpclient;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What happened to one message: which recipients the server accepted and refused, its final reply after the
 * data, how many bytes crossed the wire, and what the message asked for that the transaction went without. A send
 * that returns a result was accepted for at least one recipient; a send where every recipient was refused throws
 * instead.
 *
 * @param messageId  the Message-ID of the message when known (composed messages, or raw ones that carry it)
 * @param recipients every recipient's RCPT reply, in envelope order
 * @param finalReply the reply to the end of data (final dot or last BDAT)
 * @param bytesSent  message bytes written to the server, after dot-stuffing or chunk framing
 * @param downgrades what the message asked for and was sent without, because the server or the connection could
 *                   not give it and the message's policy allowed sending anyway; empty when it got all it asked for
 */
public record SendResult(Optional<String> messageId, List<RecipientResult> recipients, Reply finalReply, long bytesSent,
        Set<Downgrade> downgrades) {

    /** What a message asked for and went without; each also raised a notification when the send left it out. */
    public enum Downgrade {
        /**
         * Delivery status notification parameters (RFC 3461 NOTIFY, ORCPT, RET, ENVID, or a delivery receipt): the
         * server does not offer DSN, so the server's default notifications apply.
         */
        DSN,
        /**
         * RFC 8689 REQUIRETLS, asked for with {@link RequireTlsPolicy#OPPORTUNISTIC}: the server does not advertise
         * it or the connection is not TLS with a validated certificate, so the servers on the way may relay the
         * message without TLS.
         */
        REQUIRETLS,
        /** The RFC 6710 MT-PRIORITY: the server does not offer it, so it handles the message at its default priority. */
        MT_PRIORITY
    }

    /** Copies the recipients and the downgrades. */
    public SendResult {
        recipients = List.copyOf(recipients);
        downgrades = downgrades.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(downgrades));
    }

    /** A result of a message that got everything it asked for. */
    public SendResult(Optional<String> messageId, List<RecipientResult> recipients, Reply finalReply, long bytesSent) {
        this(messageId, recipients, finalReply, bytesSent, Set.of());
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

    /** Whether the message was sent without {@code downgrade}, which it asked for. */
    public boolean isDowngraded(Downgrade downgrade) {
        return downgrades.contains(downgrade);
    }
}
