package io.github.smtpclient.message;

import java.net.IDN;
import java.util.ArrayList;
import java.util.List;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;

/**
 * Writes a message's addresses the way this server can take them. When the server offers SMTPUTF8 and some
 * address is internationalised, all addresses stay in UTF-8 and the message needs SMTPUTF8. Otherwise
 * internationalised domains are converted to ASCII (punycode, {@link IDN#toASCII(String)}), and an address whose
 * local part is not ASCII cannot be sent at all: that is an error before any byte of the transaction.
 */
final class WireAddresses {

    private final boolean utf8;

    private WireAddresses(boolean utf8) {
        this.utf8 = utf8;
    }

    static WireAddresses of(MailMessage message, MimeOptions options) throws SmtpException {
        List<Mailbox> all = new ArrayList<>(message.from());
        message.sender().ifPresent(all::add);
        all.addAll(message.to());
        all.addAll(message.cc());
        all.addAll(message.bcc());
        all.addAll(message.replyTo());
        message.returnPath().ifPresent(all::add);
        boolean international = false;
        for (Mailbox mailbox : all) {
            if (!mailbox.hasAsciiLocalPart() && !options.smtpUtf8()) {
                throw new SmtpException(SmtpErrorCode.EXTENSION_NOT_SUPPORTED, "The address " + mailbox.address()
                        + " has a non-ASCII local part, which needs the SMTPUTF8 extension; this server does not offer it");
            }
            international |= mailbox.isInternational();
        }
        WireAddresses addresses = new WireAddresses(options.smtpUtf8() && international);
        for (Mailbox mailbox : all) {
            addresses.address(mailbox);
        }
        return addresses;
    }

    /** Whether addresses are written in UTF-8, so the transaction needs SMTPUTF8. */
    boolean utf8() {
        return utf8;
    }

    /** The address of {@code mailbox} in the form this server takes. */
    String address(Mailbox mailbox) throws SmtpException {
        if (utf8 || mailbox.hasAsciiDomain()) {
            return mailbox.address();
        }
        try {
            return Mailbox.quoteLocalPartIfNeeded(mailbox.localPart()) + "@" + IDN.toASCII(mailbox.domain());
        } catch (IllegalArgumentException e) {
            throw new SmtpException(SmtpErrorCode.INVALID_ARGUMENT, "The domain of " + mailbox.address()
                    + " is not a valid internationalised domain name: " + e.getMessage(), e);
        }
    }
}
