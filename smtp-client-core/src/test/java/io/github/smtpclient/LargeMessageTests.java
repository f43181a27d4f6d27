package io.github.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subethamail.smtp.helper.SimpleMessageListener;
import org.subethamail.smtp.server.SMTPServer;

import io.github.smtpclient.message.Attachment;
import io.github.smtpclient.message.GeneratedInputStream;
import io.github.smtpclient.message.MailMessage;
import io.github.smtpclient.tls.TlsMode;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedFileInputStream;

/**
 * Messages larger than the heap. This class runs in its own surefire execution with {@code -Xmx256m} (see the core
 * pom): sending succeeds only if the message streams from its source through encoding and dot-stuffing to the
 * socket without being held. The server (SubEthaSMTP, in the same JVM) spools what it receives to a file, which is
 * then parsed from disk with Angus Mail, so nothing on either side needs the whole message in memory.
 */
class LargeMessageTests {

    private static final long ONE_GIB = 1024L * 1024 * 1024;

    @TempDir
    Path spool;

    private SMTPServer server;
    private final AtomicLong received = new AtomicLong();
    private Path arrived;

    @BeforeEach
    void startSpoolingServer() {
        arrived = spool.resolve("arrived.eml");
        server = SMTPServer.port(0).bindAddress(InetAddress.getLoopbackAddress()).hostName("localhost")
                .insertReceivedHeaders(false)
                .connectionTimeoutMs(120_000)
                .simpleMessageListener(new SimpleMessageListener() {
                    @Override
                    public boolean accept(String from, String recipient) {
                        return true;
                    }

                    @Override
                    public void deliver(String from, String recipient, InputStream data) throws IOException {
                        try (OutputStream out = Files.newOutputStream(arrived)) {
                            received.set(data.transferTo(out));
                        }
                    }
                })
                .build();
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop();
    }

    private SmtpClient client() {
        SmtpClient client = new SmtpClient();
        client.tls().setMode(TlsMode.NONE);
        return client;
    }

    @Test
    void aOneGibibyteAttachmentStreamsThroughASmallHeap() throws Exception {
        GeneratedInputStream[] source = new GeneratedInputStream[1];
        MailMessage message = MailMessage.builder()
                .from("big@example.test").to("archive@example.test").subject("one gibibyte")
                .plainText("The attachment is 1 GiB.")
                .attach(Attachment.fromStream("big.bin", () -> {
                    source[0] = new GeneratedInputStream(new byte[0], ONE_GIB);
                    return source[0];
                }).withContentType("application/octet-stream"))
                .build();
        try (SmtpClient client = client()) {
            client.connect("localhost", server.getPortAllocated());
            client.sendMessage(message);
        }
        assertThat(source[0].position()).isEqualTo(ONE_GIB);

        MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()),
                new SharedFileInputStream(arrived.toFile()));
        Multipart mixed = (Multipart) parsed.getContent();
        CRC32 crc = new CRC32();
        long length = 0;
        try (InputStream attachment = mixed.getBodyPart(1).getInputStream()) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = attachment.read(buffer)) >= 0) {
                crc.update(buffer, 0, n);
                length += n;
            }
        }
        assertThat(length).isEqualTo(ONE_GIB);
        assertThat(crc.getValue()).isEqualTo(source[0].crc());
    }

    @Test
    void aRawMessageLargerThanTheHeapIsStreamedFromItsSource() throws Exception {
        byte[] headers = "From: big@example.test\r\nTo: archive@example.test\r\nSubject: raw\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        long bodySize = 5_368_709L * 100; // whole 100-byte lines, about 512 MiB
        InputStream body = new LineStream(bodySize);
        try (SmtpClient client = client()) {
            client.connect("localhost", server.getPortAllocated());
            SendResult result = client.sendStream(new java.io.SequenceInputStream(
                    new java.io.ByteArrayInputStream(headers), body));
            assertThat(result.bytesSent()).isGreaterThanOrEqualTo(headers.length + bodySize);
        }
        assertThat(received.get()).isEqualTo(headers.length + bodySize);
    }

    /** {@code size} bytes of 100-byte CRLF lines, made on demand. */
    private static final class LineStream extends InputStream {
        private static final byte[] LINE = ("x".repeat(98) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        private final long size;
        private long position;

        LineStream(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            return position < size ? LINE[(int) (position++ % LINE.length)] : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(length, size - position);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = LINE[(int) ((position + i) % LINE.length)];
            }
            position += n;
            return n;
        }
    }
}
