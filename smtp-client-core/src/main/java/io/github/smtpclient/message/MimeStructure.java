package io.github.smtpclient.message;

import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the MIME tree of a message (RFC 2046, RFC 2387):
 * <pre>
 * multipart/mixed                      only when there are attachments
 * ├── multipart/alternative            only when there are both texts
 * │   ├── text/plain
 * │   └── multipart/related            only when the HTML shows inline images
 * │       ├── text/html
 * │       └── image/... (Content-ID)
 * └── attachments...
 * </pre>
 * Inline images without HTML text to show them are attached like attachments (with inline disposition).
 * A message with neither text nor attachments gets an empty text/plain body.
 */
final class MimeStructure {

    private MimeStructure() {
    }

    /** A message's tree with the options that decide it: which of 8BITMIME and BINARYMIME its encodings may use. */
    record Cached(boolean eightBitMime, boolean binaryMime, MimePart part) {
        boolean fits(MimeOptions options) {
            return options.eightBitMime() == eightBitMime && options.binaryMime() == binaryMime;
        }
    }

    static Cached cached(MailMessage message, MimeOptions options) {
        return new Cached(options.eightBitMime(), options.binaryMime(), of(message, options));
    }

    static MimePart of(MailMessage message, MimeOptions options) {
        MimePart plain = message.plainText().map(text -> (MimePart) new TextPart("plain", text, options)).orElse(null);
        MimePart html = message.htmlText().map(text -> (MimePart) new TextPart("html", text, options)).orElse(null);
        List<MimePart> attachments = new ArrayList<>();
        if (html != null && !message.inlineImages().isEmpty()) {
            List<MimePart> related = new ArrayList<>(List.of(html));
            message.inlineImages().forEach(image -> related.add(new AttachmentPart(image, true, options)));
            html = new Multipart("related", related);
        } else {
            message.inlineImages().forEach(image -> attachments.add(new AttachmentPart(image, true, options)));
        }
        message.attachments().forEach(attachment -> attachments.add(new AttachmentPart(attachment, false, options)));

        MimePart text = plain != null && html != null ? new Multipart("alternative", List.of(plain, html))
                : plain != null ? plain : html;
        if (attachments.isEmpty()) {
            return text != null ? text : new TextPart("plain", "", options);
        }
        List<MimePart> mixed = new ArrayList<>();
        if (text != null) {
            mixed.add(text);
        }
        mixed.addAll(attachments);
        return new Multipart("mixed", mixed);
    }
}
