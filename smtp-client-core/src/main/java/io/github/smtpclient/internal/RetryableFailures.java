package io.github.smtpclient.internal;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;

/**
 * Which failures {@link io.github.smtpclient.SmtpMailSender} may retry: those that happened before the end of the
 * message data was sent. The engine reports every failure after the end of data as OUTCOME_UNKNOWN or
 * MESSAGE_REJECTED (a 421 there included), so the codes below only arise before it; the
 * {@link io.github.smtpclient.RetryPolicy} Javadoc is the user-facing version.
 */
public final class RetryableFailures {

    /**
     * The session could not be opened, or was lost or closed (421) before the end of data, or had used the
     * transactions its server allows (LIMITS MAILMAX) before the message started.
     */
    private static final Set<SmtpErrorCode> LOST_BEFORE_DATA = EnumSet.of(SmtpErrorCode.CONNECT_FAILED,
            SmtpErrorCode.TIMEOUT, SmtpErrorCode.CONNECTION_CLOSED, SmtpErrorCode.SERVICE_UNAVAILABLE,
            SmtpErrorCode.TRANSACTION_LIMIT_REACHED);

    /**
     * The envelope was refused, so no data was sent; retryable only when the refusal is temporary (4xx, or 552 to
     * RCPT).
     * RECIPIENT_REJECTED is all-or-nothing delivery refusing to send while a recipient was refused.
     */
    private static final Set<SmtpErrorCode> ENVELOPE_REFUSED = EnumSet.of(SmtpErrorCode.SENDER_REJECTED,
            SmtpErrorCode.ALL_RECIPIENTS_REJECTED, SmtpErrorCode.RECIPIENT_REJECTED);

    private RetryableFailures() {
    }

    /**
     * Whether a failed try may be repeated.
     *
     * @param failure why the try failed
     * @return true when nothing of the message can have been committed and the failure may pass
     */
    public static boolean isRetryable(SmtpException failure) {
        if (failure.getCause() instanceof TimeoutException) {
            // The pool's borrow timeout: the wait for a free connection is over, waiting again would double it.
            return false;
        }
        SmtpErrorCode code = failure.errorCode();
        return LOST_BEFORE_DATA.contains(code) || (ENVELOPE_REFUSED.contains(code) && failure.isTransient());
    }
}
