package io.github.smtpclient;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one message in a batch: either a {@link SendResult} or the {@link SmtpException} it failed
 * with. One message failing does not stop the batch unless the connection itself was lost.
 */
public final class SendOutcome {

    private final SendResult result;
    private final SmtpException failure;

    private SendOutcome(SendResult result, SmtpException failure) {
        this.result = result;
        this.failure = failure;
    }

    /** The outcome of a message that was sent. */
    public static SendOutcome success(SendResult result) {
        return new SendOutcome(Objects.requireNonNull(result, "result"), null);
    }

    /** The outcome of a message that failed. */
    public static SendOutcome failure(SmtpException failure) {
        return new SendOutcome(null, Objects.requireNonNull(failure, "failure"));
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
