package io.github.smtpclient.benchmarks;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The ceiling reference: a minimal hand-written pipelining client with no checks beyond reply codes. The envelope
 * commands and the dot-stuffed data are built before timing; each message's MAIL/RCPT/DATA go out right behind the
 * previous message's final dot, so a batch costs one round trip per message.
 */
final class MinimalPipeliningDriver implements Driver<MinimalPipeliningDriver.Prepared> {

    private static final byte[] TERMINATOR = ".\r\n".getBytes(StandardCharsets.US_ASCII);

    /** The commands of one message, their number, and its data already dot-stuffed (null when streamed). */
    @SuppressWarnings("ArrayRecordComponent") // never compared or hashed: array identity does not matter
    record Prepared(byte[] commands, int commandCount, byte[] data, TestMessage message) {
    }

    @Override
    public Prepared prepare(TestMessage message) {
        StringBuilder commands = new StringBuilder("MAIL FROM:<" + message.sender() + ">\r\n");
        message.recipients().forEach(r -> commands.append("RCPT TO:<").append(r).append(">\r\n"));
        commands.append("DATA\r\n");
        byte[] data = message.isStreamed() ? null : dotStuffed(message.bytes());
        return new Prepared(commands.toString().getBytes(StandardCharsets.US_ASCII),
                message.recipients().size() + 2, data, message);
    }

    /** The test messages end with CRLF and use CRLF throughout, so only leading dots need care. */
    private static byte[] dotStuffed(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 16);
        boolean lineStart = true;
        for (byte b : message) {
            if (lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = b == '\n';
        }
        out.writeBytes(TERMINATOR);
        return out.toByteArray();
    }

    @Override
    public Sender<Prepared> open(String host, int port) throws IOException {
        Socket socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        FirstDigitReplies replies = new FirstDigitReplies(socket.getInputStream());
        replies.expect(2);
        out.write("EHLO bench.example.test\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        replies.expect(2);
        return new Sender<>() {
            @Override
            public void send(List<Prepared> messages) throws IOException {
                boolean dataInFlight = false;
                for (Prepared message : messages) {
                    out.write(message.commands());
                    out.flush();
                    if (dataInFlight) {
                        replies.expect(2);
                    }
                    for (int i = 1; i < message.commandCount(); i++) {
                        replies.expect(2);
                    }
                    replies.expect(3);
                    writeData(message, out);
                    dataInFlight = true;
                }
                out.flush();
                if (dataInFlight) {
                    replies.expect(2);
                }
            }

            @Override
            public void close() throws IOException {
                out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                socket.close();
            }
        };
    }

    private static void writeData(Prepared message, OutputStream out) throws IOException {
        if (message.data() != null) {
            out.write(message.data());
            return;
        }
        try (InputStream in = message.message().stream().get()) {
            in.transferTo(out);
        }
        out.write(TERMINATOR);
    }
}
