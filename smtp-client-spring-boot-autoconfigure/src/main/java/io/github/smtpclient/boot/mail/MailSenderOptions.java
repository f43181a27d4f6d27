package io.github.smtpclient.boot.mail;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How the Spring {@code MailSender} and {@code JavaMailSender} adapters behave ({@code smtp.client.mail-sender.*}).
 *
 * @param defaultEncoding   the charset {@code MimeMessageHelper} uses for messages made by {@code createMimeMessage()}
 *                          when the code names none, as {@code spring.mail.default-encoding}
 * @param partialRejection  what a send does when some recipients were refused
 * @param envelopeFrom      the envelope sender (MAIL FROM) for every message instead of its From address, as Jakarta
 *                          Mail's {@code mail.smtp.from}; {@code null} for the message's own
 */
public record MailSenderOptions(Charset defaultEncoding, PartialRejection partialRejection,
        @Nullable String envelopeFrom) {

    /** UTF-8, {@link PartialRejection#FAIL}, the message's own sender. */
    public static final MailSenderOptions DEFAULTS = new MailSenderOptions(StandardCharsets.UTF_8,
            PartialRejection.FAIL, null);

    /** Checks that the charset and the policy are given. */
    public MailSenderOptions {
        Objects.requireNonNull(defaultEncoding, "defaultEncoding");
        Objects.requireNonNull(partialRejection, "partialRejection");
    }
}
