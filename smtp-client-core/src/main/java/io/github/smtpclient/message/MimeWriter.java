package io.github.smtpclient.message;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.github.smtpclient.Envelope;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;

/**
 * Turns a {@link MailMessage} into RFC 5322 / MIME bytes for one server. Everything that can fail for a reason
 * other than I/O fails in {@link #prepare}, before any byte of the transaction: a missing From or recipient, an
 * address the server cannot take, an unreadable attachment file.
 *
 * <pre>{@code
 * PreparedMessage prepared = MimeWriter.prepare(message, MimeOptions.defaults().withEightBitMime(true));
 * // MAIL FROM:<prepared.envelope().sender()> BODY=... [SMTPUTF8], RCPT TO..., then:
 * prepared.writeTo(dataStream);
 * }</pre>
 */
public final class MimeWriter {

    private MimeWriter() {
    }

    /**
     * Prepares {@code message} for a server with the given {@code options}: chooses the MIME structure and each
     * part's transfer encoding, fills in Date and Message-ID when unset, and derives the envelope.
     *
     * @throws SmtpException with {@code INVALID_ARGUMENT} when the message lacks a From or a recipient, has
     *                       several From mailboxes but no Sender, or names an unreadable attachment file; with
     *                       {@code EXTENSION_NOT_SUPPORTED} when an address needs SMTPUTF8 and the server lacks it
     */
    public static PreparedMessage prepare(MailMessage message, MimeOptions options) throws SmtpException {
        check(message);
        WireAddresses addresses = WireAddresses.of(message, options);
        ZonedDateTime date = message.date().orElseGet(() -> ZonedDateTime.now(options.clock()));
        String messageId = message.messageId()
                .orElseGet(() -> MessageIds.generate(asciiDomain(options.domain()), options.clock().millis()));
        MimePart body;
        String header;
        try {
            body = MimeStructure.of(message, options);
            header = MessageHeaders.render(message, addresses, messageId, date) + "MIME-Version: 1.0\r\n" + body.headers();
        } catch (IllegalArgumentException e) {
            throw new SmtpException(SmtpErrorCode.INVALID_ARGUMENT, e.getMessage(), e);
        }
        BodyType bodyType = body.bodyType();
        if (addresses.utf8() && options.eightBitMime() && bodyType == BodyType.SEVEN_BIT) {
            bodyType = BodyType.EIGHT_BIT_MIME;
        }
        boolean dsn = message.deliveryReceipt() && options.dsn();
        return new PreparedMessage(header.getBytes(StandardCharsets.UTF_8), body, options.tempPath(),
                envelope(message, addresses, dsn),
                messageId, bodyType, addresses.utf8(), message.deliveryReceipt() && !options.dsn());
    }

    private static void check(MailMessage message) throws SmtpException {
        if (message.from().isEmpty()) {
            throw invalid("The message has no From address; set one with from(...)");
        }
        if (message.from().size() > 1 && message.sender().isEmpty()) {
            throw invalid("The message has " + message.from().size() + " From addresses, so RFC 5322 requires a "
                    + "Sender; set one with sender(...)");
        }
        if (message.to().isEmpty() && message.cc().isEmpty() && message.bcc().isEmpty()) {
            throw invalid("The message has no recipient; set To, Cc or Bcc");
        }
        List<Attachment> all = new ArrayList<>(message.attachments());
        all.addAll(message.inlineImages());
        for (Attachment attachment : all) {
            Path file = attachment.file().orElse(null);
            if (file != null && !(Files.isRegularFile(file) && Files.isReadable(file))) {
                throw invalid("The attachment file " + file + " does not exist or cannot be read");
            }
        }
    }

    private static Envelope envelope(MailMessage message, WireAddresses addresses, boolean dsn) throws SmtpException {
        Mailbox sender = message.returnPath().or(message::sender).orElse(message.from().get(0));
        Envelope.Builder envelope = Envelope.builder().sender(addresses.address(sender));
        List<Mailbox> recipients = new ArrayList<>(message.to());
        recipients.addAll(message.cc());
        recipients.addAll(message.bcc());
        Set<String> seen = new HashSet<>();
        Set<Envelope.DsnNotify> notify = dsn ? EnumSet.of(Envelope.DsnNotify.SUCCESS, Envelope.DsnNotify.FAILURE,
                Envelope.DsnNotify.DELAY) : Set.of();
        for (Mailbox recipient : recipients) {
            String address = addresses.address(recipient);
            if (seen.add(address.toLowerCase(Locale.ROOT))) {
                envelope.recipient(new Envelope.Recipient(address, notify, null));
            }
        }
        return envelope.build();
    }

    private static String asciiDomain(String domain) {
        return Mailbox.isAscii(domain) ? domain : IDN.toASCII(domain);
    }

    private static SmtpException invalid(String message) {
        return new SmtpException(SmtpErrorCode.INVALID_ARGUMENT, message);
    }
}
