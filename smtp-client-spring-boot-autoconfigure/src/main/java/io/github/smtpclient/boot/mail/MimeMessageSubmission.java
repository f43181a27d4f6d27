package io.github.smtpclient.boot.mail;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.github.smtpclient.Envelope;
import io.github.smtpclient.MessageContent;
import io.github.smtpclient.Submission;
import io.github.smtpclient.boot.client.MailMessageDefaults;
import io.github.smtpclient.message.Mailbox;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;

/**
 * A {@link MimeMessage} as a {@link Submission}: prepared as Spring's {@code JavaMailSenderImpl} prepares it (a sent
 * date, {@code saveChanges()} keeping an explicit Message-ID), its envelope taken from its recipients, and its bytes
 * streamed by {@link MimeMessage#writeTo(OutputStream, String[])} straight into the connection, without Bcc.
 */
final class MimeMessageSubmission {

    /** Header fields never sent: Bcc belongs to the envelope, and Content-Length means nothing in SMTP. */
    private static final String[] NOT_SENT = { "Bcc", "Resent-Bcc", "Content-Length" };

    private MimeMessageSubmission() {
    }

    /**
     * @param envelopeFrom the envelope sender to use instead of the message's first From address, or {@code null}
     * @throws MessagingException when the message cannot be read or has no sender or recipient
     */
    static Submission of(MimeMessage message, MailMessageDefaults defaults, @Nullable String envelopeFrom)
            throws MessagingException {
        prepare(message, defaults);
        Envelope.Builder envelope = Envelope.builder().sender(envelopeFrom != null ? envelopeFrom : sender(message));
        recipients(message).forEach(envelope::recipient);
        return new Submission(envelope.build(), new Content(message), message.getMessageID(), message.getSubject());
    }

    @SuppressWarnings("JavaUtilDate") // Jakarta Mail's setSentDate takes a java.util.Date
    private static void prepare(MimeMessage message, MailMessageDefaults defaults) throws MessagingException {
        if (message.getSentDate() == null) {
            message.setSentDate(new Date());
        }
        if (message.getFrom() == null && !defaults.from().isEmpty()) {
            message.addFrom(internetAddresses(defaults.from()));
        }
        if (message.getHeader("Reply-To") == null && !defaults.replyTo().isEmpty()) {
            message.setReplyTo(internetAddresses(defaults.replyTo()));
        }
        if (message.getHeader("X-Mailer") == null && defaults.mailer().isPresent()) {
            message.setHeader("X-Mailer", defaults.mailer().get());
        }
        String messageId = message.getMessageID();
        message.saveChanges();
        if (messageId != null) {
            // saveChanges() makes a new Message-ID; one the application set is kept, as Spring does.
            message.setHeader("Message-ID", messageId);
        }
    }

    private static InternetAddress[] internetAddresses(List<Mailbox> mailboxes) throws MessagingException {
        InternetAddress[] addresses = new InternetAddress[mailboxes.size()];
        for (int i = 0; i < addresses.length; i++) {
            addresses[i] = new InternetAddress(mailboxes.get(i).toString(), true);
        }
        return addresses;
    }

    private static String sender(MimeMessage message) throws MessagingException {
        Address[] from = message.getFrom();
        if (from != null) {
            for (Address address : from) {
                if (address instanceof InternetAddress mailbox && !mailbox.isGroup()) {
                    return mailbox.getAddress();
                }
            }
        }
        throw new MessagingException("The message has no From address, so there is no envelope sender: set From in"
                + " the message, or smtp.client.defaults.from (or smtp.client.mail-sender.envelope-from)");
    }

    /** To, Cc and Bcc, group members included, each address once. */
    private static List<String> recipients(MimeMessage message) throws MessagingException {
        Address[] all = message.getAllRecipients();
        Set<String> seen = new LinkedHashSet<>();
        List<String> recipients = new ArrayList<>();
        for (Address address : all == null ? new Address[0] : all) {
            if (!(address instanceof InternetAddress internet)) {
                throw new MessagingException("Recipient " + address + " is not an email address (" + address.getType()
                        + "); SMTP delivers only to email addresses");
            }
            InternetAddress[] members = internet.isGroup() ? internet.getGroup(false) : new InternetAddress[] { internet };
            for (InternetAddress member : members == null ? new InternetAddress[0] : members) {
                if (seen.add(member.getAddress().toLowerCase(Locale.ROOT))) {
                    recipients.add(member.getAddress());
                }
            }
        }
        if (recipients.isEmpty()) {
            throw new MessagingException("The message has no recipient: set To, Cc or Bcc");
        }
        return recipients;
    }

    /** The message's bytes, written on demand, so nothing of it is held beyond what Jakarta Mail itself holds. */
    private static final class Content implements MessageContent {

        private final MimeMessage message;

        private Content(MimeMessage message) {
            this.message = message;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            try {
                message.writeTo(out, NOT_SENT);
            } catch (MessagingException e) {
                throw new IOException("Cannot write the MimeMessage: " + e.getMessage(), e);
            }
        }

        @Override
        public long size() {
            return -1;
        }

        /** A MimeMessage may carry 8bit parts; BODY=8BITMIME is declared where the server offers it. */
        @Override
        public Encoding encoding() {
            return Encoding.EIGHT_BIT;
        }

        @Override
        public boolean needsSmtpUtf8() {
            return false;
        }
    }
}
