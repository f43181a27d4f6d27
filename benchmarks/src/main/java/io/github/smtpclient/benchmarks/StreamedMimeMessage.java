package io.github.smtpclient.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A {@link MimeMessage} that writes a streamed test message as it is, never holding it: how a Jakarta Mail user
 * sends a message too large for memory. Its headers are already in the bytes, so it has none to update.
 */
final class StreamedMimeMessage extends MimeMessage {

    private final TestMessage message;

    StreamedMimeMessage(Session session, TestMessage message) {
        super(session);
        this.message = message;
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
