package io.github.smtpclient.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

import io.github.smtpclient.Envelope;
import io.github.smtpclient.MessageContent;
import io.github.smtpclient.SendOutcome;
import io.github.smtpclient.SmtpClient;
import io.github.smtpclient.Submission;
import io.github.smtpclient.tls.TlsMode;

/** smtp-client: one {@link SmtpClient} per session, every batch sent pipelined with {@code sendAll}. */
final class SmtpClientDriver implements Driver<Submission> {

    @Override
    public Submission prepare(TestMessage message) {
        return new Submission(Envelope.of(message.sender(), message.recipients()), new Content(message), null);
    }

    @Override
    public Sender<Submission> open(String host, int port) throws Exception {
        SmtpClient client = new SmtpClient();
        client.setDomain("bench.example.test");
        client.tls().setMode(TlsMode.NONE);
        client.connect(host, port);
        return new Sender<>() {
            @Override
            public void send(List<Submission> messages) throws Exception {
                for (SendOutcome outcome : client.sendAll(messages)) {
                    outcome.orThrow();
                }
            }

            @Override
            public void close() {
                client.disconnect();
            }
        };
    }

    /** The test message's bytes, written as they are; a streamed message is opened afresh for every send. */
    private record Content(TestMessage message) implements MessageContent {

        @Override
        public void writeTo(OutputStream out) throws IOException {
            if (!message.isStreamed()) {
                out.write(message.bytes());
                return;
            }
            try (InputStream in = message.stream().get()) {
                in.transferTo(out);
            }
        }

        @Override
        public long size() {
            return message.size();
        }

        @Override
        public Encoding encoding() {
            return Encoding.SEVEN_BIT;
        }

        @Override
        public boolean needsSmtpUtf8() {
            return false;
        }
    }
}
