package io.github.smtpclient.sample.web;

import java.util.List;

import io.github.smtpclient.boot.client.MailMessageDefaults;
import io.github.smtpclient.message.Attachment;
import io.github.smtpclient.message.MailMessage;

import org.springframework.util.StringUtils;
import org.springframework.web.multipart.MultipartFile;

/**
 * What the page's compose form posts, to send at once or to queue in the outbox. Attachments are streamed from the
 * uploaded parts (which the servlet container keeps in temporary files), never read into memory here.
 *
 * @param to          the To addresses, comma-separated; required
 * @param cc          the Cc addresses, or empty
 * @param subject     the subject, or empty
 * @param text        the plain-text body, or empty
 * @param html        the HTML body, or empty
 * @param attachments the uploaded files, or null
 */
public record MessageForm(String to, String cc, String subject, String text, String html,
        List<MultipartFile> attachments) {

    /**
     * The message, with the starter's defaults (From, X-Mailer).
     *
     * @throws IllegalArgumentException when {@code to} is empty or an address cannot be parsed
     */
    public MailMessage toMessage(MailMessageDefaults defaults) {
        if (!StringUtils.hasText(to)) {
            throw new IllegalArgumentException("to: give at least one recipient");
        }
        MailMessage.Builder message = defaults.builder().to(to).subject(orEmpty(subject));
        if (StringUtils.hasText(cc)) {
            message.cc(cc);
        }
        String plain = orEmpty(text);
        String markup = orEmpty(html);
        if (!plain.isEmpty() || markup.isEmpty()) {
            message.plainText(plain);
        }
        if (!markup.isEmpty()) {
            message.htmlText(markup);
        }
        for (MultipartFile file : attachments == null ? List.<MultipartFile>of() : attachments) {
            if (!file.isEmpty()) {
                message.attach(Attachment.fromStream(fileName(file), file::getInputStream));
            }
        }
        return message.build();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /** The browser's file name without any directory part some browsers add. */
    private static String fileName(MultipartFile file) {
        String name = StringUtils.getFilename(StringUtils.cleanPath(String.valueOf(file.getOriginalFilename())));
        return name == null || name.isBlank() || "null".equals(name) ? "attachment" : name;
    }
}
