package io.github.smtpclient.boot.mail;

import java.io.InputStream;
import java.nio.charset.Charset;

import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.MailParseException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Makes the {@link MimeMessage}s that {@link SmtpJavaMailSender#createMimeMessage()} returns. They must be Spring's
 * own kind, which carries the default encoding: {@link MimeMessageHelper} reads it from no other type (the class is
 * package-private in Spring), so only {@link JavaMailSenderImpl#createMimeMessage()} makes one. That instance is a
 * factory here and nothing else: it never connects, and nothing is sent through it.
 */
final class MimeMessageFactory {

    private final JavaMailSenderImpl messages = new JavaMailSenderImpl();

    MimeMessageFactory(Charset defaultEncoding) {
        messages.setDefaultEncoding(defaultEncoding.name());
    }

    MimeMessage create() {
        return messages.createMimeMessage();
    }

    /** @throws MailParseException when the stream is not a MIME message */
    MimeMessage create(InputStream content) {
        return messages.createMimeMessage(content);
    }
}
