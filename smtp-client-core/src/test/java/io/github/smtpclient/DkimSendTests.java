package io.github.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.smtpclient.message.Attachment;
import io.github.smtpclient.message.MailMessage;
import io.github.smtpclient.message.dkim.DkimKey;
import io.github.smtpclient.message.dkim.DkimSigner;
import io.github.smtpclient.testing.DkimReferenceVerifier;
import io.github.smtpclient.testing.InProcessSmtpServer;
import io.github.smtpclient.tls.TlsMode;

/**
 * DKIM signing through every send of the client and the pooled sender, checked over the bytes SubEthaSMTP received
 * (dot-stuffing undone) by the tests' own verifier. dkimpy and opendkim check the same paths in DkimInteropTests.
 */
class DkimSendTests {

    private static final DkimKey RSA = key("RSA");
    private static final DkimKey ED25519 = key("Ed25519");
    private static final Map<String, String> RECORDS = Map.of("rsa", RSA.dnsRecord().orElseThrow(),
            "ed", ED25519.dnsRecord().orElseThrow());
    /** Bare LFs, a bare CR, a leading dot and no final line break: the data gate repairs all of it. */
    private static final String RAW = "From: a@example.test\nTo: b@example.test\nSubject: raw  one\n\n"
            + ".leading dot\r\nbare CR\rhere\n\n\nlast line";

    @TempDir
    Path temp;

    private InProcessSmtpServer server;
    private SmtpClient client;

    @BeforeEach
    void start() throws Exception {
        server = InProcessSmtpServer.startPlain();
        client = new SmtpClient();
        configure(client);
        client.connect("127.0.0.1", server.port());
    }

    private void configure(SmtpClient each) {
        each.tls().setMode(TlsMode.NONE);
        each.transfer().setTempPath(temp);
        each.dkim().addSigner(DkimSigner.builder().domain("example.test").selector("rsa").key(RSA).build());
        each.dkim().addSigner(DkimSigner.builder().domain("example.test").selector("ed").key(ED25519).build());
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void rawBytesFilesAndStreamsAreSignedOverTheRepairedBytesTheServerReceives() throws Exception {
        Path file = temp.resolve("message.eml");
        Files.writeString(file, RAW, StandardCharsets.ISO_8859_1);

        client.sendBytes(RAW.getBytes(StandardCharsets.ISO_8859_1));
        client.sendFile(file);
        client.sendStream(new ByteArrayInputStream(RAW.getBytes(StandardCharsets.ISO_8859_1)));

        assertThat(server.received()).hasSize(3).allSatisfy(received -> {
            String data = new String(received.data(), StandardCharsets.ISO_8859_1);
            // SubEthaSMTP adds its Received field above what the client sent.
            assertThat(data).contains("\r\nDKIM-Signature: v=1; a=rsa-sha256;").contains("\r\n.leading dot\r\n")
                    .contains("bare CR\r\nhere").endsWith("last line\r\n");
            assertPasses(received.data());
        });
        // The stream was spooled to TempPath to be signed, and the spool is gone.
        try (Stream<Path> left = Files.list(temp)) {
            assertThat(left).containsExactly(file);
        }
    }

    @Test
    void composedMessagesAreSignedOverDataAndBdat() throws Exception {
        Path attachment = temp.resolve("data.bin");
        Files.write(attachment, new byte[200_000]);
        MailMessage message = MailMessage.builder().from("Älice <a@example.test>").to("b@example.test")
                .subject("Grüße, signed").plainText("Zeile mit Umlauten: äöü\n.dot line\n").attach(
                        Attachment.fromFile(attachment)).build();

        client.sendMessage(message);
        client.disconnect();
        client.transfer().setBinaryMode(true);
        client.connect("127.0.0.1", server.port());
        client.sendMessage(message);

        assertThat(server.received()).hasSize(2).allSatisfy(received -> assertPasses(received.data()));
    }

    @Test
    void thePooledSenderSignsWithTheClientsItConfigures() throws Exception {
        try (SmtpMailSender sender = SmtpMailSender.builder("127.0.0.1", server.port())
                .configureClients(this::configure).build()) {
            sender.sendMessage(MailMessage.builder().from("a@example.test").to("b@example.test").subject("pooled")
                    .plainText("through the pool").build());
            sender.sendBytes(RAW.getBytes(StandardCharsets.ISO_8859_1));
        }

        assertThat(server.received()).hasSize(2).allSatisfy(received -> assertPasses(received.data()));
    }

    @Test
    void withoutSignersNothingIsAdded() throws Exception {
        client.dkim().setSigners(List.of());

        client.sendBytes(RAW.getBytes(StandardCharsets.ISO_8859_1));

        assertThat(new String(server.received().get(0).data(), StandardCharsets.ISO_8859_1))
                .doesNotContain("DKIM-Signature").contains("\r\nFrom: a@example.test\r\n");
    }

    @Test
    void spoolingInsteadOfWritingTwiceSignsTheSame() throws Exception {
        client.dkim().setSpool(true);

        client.sendMessage(MailMessage.builder().from("a@example.test").to("b@example.test").subject("spooled")
                .plainText("written once").build());

        assertPasses(server.received().get(0).data());
        try (Stream<Path> left = Files.list(temp)) {
            assertThat(left).isEmpty();
        }
    }

    private static void assertPasses(byte[] data) {
        try {
            assertThat(DkimReferenceVerifier.verify(data, RECORDS)).hasSize(2)
                    .allSatisfy(result -> assertThat(result.passed()).as(result.toString()).isTrue());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static DkimKey key(String algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("RSA")) {
                generator.initialize(2048);
            }
            return DkimKey.of(generator.generateKeyPair().getPrivate());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
