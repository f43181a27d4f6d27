package io.github.smtpclient.boot.mail;

import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import io.github.smtpclient.SmtpException;
import io.github.smtpclient.SmtpMailSender;
import io.github.smtpclient.boot.client.MailMessageDefaults;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMailMessage;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Spring's {@link JavaMailSender} on the pooled {@link SmtpMailSender}, so that code written for
 * {@code spring-boot-starter-mail} ({@link MimeMessageHelper} with multipart, inline resources, attachments) works
 * unchanged and gets pooling, pipelining, retries and finite timeouts. Thread-safe.
 *
 * <p>Each {@link MimeMessage} is prepared as Spring's {@code JavaMailSenderImpl} prepares it (sent date,
 * {@code saveChanges()}, an explicit Message-ID kept), its envelope is taken from its recipients (To, Cc, Bcc) and its
 * bytes are streamed through {@link MimeMessage#writeTo} into the connection without its Bcc field, never held whole.
 * A {@link SimpleMailMessage} becomes a MimeMessage first, as in Spring. Messages without From, Reply-To or X-Mailer
 * get {@code smtp.client.defaults.*}.
 *
 * <p>Failures become Spring's exceptions with the {@code SmtpException} kept as the cause:
 * {@link org.springframework.mail.MailAuthenticationException} for a refused login, a {@link SmtpMailSendException}
 * (a {@link org.springframework.mail.MailSendException}) listing each failed message, and
 * {@link org.springframework.mail.MailParseException} for content that cannot be parsed. A message delivered to only
 * some recipients fails too, unless {@link PartialRejection#WARN} is chosen.
 */
public final class SmtpJavaMailSender implements JavaMailSender {

    private final SmtpMailSender sender;
    private final MailMessageDefaults defaults;
    private final MailSenderOptions options;
    private final MimeMessageFactory messages;

    /**
     * @param sender   the pooled sender every message goes through
     * @param defaults From, Reply-To and X-Mailer for messages without their own
     * @param options  default encoding, partial-rejection policy and envelope sender
     */
    public SmtpJavaMailSender(SmtpMailSender sender, MailMessageDefaults defaults, MailSenderOptions options) {
        this.sender = Objects.requireNonNull(sender, "sender");
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        this.options = Objects.requireNonNull(options, "options");
        this.messages = new MimeMessageFactory(options.defaultEncoding());
    }

    /** A new message that {@link MimeMessageHelper} fills with {@code smtp.client.mail-sender.default-encoding}. */
    @Override
    public MimeMessage createMimeMessage() {
        return messages.create();
    }

    /**
     * A message parsed from RFC 5322 bytes. Jakarta Mail reads the stream into memory unless it is a
     * {@code SharedInputStream}; a large ready-made message is better sent with {@link SmtpMailSender#sendFile}.
     */
    @Override
    public MimeMessage createMimeMessage(InputStream contentStream) throws MailException {
        return messages.create(contentStream);
    }

    @Override
    public void send(MimeMessage... mimeMessages) throws MailException {
        send(mimeMessages, mimeMessages);
    }

    @Override
    public void send(SimpleMailMessage... simpleMessages) throws MailException {
        MimeMessage[] mimeMessages = new MimeMessage[simpleMessages.length];
        for (int i = 0; i < simpleMessages.length; i++) {
            MimeMailMessage message = new MimeMailMessage(createMimeMessage());
            simpleMessages[i].copyTo(message);
            mimeMessages[i] = message.getMimeMessage();
        }
        send(mimeMessages, simpleMessages);
    }

    /** @param originals what the caller passed, which the failures are reported against */
    private void send(MimeMessage[] mimeMessages, Object[] originals) {
        SendBatch batch = new SendBatch(options.partialRejection());
        List<Object> all = Arrays.asList(originals);
        for (int i = 0; i < mimeMessages.length; i++) {
            try {
                batch.sent(originals[i], sender.send(MimeMessageSubmission.of(mimeMessages[i], defaults,
                        options.envelopeFrom())));
            } catch (MessagingException e) {
                batch.unreadable(originals[i], e);
            } catch (SmtpException e) {
                batch.failed(originals[i], e, all.subList(i + 1, all.size()));
            }
        }
        batch.finish();
    }
}
