package io.github.smtpclient.boot.test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * One message as the {@link TestSmtpServer} received it: its envelope, the login it came with, and its bytes.
 *
 * @param sender        the envelope sender (MAIL FROM); empty for a bounce
 * @param recipients    the envelope recipients (RCPT TO) the server accepted, in order; Bcc recipients among them
 * @param authenticated the user name the client logged in with, if it did
 * @param data          the message exactly as sent after DATA or BDAT
 */
// The bytes are copied in and out, and equals/hashCode compare them by content, which is what the check guards.
@SuppressWarnings("ArrayRecordComponent")
public record ReceivedMail(String sender, List<String> recipients, Optional<String> authenticated, byte[] data) {

    /** Copies the recipients and the bytes. */
    public ReceivedMail {
        recipients = List.copyOf(recipients);
        data = data.clone();
    }

    /** The bytes, copied. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Equal when the envelope, the login and the bytes are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ReceivedMail that && sender.equals(that.sender) && recipients.equals(that.recipients)
                && authenticated.equals(that.authenticated) && java.util.Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(sender, recipients, authenticated, java.util.Arrays.hashCode(data));
    }

    /** The envelope, the login and the size; the bytes are read with {@link #data()} or {@link #text()}. */
    @Override
    public String toString() {
        return "ReceivedMail[sender=" + sender + ", recipients=" + recipients + ", authenticated=" + authenticated
                + ", bytes=" + data.length + "]";
    }

    /** The message as text, decoded as UTF-8 (headers and undecoded body). */
    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }

    /** The message parsed by Jakarta Mail, to read its subject, parts and attachments. */
    public MimeMessage mimeMessage() throws MessagingException {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(data));
    }
}
