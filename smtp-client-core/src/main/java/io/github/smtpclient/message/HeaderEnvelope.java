package io.github.smtpclient.message;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.smtpclient.Envelope;
import io.github.smtpclient.RequireTlsPolicy;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;

/**
 * Derives the SMTP envelope from a message's header fields. Without {@code Resent-*} fields the sender is the
 * {@code Sender} mailbox, else the first {@code From} mailbox, else the {@code Return-Path}; the recipients are
 * every mailbox in {@code To}, {@code Cc} and {@code Bcc}. A message that was resent (RFC 5322 section 3.6.6)
 * goes to the recipients of its topmost resent block instead, from that block's {@code Resent-Sender} or
 * {@code Resent-From} (falling back to the rules above). Recipients are deduplicated by address, ignoring case.
 * A {@code TLS-Required: No} field (RFC 8689 section 5) makes the envelope ask for no REQUIRETLS, whatever the
 * client's default.
 */
final class HeaderEnvelope {

    private static final Pattern NULL_PATH = Pattern.compile("<\\s*>");
    private static final String ADVICE = "; fix the header or pass an explicit Envelope";

    private HeaderEnvelope() {
    }

    static Envelope derive(List<HeaderField> fields) throws SmtpException {
        List<HeaderField> resent = topmostResentBlock(fields);
        Optional<String> sender = Optional.empty();
        List<Mailbox> recipients;
        if (resent.isEmpty()) {
            recipients = mailboxes(fields, "To", "Cc", "Bcc");
        } else {
            sender = firstMailbox(resent, "Resent-Sender", "Resent-From");
            recipients = mailboxes(resent, "Resent-To", "Resent-Cc", "Resent-Bcc");
        }
        if (sender.isEmpty()) {
            sender = firstMailbox(fields, "Sender", "From");
        }
        if (sender.isEmpty()) {
            sender = returnPath(fields);
        }
        if (sender.isEmpty()) {
            throw new SmtpException(SmtpErrorCode.INVALID_ARGUMENT, "The message names no sender: it has no Sender, "
                    + "From or Return-Path header with an address; pass an explicit Envelope");
        }
        if (recipients.isEmpty()) {
            throw new SmtpException(SmtpErrorCode.INVALID_ARGUMENT, "The message names no recipient: "
                    + (resent.isEmpty() ? "its To, Cc and Bcc headers hold" : "its topmost Resent-To, Resent-Cc "
                    + "and Resent-Bcc headers hold") + " no address; pass an explicit Envelope");
        }
        Envelope.Builder envelope = Envelope.builder().sender(sender.get());
        Set<String> seen = new HashSet<>();
        for (Mailbox recipient : recipients) {
            if (seen.add(recipient.address().toLowerCase(Locale.ROOT))) {
                envelope.recipient(recipient.address());
            }
        }
        if (asksForNoRequireTls(fields)) {
            // RFC 8689 section 5: the sender asked for delivery whatever the TLS policies, so no REQUIRETLS default.
            envelope.requireTls(RequireTlsPolicy.NONE);
        }
        return envelope.build();
    }

    private static boolean asksForNoRequireTls(List<HeaderField> fields) {
        for (HeaderField field : fields) {
            if (field.hasName("TLS-Required") && field.value().strip().equalsIgnoreCase("No")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The Resent-* fields of the topmost block: consecutive Resent-* fields, ended by a repeated name. Empty, and
     * nothing made, for the message that was never resent.
     */
    private static List<HeaderField> topmostResentBlock(List<HeaderField> fields) {
        List<HeaderField> block = null;
        Set<String> seen = null;
        for (HeaderField field : fields) {
            if (!field.nameStartsWith("Resent-")) {
                if (block != null) {
                    break;
                }
                continue;
            }
            if (block == null) {
                block = new ArrayList<>();
                seen = new HashSet<>();
            }
            if (!seen.add(field.name().toLowerCase(Locale.ROOT))) {
                break;
            }
            block.add(field);
        }
        return block == null ? List.of() : block;
    }

    private static Optional<String> firstMailbox(List<HeaderField> fields, String... names) throws SmtpException {
        List<Mailbox> mailboxes = new ArrayList<>();
        for (String name : names) {
            for (HeaderField field : fields) {
                if (field.hasName(name)) {
                    parse(field, mailboxes);
                    if (!mailboxes.isEmpty()) {
                        return Optional.of(mailboxes.get(0).address());
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static List<Mailbox> mailboxes(List<HeaderField> fields, String... names) throws SmtpException {
        List<Mailbox> mailboxes = new ArrayList<>();
        for (HeaderField field : fields) {
            for (String name : names) {
                if (field.hasName(name)) {
                    parse(field, mailboxes);
                }
            }
        }
        return mailboxes;
    }

    private static Optional<String> returnPath(List<HeaderField> fields) throws SmtpException {
        for (HeaderField field : fields) {
            if (field.hasName("Return-Path") && !field.value().isEmpty()) {
                if (NULL_PATH.matcher(field.value()).matches()) {
                    return Optional.of("");
                }
                try {
                    return Optional.of(Mailbox.parse(field.value()).address());
                } catch (IllegalArgumentException e) {
                    throw invalid(field, e);
                }
            }
        }
        return Optional.empty();
    }

    /** Adds the field's mailboxes to {@code mailboxes}. */
    private static void parse(HeaderField field, List<Mailbox> mailboxes) throws SmtpException {
        try {
            AddressParser.parseList(field.value(), mailboxes);
        } catch (IllegalArgumentException e) {
            throw invalid(field, e);
        }
    }

    private static SmtpException invalid(HeaderField field, IllegalArgumentException e) {
        return new SmtpException(SmtpErrorCode.INVALID_ARGUMENT, "The " + field.name() + " header of the message: "
                + e.getMessage() + ADVICE, e);
    }
}
