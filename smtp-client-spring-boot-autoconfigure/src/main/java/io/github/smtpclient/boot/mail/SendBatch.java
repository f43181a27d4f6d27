package io.github.smtpclient.boot.mail;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.smtpclient.SendResult;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;

/**
 * The outcome of one {@code send(...)} call of the Spring adapters, message by message, turned into Spring's
 * exceptions as {@code JavaMailSenderImpl} does: each failed message is kept with its exception and the others are
 * still sent; a failure of the server itself (connection, TLS, greeting) fails the remaining messages at once; a
 * rejected login throws {@link MailAuthenticationException} straight away. A partial rejection follows the
 * {@link PartialRejection} policy. Not thread-safe: one per call.
 */
final class SendBatch {

    private static final Log LOG = LogFactory.getLog(SendBatch.class);

    /** Failures that say nothing about the message, so the next message would fail the same way. */
    private static final Set<SmtpErrorCode> SERVER_FAILURES = EnumSet.of(SmtpErrorCode.NOT_CONNECTED,
            SmtpErrorCode.CONNECT_FAILED, SmtpErrorCode.TIMEOUT, SmtpErrorCode.CONNECTION_CLOSED,
            SmtpErrorCode.PROTOCOL_VIOLATION, SmtpErrorCode.SERVICE_UNAVAILABLE, SmtpErrorCode.GREETING_REJECTED,
            SmtpErrorCode.TLS_NOT_AVAILABLE, SmtpErrorCode.TLS_HANDSHAKE_FAILED, SmtpErrorCode.CERTIFICATE_REJECTED,
            SmtpErrorCode.STARTTLS_INJECTION, SmtpErrorCode.AUTH_NOT_SUPPORTED,
            SmtpErrorCode.AUTH_REQUIRES_ENCRYPTION, SmtpErrorCode.AUTH_CHALLENGE_LIMIT);

    private final PartialRejection partialRejection;
    private final Map<Object, Exception> failed = new LinkedHashMap<>();
    private final Map<Object, SendResult> results = new LinkedHashMap<>();

    SendBatch(PartialRejection partialRejection) {
        this.partialRejection = partialRejection;
    }

    /** A message the server accepted for at least one recipient. */
    void sent(Object message, SendResult result) {
        results.put(message, result);
        if (!result.isPartial()) {
            return;
        }
        if (partialRejection == PartialRejection.FAIL) {
            failed.put(message, new RecipientsRefusedException(result));
        } else {
            LOG.warn(RecipientsRefusedException.describe(result));
        }
    }

    /** A message that could not be prepared (its exception is a {@code MessagingException} or similar). */
    void unreadable(Object message, Exception failure) {
        failed.put(message, failure);
    }

    /**
     * A message the client failed to send.
     *
     * @param remaining the messages after it, in order
     * @throws MailException when the rest of the call cannot succeed either: the login was refused, or the server
     *                       failed rather than this message
     */
    void failed(Object message, SmtpException failure, List<?> remaining) {
        if (failure.errorCode() == SmtpErrorCode.AUTH_FAILED) {
            throw new MailAuthenticationException(failure.getMessage(), failure);
        }
        failed.put(message, failure);
        if (SERVER_FAILURES.contains(failure.errorCode())) {
            remaining.forEach(next -> failed.put(next, failure));
            throw new SmtpMailSendException("Mail server connection failed", failed, results);
        }
    }

    /** @throws SmtpMailSendException when any message failed or was delivered to only some recipients */
    void finish() {
        if (!failed.isEmpty()) {
            throw new SmtpMailSendException(null, failed, results);
        }
    }
}
