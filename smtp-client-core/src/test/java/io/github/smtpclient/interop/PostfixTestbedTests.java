package io.github.smtpclient.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostfixTestbedTests {

    private static final String TRACE = "Return-Path: <x@client.test>\nX-Original-To: bob@example.test\n"
            + "Delivered-To: bob@example.test\nReceived: from client.test (unknown [127.0.0.1])\n"
            + "\tby mx.example.test (Postfix) with ESMTP id 474B920C0A1\n";

    /** A CA certificate as start.sh writes it (made once with openssl; only parsed here, never trusted). */
    private static final String CA_PEM = """
            -----BEGIN CERTIFICATE-----
            MIIBmTCCAT+gAwIBAgIUWvYUuFhF6vWi9sLqBLFsldl71NAwCgYIKoZIzj0EAwIw
            IjEgMB4GA1UEAwwXc210cC1jbGllbnQgdGVzdCBiZWQgQ0EwHhcNMjYxMTI5MDE0
            NTMxWhcNMzYxMTI2MDE0NTMxWjAiMSAwHgYDVQQDDBdzbXRwLWNsaWVudCB0ZXN0
            IGJlZCBDQTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABAHNuI0QEGQOFcy9pX69
            f4xbQ0HAEAongTejk8jOCXUNrwT4qE0Koj2TFlcq9E60QN91XJhEsyPGDZcnClt0
            fsujUzBRMB0GA1UdDgQWBBS26/zf0EW5P4tDK/4MCAmkGdQnKjAfBgNVHSMEGDAW
            gBS26/zf0EW5P4tDK/4MCAmkGdQnKjAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49
            BAMCA0gAMEUCIFWuO2q+vb0AxLgrEBP618ccDOFNqBb4LoAOum+JZ3RNAiEA8pOA
            iJl1TmqLDpiIe2hjGVqMsEdshVEX0SBvCGkCSyE=
            -----END CERTIFICATE-----
            """;

    @TempDir
    Path dir;

    @Test
    void settingsComeFromTheEnvFile() throws IOException {
        PostfixTestbed testbed = PostfixTestbed.load(writeEnvFile(10587, 10465));

        assertThat(testbed.host()).isEqualTo("localhost");
        assertThat(testbed.starttlsPort()).isEqualTo(10587);
        assertThat(testbed.implicitTlsPort()).isEqualTo(10465);
        assertThat(testbed.user()).isEqualTo("alice@example.test");
        assertThat(testbed.password()).isEqualTo("alice-secret");
        assertThat(testbed.rejectedRecipient()).isEqualTo("reject550@example.test");
        assertThat(testbed.messageSizeLimit()).isEqualTo(10240000L);
    }

    @Test
    void caCertificateIsReadFromItsPemFile() throws IOException {
        Files.writeString(dir.resolve("ca.pem"), CA_PEM);

        assertThat(PostfixTestbed.load(writeEnvFile(10587, 10465)).caCertificate().getSubjectX500Principal().getName())
                .isEqualTo("CN=smtp-client test bed CA");
    }

    @Test
    void maildirAcceptsALocalPartOrAnAddress() throws IOException {
        PostfixTestbed testbed = PostfixTestbed.load(writeEnvFile(10587, 10465));

        assertThat(testbed.maildir("alice@example.test")).isEqualTo(dir.resolve("maildir/alice"));
        assertThat(testbed.maildir("bob")).isEqualTo(dir.resolve("maildir/bob"));
    }

    @Test
    void envFileMissingAKeyIsRejectedWithTheKeyNamed() throws IOException {
        Path envFile = dir.resolve("testbed.env");
        Files.writeString(envFile, "# incomplete\nSMTP_TESTBED_HOST=localhost\n");

        assertThatIOException().isThrownBy(() -> PostfixTestbed.load(envFile)).withMessageContaining("SMTP_TESTBED_ADDRESS");
    }

    @Test
    void detectionExplainsAMissingEnvFile() {
        PostfixTestbed.Detection detection = PostfixTestbed.detect(dir.resolve("absent.env"));

        assertThat(detection.testbed()).isEmpty();
        assertThat(detection.explanation()).contains("absent.env");
    }

    @Test
    void detectionExplainsAPortThatDoesNotAnswer() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        PostfixTestbed.Detection detection = PostfixTestbed.detect(writeEnvFile(closedPort, closedPort));

        assertThat(detection.testbed()).isEmpty();
        assertThat(detection.explanation()).contains("127.0.0.1:" + closedPort, "does not answer");
    }

    @Test
    void detectionFindsATestbedWhosePortsAnswer() throws IOException {
        try (ServerSocket starttls = new ServerSocket(0); ServerSocket implicitTls = new ServerSocket(0)) {
            PostfixTestbed.Detection detection =
                    PostfixTestbed.detect(writeEnvFile(starttls.getLocalPort(), implicitTls.getLocalPort()));

            assertThat(detection.testbed()).isPresent();
        }
    }

    @Test
    void awaitDeliveryReturnsTheMessageHoldingTheToken() throws IOException {
        PostfixTestbed testbed = PostfixTestbed.load(writeEnvFile(10587, 10465));
        deliver("alice", "1.other", TRACE + "Message-ID: <other@client.test>\n\nbody\n");
        deliver("bob", "2.wanted", TRACE + "Message-ID: <wanted@client.test>\n\nbody\n");

        DeliveredMessage delivered = testbed.awaitDelivery("<wanted@client.test>", Duration.ofSeconds(5));

        assertThat(delivered.file()).isEqualTo(dir.resolve("maildir/bob/new/2.wanted"));
        assertThat(delivered.contentAsString()).isEqualTo("Message-ID: <wanted@client.test>\n\nbody\n");
    }

    @Test
    void awaitDeliveryForAUserLooksOnlyInThatMaildir() throws IOException {
        PostfixTestbed testbed = PostfixTestbed.load(writeEnvFile(10587, 10465));
        deliver("bob", "1.copy", TRACE + "Message-ID: <shared@client.test>\n\nbody\n");

        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> testbed.awaitDelivery("alice", "<shared@client.test>", Duration.ofMillis(50)))
                .withMessageContaining("<shared@client.test>")
                .withMessageContaining(dir.resolve("maildir/alice").toString())
                .withMessageContaining("postfix.log");
    }

    private void deliver(String user, String name, String stored) throws IOException {
        Path newDirectory = Files.createDirectories(dir.resolve("maildir").resolve(user).resolve("new"));
        Files.writeString(newDirectory.resolve(name), stored, StandardCharsets.UTF_8);
    }

    private Path writeEnvFile(int starttlsPort, int implicitTlsPort) throws IOException {
        Files.createDirectories(dir.resolve("maildir/alice/new"));
        Files.createDirectories(dir.resolve("maildir/bob/new"));
        Path envFile = dir.resolve("testbed.env");
        Files.writeString(envFile, String.join("\n",
                "# Written by scripts/testbed/start.sh",
                "SMTP_TESTBED_HOST=localhost",
                "SMTP_TESTBED_ADDRESS=127.0.0.1",
                "SMTP_TESTBED_STARTTLS_PORT=" + starttlsPort,
                "SMTP_TESTBED_IMPLICIT_TLS_PORT=" + implicitTlsPort,
                "SMTP_TESTBED_PLAIN_PORT=10025",
                "SMTP_TESTBED_DOMAIN=example.test",
                "SMTP_TESTBED_USER=alice@example.test",
                "SMTP_TESTBED_PASSWORD=alice-secret",
                "SMTP_TESTBED_USER2=bob@example.test",
                "SMTP_TESTBED_PASSWORD2=bob-secret",
                "SMTP_TESTBED_REJECT_RECIPIENT=reject550@example.test",
                "SMTP_TESTBED_DEFER_RECIPIENT=defer450@example.test",
                "SMTP_TESTBED_MESSAGE_SIZE_LIMIT=10240000",
                "SMTP_TESTBED_CA_CERT=" + dir.resolve("ca.pem"),
                "SMTP_TESTBED_MAILDIR_ROOT=" + dir.resolve("maildir"),
                "SMTP_TESTBED_POSTFIX_LOG=" + dir.resolve("postfix.log"),
                ""));
        return envFile;
    }
}
