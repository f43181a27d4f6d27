package io.github.smtpclient.boot.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32;

import io.github.smtpclient.boot.autoconfigure.SmtpClientAutoConfiguration;
import io.github.smtpclient.message.GeneratedInputStream;
import jakarta.activation.DataSource;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedFileInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subethamail.smtp.helper.SimpleMessageListener;
import org.subethamail.smtp.server.SMTPServer;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A MimeMessage larger than the heap through the auto-configured {@link JavaMailSender}. This class runs in its own
 * surefire execution with {@code -Xmx256m} (see the pom): the send succeeds only if the message streams from its
 * DataSource through {@code MimeMessage.writeTo} and the client to the socket without being held. The server
 * (SubEthaSMTP, in this JVM) spools to a file, which Angus Mail then parses from disk.
 */
class JavaMailSenderLargeMessageTests {

    private static final long ONE_GIB = 1024L * 1024 * 1024;

    @TempDir
    Path spool;

    private SMTPServer server;
    private Path arrived;

    @BeforeEach
    void startSpoolingServer() {
        arrived = spool.resolve("arrived.eml");
        server = SMTPServer.port(0).bindAddress(InetAddress.getLoopbackAddress()).hostName("localhost")
                .insertReceivedHeaders(false).connectionTimeoutMs(120_000)
                .simpleMessageListener(new SimpleMessageListener() {
                    @Override
                    public boolean accept(String from, String recipient) {
                        return true;
                    }

                    @Override
                    public void deliver(String from, String recipient, InputStream data) throws IOException {
                        try (OutputStream out = Files.newOutputStream(arrived)) {
                            data.transferTo(out);
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

    @Test
    void aOneGibibyteAttachmentOfAMimeMessageHelperMessageStreamsThroughASmallHeap() throws Exception {
        AtomicReference<GeneratedInputStream> lastRead = new AtomicReference<>();
        DataSource gibibyte = new DataSource() {
            @Override
            public InputStream getInputStream() {
                GeneratedInputStream stream = new GeneratedInputStream(new byte[0], ONE_GIB);
                lastRead.set(stream);
                return stream;
            }

            @Override
            public OutputStream getOutputStream() {
                throw new UnsupportedOperationException("read-only");
            }

            @Override
            public String getContentType() {
                return "application/octet-stream";
            }

            @Override
            public String getName() {
                return "big.bin";
            }
        };
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SmtpClientAutoConfiguration.class))
                .withPropertyValues("smtp.client.host=localhost", "smtp.client.port=" + server.getPortAllocated(),
                        "smtp.client.tls.mode=none", "smtp.client.socket.timeout=120s")
                .run(context -> {
                    JavaMailSender sender = context.getBean(JavaMailSender.class);
                    MimeMessage message = sender.createMimeMessage();
                    MimeMessageHelper helper = new MimeMessageHelper(message, true);
                    helper.setFrom("big@example.test");
                    helper.setTo("archive@example.test");
                    helper.setSubject("one gibibyte");
                    helper.setText("The attachment is 1 GiB.");
                    helper.addAttachment("big.bin", gibibyte);
                    sender.send(message);
                });
        assertThat(lastRead.get().position()).isEqualTo(ONE_GIB);

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
        assertThat(crc.getValue()).isEqualTo(lastRead.get().crc());
    }
}
