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
import io.github.smtpclient.RequireTlsPolicy;
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
            body = message.structure(options);
            header = MessageHeaders.render(message, addresses, messageId, date, body.headers());
        } catch (IllegalArgumentException e) {
            throw new SmtpException(SmtpErrorCode.INVALID_ARGUMENT, e.getMessage(), e);
        }
        BodyType bodyType = body.bodyType();
        if (addresses.utf8() && options.eightBitMime() && bodyType == BodyType.SEVEN_BIT) {
            bodyType = BodyType.EIGHT_BIT_MIME;
        }
        return new PreparedMessage(header.getBytes(StandardCharsets.UTF_8), body, options.tempPath(),
                envelope(message, addresses),
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
        if (message.tlsOptional() && message.requireTls().filter(p -> p != RequireTlsPolicy.NONE).isPresent()) {
            throw invalid("The message asks for REQUIRETLS and carries TLS-Required: No, which contradict each other"
                    + " (RFC 8689); drop one of requireTls(...) and tlsOptional(true)");
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

    /**
     * The envelope, with every DSN parameter the message asks for, a delivery receipt included (NOTIFY=SUCCESS,FAILURE,
     * DELAY where a recipient has no NOTIFY of its own), and its REQUIRETLS choice. What a server without DSN or
     * REQUIRETLS gets is the engine's decision, for composed and raw messages alike. A receipt alone never makes DSN
     * required.
     */
    private static Envelope envelope(MailMessage message, WireAddresses addresses) throws SmtpException {
        Mailbox sender = message.returnPath().or(message::sender).orElse(message.from().get(0));
        DsnOptions dsn = message.dsn();
        Envelope.Builder envelope = Envelope.builder().sender(addresses.address(sender))
                .dsnReturn(dsn.dsnReturn().orElse(null)).envelopeId(dsn.envelopeId().orElse(null))
                .requireTls(message.tlsOptional() ? RequireTlsPolicy.NONE : message.requireTls().orElse(null));
        if (dsn.isEmpty() && message.deliveryReceipt()) {
            envelope.dsnRequired(false);
        }
        List<Mailbox> recipients = new ArrayList<>(message.to());
        recipients.addAll(message.cc());
        recipients.addAll(message.bcc());
        Set<String> seen = new HashSet<>();
        Set<Envelope.DsnNotify> receipt = message.deliveryReceipt() ? EnumSet.of(Envelope.DsnNotify.SUCCESS,
                Envelope.DsnNotify.FAILURE, Envelope.DsnNotify.DELAY) : Set.of();
        for (Mailbox recipient : recipients) {
            String address = addresses.address(recipient);
            if (seen.add(address.toLowerCase(Locale.ROOT))) {
                Set<Envelope.DsnNotify> notify = dsn.notifyFor(recipient.address());
                envelope.recipient(new Envelope.Recipient(address, notify.isEmpty() ? receipt : notify,
                        dsn.originalRecipientFor(recipient.address()).orElse(null)));
            }
        }
        for (String named : dsn.namedRecipients()) {
            if (recipients.stream().noneMatch(r -> r.address().equalsIgnoreCase(named))) {
                throw invalid("The DSN options name the recipient " + named + ", which is not among the message's To,"
                        + " Cc and Bcc; name a recipient of the message");
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
