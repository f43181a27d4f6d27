package io.github.smtpclient.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.commons.net.smtp.SMTPClient;
import org.apache.commons.net.smtp.SMTPReply;

/** Apache Commons Net {@link SMTPClient} reusing one connection; it does not pipeline. */
final class CommonsNetDriver implements Driver<CommonsNetDriver.Prepared> {

    /** The envelope, and the message as the text Commons Net writes (ISO-8859-1 keeps every byte). */
    record Prepared(TestMessage message, String text) {
    }

    @Override
    public Prepared prepare(TestMessage message) {
        return new Prepared(message, message.isStreamed() ? null : new String(message.bytes(), StandardCharsets.ISO_8859_1));
    }

    @Override
    public Sender<Prepared> open(String host, int port) throws Exception {
        SMTPClient client = new SMTPClient(StandardCharsets.ISO_8859_1.name());
        client.connect(host, port);
        check(client, client.login("bench.example.test"));
        return new Sender<>() {
            @Override
            public void send(List<Prepared> messages) throws Exception {
                for (Prepared prepared : messages) {
                    sendOne(client, prepared);
                }
            }

            @Override
            public void close() throws IOException {
                client.logout();
                client.disconnect();
            }
        };
    }

    private static void sendOne(SMTPClient client, Prepared prepared) throws IOException {
        check(client, client.setSender(prepared.message().sender()));
        for (String recipient : prepared.message().recipients()) {
            check(client, client.addRecipient(recipient));
        }
        if (prepared.text() != null) {
            check(client, client.sendShortMessageData(prepared.text()));
            return;
        }
        Writer writer = client.sendMessageData();
        if (writer == null) {
            throw new IOException("DATA refused: " + client.getReplyString());
        }
        try (InputStream in = prepared.message().stream().get();
                Reader reader = new InputStreamReader(in, StandardCharsets.ISO_8859_1)) {
            reader.transferTo(writer);
        }
        writer.close();
        check(client, client.completePendingCommand());
    }

    private static void check(SMTPClient client, boolean success) throws IOException {
        if (!success || !SMTPReply.isPositiveCompletion(client.getReplyCode())) {
            throw new IOException("Commons Net: " + client.getReplyString());
        }
    }
}
