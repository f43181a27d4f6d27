package io.github.smtpclient.message;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import io.github.smtpclient.SmtpException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/** Writes prepared messages and parses them back with Angus Mail, the independent parser of these tests. */
final class Messages {

    private static final Session SESSION = Session.getInstance(new Properties());

    private Messages() {
    }

    static byte[] bytes(MailMessage message, MimeOptions options) throws SmtpException {
        return bytes(MimeWriter.prepare(message, options));
    }

    static byte[] bytes(PreparedMessage prepared) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            prepared.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static MimeMessage parse(byte[] bytes) {
        try {
            return new MimeMessage(SESSION, new ByteArrayInputStream(bytes));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The lines of a message, split at CRLF (the final empty string after the last CRLF dropped). */
    static List<byte[]> lines(byte[] bytes) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                lines.add(Arrays.copyOfRange(bytes, start, i));
                start = i + 2;
                i++;
            }
        }
        if (start < bytes.length) {
            lines.add(Arrays.copyOfRange(bytes, start, bytes.length));
        }
        return lines;
    }

    /** The header block (up to the first empty line) as text. */
    static String header(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        return end < 0 ? text : text.substring(0, end + 2);
    }
}
