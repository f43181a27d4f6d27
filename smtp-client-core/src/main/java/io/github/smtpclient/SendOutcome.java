package io.github.smtpclient;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one message in a batch: either a {@link SendResult} or the {@link SmtpException} it failed
 * with. One message failing does not stop the batch unless the connection itself was lost.
 */
public final class SendOutcome {

    private final SendResult result;
    private final SmtpException failure;
    private final List<RecipientResult> recipients;

    private SendOutcome(SendResult result, SmtpException failure, List<RecipientResult> recipients) {
        this.result = result;
        this.failure = failure;
        this.recipients = List.copyOf(recipients);
    }

    /** A message the server accepted. */
    public static SendOutcome success(SendResult result) {
        return new SendOutcome(Objects.requireNonNull(result, "result"), null, result.recipients());
    }

    /** A message that failed before any recipient was asked (or where no RCPT reply is known). */
    public static SendOutcome failure(SmtpException failure) {
        return failure(failure, List.of());
    }

    /** A message that failed after the server answered the RCPT commands in {@code recipients}. */
    public static SendOutcome failure(SmtpException failure, List<RecipientResult> recipients) {
        return new SendOutcome(null, Objects.requireNonNull(failure, "failure"), recipients);
    }

    /** Whether the message was sent. */
    public boolean isSuccess() {
        return result != null;
    }

    /** The result, when the message was sent. */
    public Optional<SendResult> result() {
        return Optional.ofNullable(result);
    }

    /** The failure, when the message was not sent. */
    public Optional<SmtpException> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * The RCPT replies this message got, in envelope order: the result's on success; on failure, those the server
     * gave before the message failed (empty when it failed before RCPT). Tells which recipients were refused for
     * now and which for good, also when every recipient was refused.
     */
    public List<RecipientResult> recipients() {
        return recipients;
    }

    /** The result, or the failure thrown. */
    public SendResult orThrow() throws SmtpException {
        if (failure != null) {
            throw failure;
        }
        return result;
    }

    @Override
    public String toString() {
        return isSuccess() ? "SendOutcome[" + result + "]" : "SendOutcome[failed: " + failure.getMessage() + "]";
    }
}
