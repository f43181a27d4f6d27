package io.github.smtpclient;

import java.io.IOException;
import java.util.Optional;

/**
 * The one exception smtp-client throws for a failed SMTP operation. Classify it with {@link #errorCode()}
 * and the predicates, not by parsing the message; the message is written for a person and says what to do.
 */
public class SmtpException extends IOException {

    private static final long serialVersionUID = 1L;

    private final SmtpErrorCode errorCode;
    private final transient Reply reply;

    public SmtpException(SmtpErrorCode errorCode, String message) {
        this(errorCode, message, null, null);
    }

    public SmtpException(SmtpErrorCode errorCode, String message, Throwable cause) {
        this(errorCode, message, null, cause);
    }

    public SmtpException(SmtpErrorCode errorCode, String message, Reply reply) {
        this(errorCode, message, reply, null);
    }

    public SmtpException(SmtpErrorCode errorCode, String message, Reply reply, Throwable cause) {
        super(reply == null ? message : message + " (server said: " + reply + ")", cause);
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
     * later.
     */
    public boolean isTransient() {
        if (reply != null) {
            return reply.isTransientFailure();
        }
        return errorCode == SmtpErrorCode.TIMEOUT || errorCode == SmtpErrorCode.CONNECTION_CLOSED
                || errorCode == SmtpErrorCode.CONNECT_FAILED || errorCode == SmtpErrorCode.SERVICE_UNAVAILABLE
                || errorCode == SmtpErrorCode.CIRCUIT_OPEN;
    }

    /** True for 5xx replies: retrying the same request will fail again. */
    public boolean isPermanent() {
        return reply != null && reply.isPermanentFailure();
    }

    /** True when the message may have been delivered although the send failed; see {@link SmtpErrorCode#OUTCOME_UNKNOWN}. */
    public boolean isOutcomeUnknown() {
        return errorCode == SmtpErrorCode.OUTCOME_UNKNOWN;
    }
}
