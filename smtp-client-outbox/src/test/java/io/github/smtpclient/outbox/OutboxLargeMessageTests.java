package io.github.smtpclient.outbox;

import static io.github.smtpclient.outbox.OutboxFixture.sender;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subethamail.smtp.helper.SimpleMessageListener;
import org.subethamail.smtp.server.SMTPServer;

import io.github.smtpclient.SmtpMailSender;
import io.github.smtpclient.message.Attachment;
import io.github.smtpclient.message.GeneratedInputStream;
import io.github.smtpclient.message.MailMessage;

/**
 * A message of more than 100 MB through the outbox in a JVM with a 128 MB heap (this class runs in its own surefire
 * execution with {@code -Xmx128m}, see the pom): it is composed into the store chunk by chunk and read back chunk
 * by chunk while it is sent, so neither the enqueue nor the send holds it.
 */
class OutboxLargeMessageTests {

    private static final long ATTACHMENT = 76L * 1024 * 1024;

    @TempDir
    Path directory;

    @Test
    void aHundredMegabyteMessageEnqueuesAndSendsInASmallHeap() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).as("run with -Xmx128m").isLessThanOrEqualTo(160L << 20);
        AtomicLong received = new AtomicLong();
        SMTPServer server = SMTPServer.port(0).bindAddress(InetAddress.getLoopbackAddress()).hostName("localhost")
                .insertReceivedHeaders(false).connectionTimeoutMs(120_000)
                .simpleMessageListener(new SimpleMessageListener() {
                    @Override
                    public boolean accept(String from, String recipient) {
                        return true;
                    }

                    @Override
                    public void deliver(String from, String recipient, InputStream data) throws IOException {
                        received.set(data.transferTo(OutputStreamSink.INSTANCE));
                    }
                }).build();
        server.start();
        GeneratedInputStream[] source = new GeneratedInputStream[1];
        MailMessage message = MailMessage.builder().from("big@example.test").to("archive@example.test")
                .subject("large").plainText("A 76 MiB attachment, over 100 MB once encoded.")
                .attach(Attachment.fromStream("big.bin", () -> {
                    source[0] = new GeneratedInputStream(new byte[0], ATTACHMENT);
                    return source[0];
                }).withContentType("application/octet-stream"))
                .build();
        try (SmtpMailSender sender = sender(server.getPortAllocated());
                SmtpOutbox outbox = SmtpOutbox.builder(sender).embedded(directory)
                        .settings(OutboxFixture.fastSettings().setLeaseDuration(Duration.ofMinutes(2))).build()) {
            UUID id = outbox.enqueue(message);
            assertThat(source[0].position()).isEqualTo(ATTACHMENT);
            long stored = outbox.find(id).orElseThrow().size();
            assertThat(stored).isGreaterThan(100_000_000L);

            outbox.start();
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (outbox.find(id).orElseThrow().state() != OutboxState.SENT && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(outbox.find(id).orElseThrow()).satisfies(entry -> assertThat(entry.state())
                    .as("%s", entry).isEqualTo(OutboxState.SENT));
            assertThat(received.get()).isEqualTo(stored);
        } finally {
            server.stop();
        }
    }

    /** Discards what is written. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
