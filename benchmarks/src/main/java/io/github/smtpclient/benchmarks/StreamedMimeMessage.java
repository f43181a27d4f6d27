package io.github.smtpclient.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * A {@link MimeMessage} that writes a streamed test message as it is, never holding it: how a Jakarta Mail user
 * sends a message too large for memory. Its headers are already in the bytes, so it has none to update.
 */
final class StreamedMimeMessage extends MimeMessage {

    private final TestMessage message;

    /** The From and To headers set here only tell a caller the envelope; the bytes written are the message's own. */
    StreamedMimeMessage(Session session, TestMessage message) throws MessagingException {
        super(session);
        this.message = message;
        setFrom(new InternetAddress(message.sender()));
        setRecipients(RecipientType.TO, String.join(",", message.recipients()));
    }

    @Override
    public void writeTo(OutputStream out, String[] ignoreList) throws IOException {
        try (InputStream in = message.stream().get()) {
            in.transferTo(out);
        }
    }

    @Override
    public int getSize() {
        return (int) Math.min(Integer.MAX_VALUE, message.size());
    }

    @Override
    protected void updateHeaders() {
        // The pre-built bytes carry every header already.
    }
}
