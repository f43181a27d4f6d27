package io.github.smtpclient.boot.mail;

import java.util.Objects;
import java.util.stream.Collectors;

import io.github.smtpclient.RecipientResult;
import io.github.smtpclient.SendResult;

/**
 * The server accepted a message for some recipients and refused it for others: the message <em>was delivered</em>
 * to the accepted ones, so sending it again to everyone would duplicate it. Found among the failed messages of a
 * {@link SmtpMailSendException} when {@code smtp.client.mail-sender.partial-rejection} is {@code fail}.
 */
public class RecipientsRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient SendResult result;

    /** @param result the result of the send, with at least one refused recipient */
    public RecipientsRefusedException(SendResult result) {
        super(describe(Objects.requireNonNull(result, "result")));
        this.result = result;
    }

    /** Every recipient's reply, and the reply to the message data. */
    public SendResult getSendResult() {
        return result;
    }

    static String describe(SendResult result) {
        String refused = result.rejectedRecipients().stream()
                .map(recipient -> recipient.address() + " (" + recipient.reply() + ")")
                .collect(Collectors.joining(", "));
        String accepted = result.acceptedRecipients().stream().map(RecipientResult::address)
                .collect(Collectors.joining(", "));
        return "The server refused " + result.rejectedRecipients().size() + " of " + result.recipients().size()
                + " recipients: " + refused + ". The message was delivered to the others (" + accepted + "); send it"
                + " again only to the refused ones, or set smtp.client.mail-sender.partial-rejection=warn to accept"
                + " such sends with a warning.";
    }
}
