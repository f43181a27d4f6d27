package io.github.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.smtpclient.auth.AuthMechanism;
import io.github.smtpclient.event.NotificationEvent;
import io.github.smtpclient.testing.InProcessSmtpServer;
import io.github.smtpclient.testing.TestCertificates;
import io.github.smtpclient.tls.TlsMode;

/** End-to-end behaviour of {@link SmtpClient} against a real SMTP server (SubEthaSMTP) in the test's JVM. */
class SmtpClientTests {

    private static final TestCertificates CERTIFICATES = TestCertificates.forLocalhost();
    private static InProcessSmtpServer secureServer;

    @BeforeAll
    static void startServer() {
        secureServer = InProcessSmtpServer.startRequiringTlsAndAuth(CERTIFICATES);
    }

    @AfterAll
    static void stopServer() {
        secureServer.close();
    }

    private final RecordingListener events = new RecordingListener();

    private SmtpClient trustingClient() {
        SmtpClient client = new SmtpClient();
        client.tls().setTrustedCertificates(List.of(CERTIFICATES.caCertificate()));
        client.auth().setUsername(InProcessSmtpServer.USER);
        client.auth().setPassword(InProcessSmtpServer.PASSWORD);
        client.setListener(events);
        return client;
    }

    static byte[] message(String id, String extraHeaders, String body) {
        return ("From: Alice <alice@example.test>\r\n"
                + "To: Bob <bob@example.test>\r\n"
                + extraHeaders
                + "Subject: test " + id + "\r\n"
                + "Message-ID: <" + id + "@example.test>\r\n"
                + "\r\n" + body).getBytes(StandardCharsets.UTF_8);
    }

    private List<InProcessSmtpServer.Received> receivedWith(String id) {
        return secureServer.received().stream()
                .filter(r -> new String(r.data(), StandardCharsets.UTF_8).contains("<" + id + "@example.test>"))
                .toList();
    }

    @Test
    void sendsThroughStartTlsAndAuthPlainWithTheBytesIntact() throws Exception {
        byte[] sent = message("plain", "", "Hello\r\n.leading dot\r\n..two dots\r\nlast line\r\n");
        try (SmtpClient client = trustingClient()) {
            client.connect("localhost", secureServer.port());
            assertThat(client.getTlsInfo()).isPresent();
            ConnectionInfo before = client.getConnectionInfo().orElseThrow();
            SendResult result = client.sendBytes(sent);
            ConnectionInfo after = client.getConnectionInfo().orElseThrow();
            assertThat(after.isSecure()).isTrue();
            assertThat(after.remoteAddress().getPort()).isEqualTo(secureServer.port());
            assertThat(after.bytesSent() - before.bytesSent()).isGreaterThan(sent.length);
            assertThat(after.bytesReceived()).isGreaterThan(before.bytesReceived());
            assertThat(result.acceptedRecipients()).extracting(RecipientResult::address).containsExactly("bob@example.test");
            assertThat(result.finalReply().code()).isEqualTo(250);
            assertThat(result.messageId()).contains("<plain@example.test>");
        }
        List<InProcessSmtpServer.Received> received = receivedWith("plain");
        assertThat(received).hasSize(1);
        assertThat(received.get(0).from()).isEqualTo("alice@example.test");
        assertThat(new String(received.get(0).data(), StandardCharsets.UTF_8))
                .endsWith(new String(sent, StandardCharsets.UTF_8));
        assertThat(events.commands).contains("STARTTLS", "AUTH PLAIN ****").noneMatch(c -> c.contains("wonderland"));
    }

    @Test
    void authLoginIsUsedWhenConfiguredAndItsSecretsAreMasked() throws Exception {
        try (SmtpClient client = trustingClient()) {
            client.auth().setMechanisms(List.of(AuthMechanism.LOGIN));
            client.connect("localhost", secureServer.port());
            client.sendBytes(message("login", "", "via LOGIN\r\n"));
        }
        assertThat(receivedWith("login")).hasSize(1);
        assertThat(events.commands).contains("AUTH LOGIN").contains("****")
                .noneMatch(c -> c.contains("YWxpY2U") || c.contains("wonderland"));
    }

    @Test
    void capabilitiesAreForgottenAndAskedAgainAfterStartTls() throws Exception {
        try (SmtpClient client = trustingClient()) {
            client.connect("localhost", secureServer.port());
            assertThat(events.commands.stream().filter(c -> c.startsWith("EHLO")).count()).isEqualTo(2);
            assertThat(client.getServerInfo().isAuthPlainSupported()).isTrue();
            assertThat(client.getServerInfo().isChunkingSupported()).isTrue();
        }
    }

    @Test
    void wrongPasswordFailsWithAuthFailed() {
        try (SmtpClient client = trustingClient()) {
            client.auth().setPassword("not-the-password");
            assertThatThrownBy(() -> client.connect("localhost", secureServer.port()))
                    .isInstanceOfSatisfying(SmtpException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.AUTH_FAILED);
                        assertThat(e.replyCode()).isEqualTo(535);
                    });
            assertThat(client.isConnected()).isFalse();
            assertThat(events.errors).extracting(SmtpException::errorCode).contains(SmtpErrorCode.AUTH_FAILED);
        }
    }

    @Test
    void untrustedCertificateIsRejected() {
        try (SmtpClient client = new SmtpClient()) {
            client.setListener(events);
            assertThatThrownBy(() -> client.connect("localhost", secureServer.port()))
                    .isInstanceOfSatisfying(SmtpException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.CERTIFICATE_REJECTED));
        }
    }

    @Test
    void turningValidationOffIsAnnouncedAsAWarning() throws Exception {
        try (SmtpClient client = new SmtpClient()) {
            client.tls().setValidateCertificates(false);
            client.auth().setUsername(InProcessSmtpServer.USER);
            client.auth().setPassword(InProcessSmtpServer.PASSWORD);
            client.setListener(events);
            client.connect("localhost", secureServer.port());
            assertThat(client.isConnected()).isTrue();
        }
        assertThat(events.notified(NotificationEvent.Kind.CERTIFICATE_VALIDATION_DISABLED)).isTrue();
    }

    @Test
    void binaryModeSendsWithBdatChunks() throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            body.append("line ").append(i).append(" with bytes \u00e9\u00e8\r\n");
        }
        byte[] sent = message("bdat", "", body.toString());
        try (SmtpClient client = trustingClient()) {
            client.transfer().setBinaryMode(true);
            client.transfer().setBinaryChunkSize(8192);
            client.connect("localhost", secureServer.port());
            SendResult result = client.sendBytes(sent);
            assertThat(result.bytesSent()).isEqualTo(sent.length);
        }
        assertThat(events.commands).anyMatch(c -> c.equals("BDAT 8192")).anyMatch(c -> c.endsWith(" LAST"))
                .doesNotContain("DATA");
        assertThat(receivedWith("bdat").get(0).data()).endsWith(sent);
    }

    @Test
    void someRejectedRecipientsDoNotStopTheMessage() throws Exception {
        try (SmtpClient client = trustingClient()) {
            client.connect("localhost", secureServer.port());
            SendResult result = client.sendBytes(Envelope.of("alice@example.test", "bob@example.test",
                    "reject-me@example.test"), message("partial", "", "partly\r\n"));
            assertThat(result.isPartial()).isTrue();
            assertThat(result.rejectedRecipients()).extracting(RecipientResult::address)
                    .containsExactly("reject-me@example.test");
            assertThat(result.rejectedRecipients().get(0).reply().isPermanentFailure()).isTrue();
        }
        assertThat(events.notified(NotificationEvent.Kind.RECIPIENTS_REJECTED)).isTrue();
    }

    @Test
    void whenEveryRecipientIsRejectedNoDataIsSentAndTheConnectionStaysUsable() throws Exception {
        try (SmtpClient client = trustingClient()) {
            client.connect("localhost", secureServer.port());
            assertThatThrownBy(() -> client.sendBytes(Envelope.of("alice@example.test", "reject1@example.test",
                    "reject2@example.test"), message("allrejected", "", "never\r\n")))
                    .isInstanceOfSatisfying(SmtpException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.ALL_RECIPIENTS_REJECTED);
                        assertThat(e.getMessage()).contains("reject1@example.test", "reject2@example.test");
                    });
            assertThat(events.commands).doesNotContain("DATA").contains("RSET");
            assertThat(client.isConnected()).isTrue();
            client.sendBytes(message("afterrejection", "", "still works\r\n"));
        }
        assertThat(receivedWith("allrejected")).isEmpty();
        assertThat(receivedWith("afterrejection")).hasSize(1);
    }

    @Test
    void severalMessagesTravelOverOneConnection() throws Exception {
        try (SmtpClient client = trustingClient()) {
            client.connect("localhost", secureServer.port());
            for (int i = 0; i < 3; i++) {
                client.sendBytes(message("several" + i, "", "message " + i + "\r\n"));
            }
        }
        assertThat(events.commands.stream().filter(c -> c.startsWith("AUTH")).count()).isEqualTo(1);
        for (int i = 0; i < 3; i++) {
            assertThat(receivedWith("several" + i)).hasSize(1);
        }
    }

    @Test
    void bccIsInTheEnvelopeButRemovedFromTheWire(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("bcc.eml"), message("bcc", "Bcc: Hidden <hidden@example.test>\r\n",
                "secret copy\r\n"));
        try (SmtpClient client = trustingClient()) {
            client.connect("localhost", secureServer.port());
            SendResult result = client.sendFile(file);
            assertThat(result.acceptedRecipients()).extracting(RecipientResult::address)
                    .containsExactly("bob@example.test", "hidden@example.test");
        }
        List<InProcessSmtpServer.Received> received = receivedWith("bcc");
        assertThat(received).extracting(InProcessSmtpServer.Received::to)
                .containsExactlyInAnyOrder("bob@example.test", "hidden@example.test");
        assertThat(new String(received.get(0).data(), StandardCharsets.UTF_8)).doesNotContain("hidden@example.test")
                .doesNotContainIgnoringCase("Bcc:");
    }

    @Test
    void aStreamIsSentToItsEndAndProgressIsReported() throws Exception {
        byte[] sent = message("stream", "", ("x".repeat(98) + "\r\n").repeat(2_000));
        try (SmtpClient client = trustingClient()) {
            client.connect("localhost", secureServer.port());
            client.sendStream(new ByteArrayInputStream(sent));
        }
        assertThat(receivedWith("stream").get(0).data()).endsWith(sent);
        assertThat(events.progress).isNotEmpty().isSorted();
        assertThat(events.progress.get(events.progress.size() - 1)).isEqualTo(sent.length);
        assertThat(events.dataBytes).isGreaterThanOrEqualTo(sent.length);
    }

    @Test
    void aListenerCanCancelTheTransferAndNothingIsDelivered() throws Exception {
        byte[] sent = message("cancelled", "", ("z".repeat(98) + "\r\n").repeat(10_000));
        try (SmtpClient client = trustingClient()) {
            client.setListener(new RecordingListener() {
                @Override
                public void progress(io.github.smtpclient.event.ProgressEvent event) {
                    event.cancel();
                }
            });
            client.connect("localhost", secureServer.port());
            assertThatThrownBy(() -> client.sendBytes(sent))
                    .isInstanceOfSatisfying(SmtpException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.CANCELLED));
            assertThat(client.isConnected()).isFalse();
        }
        assertThat(receivedWith("cancelled")).isEmpty();
    }

    @Test
    void aBeforeAuthListenerSeesTheCandidatesAndCanChooseTheMechanism() throws Exception {
        try (SmtpClient client = trustingClient()) {
            client.setListener(new RecordingListener() {
                @Override
                public void beforeAuth(io.github.smtpclient.event.BeforeAuthEvent event) {
                    assertThat(event.candidates()).containsExactly("PLAIN", "LOGIN");
                    event.setMechanism("LOGIN");
                    super.beforeAuth(event);
                }

                @Override
                public void command(io.github.smtpclient.event.CommandEvent event) {
                    events.command(event);
                }
            });
            client.connect("localhost", secureServer.port());
        }
        assertThat(events.commands).contains("AUTH LOGIN").doesNotContain("AUTH PLAIN ****");
    }

    @Test
    void aThrowingListenerIsSkippedAndTheSendGoesOn() throws Exception {
        try (SmtpClient client = trustingClient()) {
            client.setListener(new RecordingListener() {
                @Override
                public void command(io.github.smtpclient.event.CommandEvent event) {
                    throw new IllegalStateException("a broken listener");
                }
            });
            client.connect("localhost", secureServer.port());
            client.sendBytes(message("throwinglistener", "", "still sent\r\n"));
        }
        assertThat(receivedWith("throwinglistener")).hasSize(1);
    }

    @Test
    void explicitTlsFailsClearlyWhenTheServerDoesNotOfferStartTls() {
        try (InProcessSmtpServer plain = InProcessSmtpServer.startPlain(); SmtpClient client = new SmtpClient()) {
            client.tls().setMode(TlsMode.EXPLICIT);
            assertThatThrownBy(() -> client.connect("localhost", plain.port()))
                    .isInstanceOfSatisfying(SmtpException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.TLS_NOT_AVAILABLE);
                        assertThat(e.getMessage()).contains("STARTTLS");
                    });
        }
    }

    @Test
    void mixedModeContinuesInPlaintextAndSaysSo() throws Exception {
        try (InProcessSmtpServer plain = InProcessSmtpServer.startPlain(); SmtpClient client = new SmtpClient()) {
            client.tls().setMode(TlsMode.MIXED);
            client.setListener(events);
            client.connect("localhost", plain.port());
            client.sendBytes(message("mixed", "", "plaintext\r\n"));
            assertThat(plain.received()).hasSize(1);
        }
        assertThat(events.notified(NotificationEvent.Kind.TLS_NOT_OFFERED)).isTrue();
    }

    @Test
    void credentialsOverPlaintextAreRefusedWhenTheLoopbackExemptionIsRemoved() {
        try (InProcessSmtpServer plain = InProcessSmtpServer.startPlain(); SmtpClient client = new SmtpClient()) {
            client.tls().setMode(TlsMode.NONE);
            client.auth().setUsername(InProcessSmtpServer.USER);
            client.auth().setPassword(InProcessSmtpServer.PASSWORD);
            client.auth().setAllowLoopbackPlaintext(false);
            client.setListener(events);
            assertThatThrownBy(() -> client.connect("localhost", plain.port()))
                    .isInstanceOfSatisfying(SmtpException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.AUTH_REQUIRES_ENCRYPTION));
            assertThat(events.commands).noneMatch(c -> c.startsWith("AUTH"));
        }
    }

    @Test
    void credentialsOverPlaintextToLoopbackAreAllowedByDefault() throws Exception {
        try (InProcessSmtpServer plain = InProcessSmtpServer.startPlain(); SmtpClient client = new SmtpClient()) {
            client.tls().setMode(TlsMode.NONE);
            client.auth().setUsername(InProcessSmtpServer.USER);
            client.auth().setPassword(InProcessSmtpServer.PASSWORD);
            client.connect("localhost", plain.port());
            assertThat(client.isConnected()).isTrue();
        }
    }

    @Test
    void sendingWithoutAConnectionSaysToConnectFirst() {
        try (SmtpClient client = new SmtpClient()) {
            assertThatThrownBy(() -> client.sendBytes(message("none", "", "x\r\n")))
                    .isInstanceOfSatisfying(SmtpException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.NOT_CONNECTED);
                        assertThat(e.getMessage()).contains("connect(");
                    });
        }
    }

    @Test
    void disconnectIsSafeTwice() throws Exception {
        SmtpClient client = trustingClient();
        client.connect("localhost", secureServer.port());
        client.disconnect();
        client.disconnect();
        assertThat(client.isConnected()).isFalse();
        assertThat(events.commands.stream().filter("QUIT"::equals).count()).isEqualTo(1);
    }

    @Test
    void aMessageWithoutRecipientsNeedsAnExplicitEnvelope() throws Exception {
        byte[] noRecipients = "From: a@example.test\r\nSubject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        try (SmtpClient client = trustingClient()) {
            client.connect("localhost", secureServer.port());
            assertThatThrownBy(() -> client.sendBytes(noRecipients))
                    .isInstanceOfSatisfying(SmtpException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.INVALID_ARGUMENT));
            assertThat(client.isConnected()).isTrue();
        }
    }

    @Test
    void anAddressCannotSmuggleParametersOrCommands() throws Exception {
        try (SmtpClient client = trustingClient()) {
            client.connect("localhost", secureServer.port());
            for (String evil : List.of("bob@example.test> NOTIFY=NEVER", "bob@example.test\r\nRCPT TO:<x@y.test>",
                    "bob@example.test\nDATA")) {
                assertThatThrownBy(() -> client.sendBytes(Envelope.of("alice@example.test", evil),
                        message("evil", "", "x\r\n")))
                        .isInstanceOfSatisfying(SmtpException.class,
                                e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.INVALID_ARGUMENT));
            }
            assertThat(client.isConnected()).isTrue();
        }
        assertThat(receivedWith("evil")).isEmpty();
    }

    @Test
    void theDomainMustBeANameOrAnAddressLiteral() {
        SmtpClient client = new SmtpClient();
        client.setDomain("client.example.test");
        client.setDomain("[192.0.2.1]");
        client.setDomain("[IPv6:2001:db8::1]");
        assertThatThrownBy(() -> client.setDomain("evil\r\nMAIL FROM:<x@y>")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Domain");
        assertThatThrownBy(() -> client.setDomain("has space")).isInstanceOf(IllegalArgumentException.class);
    }
}
