package io.github.smtpclient.boot.mail;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.SmtpMailSender;
import io.github.smtpclient.boot.client.MailMessageDefaults;
import io.github.smtpclient.message.MailMessage;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.MailSender;
import org.springframework.mail.SimpleMailMessage;

/**
 * Spring's {@link MailSender} on the pooled {@link SmtpMailSender}, so code written for
 * {@code spring-boot-starter-mail} that sends {@link SimpleMailMessage}s works unchanged. Each message is composed
 * as a plain-text {@link MailMessage} (the {@code smtp.client.defaults.*} fill in From, Reply-To and X-Mailer) and
 * sent with the pooled sender's retries. Thread-safe.
 */
public final class SmtpSpringMailSender implements MailSender {

    private final SmtpMailSender sender;
    private final MailMessageDefaults defaults;

    /** A MailSender sending through the pooled sender, filling in the defaults. */
    public SmtpSpringMailSender(SmtpMailSender sender, MailMessageDefaults defaults) {
        this.sender = Objects.requireNonNull(sender, "sender");
        this.defaults = Objects.requireNonNull(defaults, "defaults");
    }

    @Override
    public void send(SimpleMailMessage... simpleMessages) throws MailException {
        Map<Object, Exception> failures = new LinkedHashMap<>();
        for (SimpleMailMessage simpleMessage : simpleMessages) {
            MailMessage message = toMailMessage(simpleMessage);
            try {
                sender.sendMessage(message);
            } catch (SmtpException e) {
                if (e.errorCode() == SmtpErrorCode.AUTH_FAILED) {
                    throw new MailAuthenticationException(e);
                }
                failures.put(simpleMessage, e);
            }
        }
        if (!failures.isEmpty()) {
            throw new MailSendException(failures);
        }
    }

    private MailMessage toMailMessage(SimpleMailMessage simple) {
        try {
            MailMessage.Builder builder = MailMessage.builder();
            if (simple.getFrom() != null) {
                builder.from(simple.getFrom());
            }
            if (simple.getReplyTo() != null) {
                builder.replyTo(simple.getReplyTo());
            }
            if (simple.getTo() != null) {
                builder.to(simple.getTo());
            }
            if (simple.getCc() != null) {
                builder.cc(simple.getCc());
            }
            if (simple.getBcc() != null) {
                builder.bcc(simple.getBcc());
            }
            if (simple.getSentDate() != null) {
                builder.date(simple.getSentDate().toInstant().atZone(ZoneId.systemDefault()));
            }
            if (simple.getSubject() != null) {
                builder.subject(simple.getSubject());
            }
            builder.plainText(simple.getText() == null ? "" : simple.getText());
            return defaults.applyTo(builder.build());
        } catch (IllegalArgumentException e) {
            throw new MailParseException("Cannot compose the message: " + e.getMessage(), e);
        }
    }
}
