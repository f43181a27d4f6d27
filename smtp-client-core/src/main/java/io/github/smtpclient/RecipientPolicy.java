package io.github.smtpclient;

/**
 * What a send does when the server refuses some recipients of a message and accepts others. Set for a client with
 * {@link TransferSettings#setRecipientPolicy(RecipientPolicy)}, and for one message with
 * {@link Envelope.Builder#recipientPolicy(RecipientPolicy)}, which wins.
 */
public enum RecipientPolicy {

    /**
     * Deliver to the recipients the server accepted (the default, as every SMTP client does): the result lists the
     * refused ones ({@link SendResult#rejectedRecipients()}). A send fails only when every recipient was refused.
     */
    PARTIAL,

    /**
     * Deliver to every recipient or to none: if the server refuses any recipient, the transaction is reset (RSET), no
     * message data is sent, and the send fails with {@link SmtpErrorCode#RECIPIENT_REJECTED}. With PIPELINING the
     * client waits for the RCPT replies before it sends DATA (one more round trip per message), because a server that
     * answered a pipelined DATA with 354 would deliver whatever followed to the recipients it accepted.
     */
    ALL_OR_NOTHING
}
