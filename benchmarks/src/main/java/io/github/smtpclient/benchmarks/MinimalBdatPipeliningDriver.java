package io.github.smtpclient.benchmarks;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The ceiling for a BDAT batch: a minimal hand-written client that writes every message's MAIL, RCPTs and
 * {@code BDAT n LAST} with its data back to back, without waiting for any reply, and then reads every reply, checking
 * only the first digit. Each message's bytes are built before timing. Held messages only; it has no window, so it is
 * for batches whose replies fit the socket buffers (100 x 1 KB easily does).
 */
final class MinimalBdatPipeliningDriver implements Driver<MinimalBdatPipeliningDriver.Prepared> {

    /** One message's whole transaction on the wire, and how many replies it is owed. */
    @SuppressWarnings("ArrayRecordComponent") // never compared or hashed: array identity does not matter
    record Prepared(byte[] transaction, int replies) {
    }

    @Override
    public Prepared prepare(TestMessage message) throws IOException {
        byte[] data = message.requireBytes();
        StringBuilder commands = new StringBuilder("MAIL FROM:<" + message.sender() + ">\r\n");
        message.recipients().forEach(r -> commands.append("RCPT TO:<").append(r).append(">\r\n"));
        commands.append("BDAT ").append(data.length).append(" LAST\r\n");
        ByteArrayOutputStream transaction = new ByteArrayOutputStream(commands.length() + data.length);
        transaction.writeBytes(commands.toString().getBytes(StandardCharsets.US_ASCII));
        transaction.writeBytes(data);
        return new Prepared(transaction.toByteArray(), message.recipients().size() + 2);
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
                for (Prepared message : messages) {
                    out.write(message.transaction());
                }
                out.flush();
                for (Prepared message : messages) {
                    for (int i = 0; i < message.replies(); i++) {
                        replies.expect(2);
                    }
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
}
