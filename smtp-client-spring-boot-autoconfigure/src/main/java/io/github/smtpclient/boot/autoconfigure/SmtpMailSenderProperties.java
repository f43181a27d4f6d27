package io.github.smtpclient.boot.autoconfigure;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import io.github.smtpclient.boot.mail.PartialRejection;
import org.jspecify.annotations.Nullable;

/**
 * The {@code smtp.client.mail-sender.*} properties: Spring's JavaMailSender and MailSender beans on the
 * pooled sender, as spring-boot-starter-mail's code uses them.
 */
public class SmtpMailSenderProperties {

    /** Charset MimeMessageHelper uses for messages from createMimeMessage() when the code names none. */
    private Charset defaultEncoding = StandardCharsets.UTF_8;

    /** What a send does when the server accepts a message for some recipients and refuses others: FAIL (throw SmtpMailSendException) or WARN (log). */
    private PartialRejection partialRejection = PartialRejection.FAIL;

    /** Envelope sender (MAIL FROM) for every message, where bounces go; by default the message's From address. */
    private @Nullable String envelopeFrom;

    /** Returns the charset MimeMessageHelper uses by default. */
    public Charset getDefaultEncoding() {
        return defaultEncoding;
    }

    /** Sets the charset MimeMessageHelper uses by default. */
    public void setDefaultEncoding(Charset defaultEncoding) {
        this.defaultEncoding = defaultEncoding;
    }

    /** Returns what a send does when some recipients were refused. */
    public PartialRejection getPartialRejection() {
        return partialRejection;
    }

    /** Sets what a send does when some recipients were refused. */
    public void setPartialRejection(PartialRejection partialRejection) {
        this.partialRejection = partialRejection;
    }

    /** Returns the envelope sender for every message, or {@code null} for each message's From address. */
    public @Nullable String getEnvelopeFrom() {
        return envelopeFrom;
    }

    /** Sets the envelope sender for every message, or {@code null} for each message's From address. */
    public void setEnvelopeFrom(@Nullable String envelopeFrom) {
        this.envelopeFrom = envelopeFrom;
    }
}
