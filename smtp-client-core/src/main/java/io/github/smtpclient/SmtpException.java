package io.github.smtpclient;

import java.io.IOException;
import java.util.Optional;

import io.github.smtpclient.text.PrintableText;

/**
 * The one exception smtp-client throws for a failed SMTP operation. Classify it with {@link #errorCode()}
 * and the predicates, not by parsing the message; the message is written for a person and says what to do.
 * Text in it that came from elsewhere (the server's reply, a certificate's names, a value the caller passed) has its
 * control, format (bidi) and separator characters escaped (see {@link PrintableText}); the raw reply is
 * {@link #reply()}.
 */
public class SmtpException extends IOException {

    private static final long serialVersionUID = 1L;

    private final SmtpErrorCode errorCode;
    private final transient Reply reply;

    /** A failure without a server reply. */
    public SmtpException(SmtpErrorCode errorCode, String message) {
        this(errorCode, message, null, null);
    }

    /** A failure without a server reply, caused by another exception. */
    public SmtpException(SmtpErrorCode errorCode, String message, Throwable cause) {
        this(errorCode, message, null, cause);
    }

    /** A failure the server's reply explains; the message quotes it. */
    public SmtpException(SmtpErrorCode errorCode, String message, Reply reply) {
        this(errorCode, message, reply, null);
    }

    /** A failure the server's reply explains, caused by another exception. */
    public SmtpException(SmtpErrorCode errorCode, String message, Reply reply, Throwable cause) {
        super(PrintableText.escape(reply == null ? message : message + " (server said: " + reply + ")"), cause);
        this.errorCode = errorCode;
        this.reply = reply;
    }

    /** The stable classification of this failure. */
    public SmtpErrorCode errorCode() {
        return errorCode;
    }

    /** The server reply that caused the failure, when there was one. */
    public Optional<Reply> reply() {
        return Optional.ofNullable(reply);
    }

    /** The server's reply code, or 0 when the failure did not come from a reply. */
    public int replyCode() {
        return reply == null ? 0 : reply.code();
    }

    /** The enhanced status code of the server's reply, when it had one. */
    public Optional<EnhancedStatusCode> enhancedStatus() {
        return reply == null ? Optional.empty() : reply.enhancedStatus();
    }

    /**
     * True for 4xx replies, timeouts, dropped connections and an open circuit breaker: the same request may succeed
     * later. A refusal of recipients that carries a 552 counts as temporary too (RFC 5321 4.5.3.1.10, see
     * {@link RecipientResult#isTransientFailure()}).
     */
    public boolean isTransient() {
        if (reply != null) {
            return reply.isTransientFailure() || (refusesRecipients() && reply.code() == 552);
        }
        return errorCode == SmtpErrorCode.TIMEOUT || errorCode == SmtpErrorCode.CONNECTION_CLOSED
                || errorCode == SmtpErrorCode.CONNECT_FAILED || errorCode == SmtpErrorCode.SERVICE_UNAVAILABLE
                || errorCode == SmtpErrorCode.CIRCUIT_OPEN;
    }

    /** True for 5xx replies (but a 552 refusing recipients, see {@link #isTransient()}): retrying will fail again. */
    public boolean isPermanent() {
        return reply != null && reply.isPermanentFailure() && !(refusesRecipients() && reply.code() == 552);
    }

    /** Whether the reply carried is a RCPT reply. */
    private boolean refusesRecipients() {
        return errorCode == SmtpErrorCode.ALL_RECIPIENTS_REJECTED || errorCode == SmtpErrorCode.RECIPIENT_REJECTED;
    }

    /** True when the message may have been delivered although the send failed; see {@link SmtpErrorCode#OUTCOME_UNKNOWN}. */
    public boolean isOutcomeUnknown() {
        return errorCode == SmtpErrorCode.OUTCOME_UNKNOWN;
    }
}
