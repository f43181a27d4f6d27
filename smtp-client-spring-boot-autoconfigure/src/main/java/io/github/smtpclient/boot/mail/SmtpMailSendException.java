package io.github.smtpclient.boot.mail;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.smtpclient.SendResult;
import org.jspecify.annotations.Nullable;

import org.springframework.mail.MailSendException;

/**
 * Some messages of a send were not delivered, or not to every recipient. As in Spring's own senders,
 * {@link #getFailedMessages()} maps each such message to its exception: an {@code SmtpException} (classify it with
 * {@code errorCode()}), a {@link RecipientsRefusedException} for a message delivered to only some recipients, or the
 * {@code MessagingException} that made the message unreadable. The first failure is also the cause.
 * {@link #getSendResults()} holds what the server accepted.
 */
public class SmtpMailSendException extends MailSendException {

    private static final long serialVersionUID = 1L;

    private final transient Map<Object, SendResult> sendResults;

    /**
     * @param message        what happened, or {@code null} for Spring's default ("Failed messages: ...")
     * @param failedMessages each message that failed, with why
     * @param sendResults    each message the server accepted for at least one recipient, with its result
     */
    public SmtpMailSendException(@Nullable String message, Map<Object, Exception> failedMessages,
            Map<Object, SendResult> sendResults) {
        super(message, failedMessages.values().stream().findFirst().orElse(null), failedMessages);
        this.sendResults = Collections.unmodifiableMap(new LinkedHashMap<>(sendResults));
    }

    /** The messages the server accepted, for every recipient or (see {@link RecipientsRefusedException}) for some. */
    public Map<Object, SendResult> getSendResults() {
        return sendResults;
    }
}
