package io.github.smtpclient.message;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import io.github.smtpclient.SmtpException;

/**
 * Writes the header block of a {@link MailMessage}: its message fields, in the
 * order RFC 5322 suggests, then MIME-Version and the content fields of its body. Bcc and Return-Path are never
 * written: they belong to the envelope.
 */
final class MessageHeaders {

    /** Sized for a typical header block, which it then grows only for many recipients or long values. */
    private final StringBuilder out = new StringBuilder(512);
    private final WireAddresses addresses;

    private MessageHeaders(WireAddresses addresses) {
        this.addresses = addresses;
    }

    /** The message's header fields, then MIME-Version and {@code contentFields}, the body's own fields. */
    static String render(MailMessage m, WireAddresses addresses, String messageId, ZonedDateTime date,
            String contentFields) throws SmtpException {
        MessageHeaders headers = new MessageHeaders(addresses);
        HeaderFolder.foldWords(headers.out, "Date", MessageDate.format(date));
        headers.addresses("From", m.from());
        if (m.sender().isPresent()) {
            headers.addresses("Sender", List.of(m.sender().get()));
        }
        headers.addresses("Reply-To", m.replyTo());
        if (m.to().isEmpty() && m.cc().isEmpty()) {
            headers.field("To", List.of("undisclosed-recipients:;"));
        }
        headers.addresses("To", m.to());
        headers.addresses("Cc", m.cc());
        headers.field("Message-ID", List.of(messageId));
        headers.ids("In-Reply-To", m.inReplyTo());
        headers.ids("References", m.references());
        m.subject().ifPresent(s -> headers.unstructured("Subject", s));
        m.comments().ifPresent(c -> headers.unstructured("Comments", c));
        headers.keywords(m.keywords());
        m.mailer().ifPresent(mailer -> headers.unstructured("X-Mailer", mailer));
        m.priority().ifPresent(p -> {
            headers.field("X-Priority", List.of(p.xPriority().split(" ")));
            headers.field("Importance", List.of(p.importance()));
            headers.field("Priority", List.of(p.priority()));
        });
        if (m.readReceipt()) {
            headers.addresses("Disposition-Notification-To", List.of(m.from().get(0)));
        }
        if (m.tlsOptional()) {
            headers.field("TLS-Required", List.of("No"));
        }
        m.headers().forEach(h -> headers.unstructured(h.name(), h.value()));
        return headers.out.append("MIME-Version: 1.0\r\n").append(contentFields).toString();
    }

    private void field(String name, List<String> words) {
        HeaderFolder.fold(out, name, words);
    }

    private void unstructured(String name, String value) {
        if (HeaderEncoder.isPlain(value)) {
            HeaderFolder.foldWords(out, name, value);
        } else {
            field(name, HeaderEncoder.unstructured(value, name.length() + 1));
        }
    }

    private void ids(String name, List<String> ids) {
        if (!ids.isEmpty()) {
            field(name, ids);
        }
    }

    private void keywords(List<String> keywords) {
        List<String> words = new ArrayList<>();
        for (String keyword : keywords) {
            separate(words);
            words.addAll(HeaderEncoder.phrase(keyword, words.isEmpty() ? "Keywords".length() + 1 : 0));
        }
        if (!words.isEmpty()) {
            field("Keywords", words);
        }
    }

    private void addresses(String name, List<Mailbox> mailboxes) throws SmtpException {
        List<String> words = new ArrayList<>();
        for (Mailbox mailbox : mailboxes) {
            separate(words);
            String address = addresses.address(mailbox);
            if (mailbox.displayName().isPresent()) {
                words.addAll(HeaderEncoder.phrase(mailbox.displayName().get(), words.isEmpty() ? name.length() + 1 : 0));
                words.add("<" + address + ">");
            } else {
                words.add(address);
            }
        }
        if (!words.isEmpty()) {
            field(name, words);
        }
    }

    private static void separate(List<String> words) {
        if (!words.isEmpty()) {
            words.set(words.size() - 1, words.get(words.size() - 1) + ",");
        }
    }
}
