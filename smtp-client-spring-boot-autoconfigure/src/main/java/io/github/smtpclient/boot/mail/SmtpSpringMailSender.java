package io.github.smtpclient.boot.mail;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import io.github.smtpclient.SmtpException;
import io.github.smtpclient.SmtpMailSender;
import io.github.smtpclient.boot.client.MailMessageDefaults;
import io.github.smtpclient.message.MailMessage;

import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailSender;
import org.springframework.mail.SimpleMailMessage;

/**
 * Spring's {@link MailSender} on the pooled {@link SmtpMailSender}, for applications with spring-context-support but
 * no Jakarta Mail (with Jakarta Mail, {@link SmtpJavaMailSender} is the {@code MailSender}). Each
 * {@link SimpleMailMessage} is composed as a plain-text {@link MailMessage} (the {@code smtp.client.defaults.*} fill
 * in From, Reply-To and X-Mailer) and sent with the pooled sender's retries. Failures and partial rejections are
 * reported as {@link SmtpJavaMailSender} reports them. Thread-safe.
 */
public final class SmtpSpringMailSender implements MailSender {

    private final SmtpMailSender sender;
    private final MailMessageDefaults defaults;
    private final MailSenderOptions options;

    /**
     * @param sender   the pooled sender every message goes through
     * @param defaults From, Reply-To and X-Mailer for messages without their own
     * @param options  the partial-rejection policy and envelope sender (the encoding is always UTF-8 here)
     */
    public SmtpSpringMailSender(SmtpMailSender sender, MailMessageDefaults defaults, MailSenderOptions options) {
        this.sender = Objects.requireNonNull(sender, "sender");
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public void send(SimpleMailMessage... simpleMessages) throws MailException {
        SendBatch batch = new SendBatch(options.partialRejection());
        List<SimpleMailMessage> all = Arrays.asList(simpleMessages);
        for (int i = 0; i < simpleMessages.length; i++) {
            MailMessage message = toMailMessage(simpleMessages[i]);
            try {
                batch.sent(simpleMessages[i], sender.sendMessage(message));
            } catch (SmtpException e) {
                batch.failed(simpleMessages[i], e, all.subList(i + 1, all.size()));
            }
        }
        batch.finish();
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
            if (options.envelopeFrom() != null) {
                builder.returnPath(options.envelopeFrom());
            }
            builder.plainText(simple.getText() == null ? "" : simple.getText());
            return defaults.applyTo(builder.build());
        } catch (IllegalArgumentException e) {
            throw new MailParseException("Cannot compose the message: " + e.getMessage(), e);
        }
    }
}
