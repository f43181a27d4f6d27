package io.github.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.smtpclient.auth.AuthMechanism;
import io.github.smtpclient.testing.BcExporterServer;
import io.github.smtpclient.testing.ScramServer;
import io.github.smtpclient.testing.ScriptedClients;
import io.github.smtpclient.testing.ScriptedSmtpServer;
import io.github.smtpclient.testing.TestCertificates;
import io.github.smtpclient.tls.TlsEngine;
import io.github.smtpclient.tls.TlsMode;

/**
 * SCRAM-PLUS over TLS against a server that checks the binding of its own end of the channel: on TLS 1.3 with the
 * Bouncy Castle engine its exporter ({@code tls-exporter}, RFC 9266), computed by a Bouncy Castle TLS server
 * ({@link BcExporterServer}); otherwise the hash of its certificate ({@code tls-server-end-point}, RFC 5929), as JSSE on
 * TLS 1.3 and both engines on TLS 1.2 give. A scripted server, because no server in Debian 12 offers SCRAM-PLUS
 * (Dovecot 2.3 has none, and Postfix hands no binding to its SASL server); ChannelBindingInteropTests checks the
 * bindings against OpenSSL's.
 */
class ScramChannelBindingTests {

    private static final TestCertificates CERTIFICATES = TestCertificates.forLocalhost();
    private static final String PASSWORD = "pencil";

    static Stream<Arguments> serverEndPointConnections() {
        return Stream.of(Arguments.of(TlsEngine.BOUNCY_CASTLE, "TLSv1.2"), Arguments.of(TlsEngine.JSSE, "TLSv1.2"),
                Arguments.of(TlsEngine.JSSE, "TLSv1.3"));
    }

    /** Connections on which the client could bind, for the rules about the unbound mechanisms. */
    static Stream<Arguments> bindableConnections() {
        return Stream.of(Arguments.of(TlsEngine.BOUNCY_CASTLE, "TLSv1.2"), Arguments.of(TlsEngine.JSSE, "TLSv1.2"),
                Arguments.of(TlsEngine.BOUNCY_CASTLE, "TLSv1.3"));
    }

    /** The binding the server computes for itself, apart from the client's code: SHA-256 of its certificate. */
    private static ChannelBinding serversOwnEndPoint() throws Exception {
        assertThat(CERTIFICATES.serverCertificate().getSigAlgName()).isEqualTo("SHA256withRSA");
        return ChannelBinding.of("tls-server-end-point",
                MessageDigest.getInstance("SHA-256").digest(CERTIFICATES.serverCertificate().getEncoded()));
    }

    private static SmtpClient client(TlsEngine engine, String version) {
        SmtpClient client = ScriptedClients.plainClient(new RecordingListener());
        client.tls().setMode(TlsMode.IMPLICIT);
        client.tls().setEngine(engine);
        client.tls().setVersions(List.of(version));
        client.tls().setTrustedCertificates(List.of(CERTIFICATES.caCertificate()));
        client.auth().setUsername("user");
        client.auth().setPassword(PASSWORD);
        return client;
    }

    private static ScriptedSmtpServer openWithAuth(ScriptedSmtpServer script, String mechanisms) {
        return script.startTls(CERTIFICATES.serverContext()).send("220 scripted ESMTP\r\n").expect("EHLO ")
                .send("250-scripted\r\n250 AUTH " + mechanisms + "\r\n");
    }

    private static ScriptedSmtpServer openWithAuth(ScriptedSmtpServer script, BcExporterServer tls, String mechanisms) {
        return script.startTls(tls).send("220 scripted ESMTP\r\n").expect("EHLO ")
                .send("250-scripted\r\n250 AUTH " + mechanisms + "\r\n");
    }

    private static void scramExchange(ScriptedSmtpServer script, ScramServer scram) {
        script.answer("client-first", scram::answerClientFirst).answer("client-final", scram::answerClientFinal)
                .expect("^$").send("235 2.7.0 authenticated\r\n");
    }

    @ParameterizedTest
    @MethodSource("serverEndPointConnections")
    void plusIsPreferredAndBindsTheServersCertificate(TlsEngine engine, String version) throws Exception {
        ScramServer scram = new ScramServer("SHA-256", PASSWORD, true, serversOwnEndPoint());
        try (ScriptedSmtpServer server = new ScriptedSmtpServer();
                SmtpClient client = client(engine, version)) {
            openWithAuth(server, "PLAIN SCRAM-SHA-256 SCRAM-SHA-256-PLUS");
            scramExchange(server, scram);
            server.expect("QUIT").send("221 bye\r\n").start();

            client.connect("localhost", server.port());
            client.disconnect();
            server.awaitCompletion();

            assertThat(scram.gs2Header()).isEqualTo("p=tls-server-end-point,,");
            assertThat(server.received()).anyMatch(line -> line.startsWith("AUTH SCRAM-SHA-256-PLUS "));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"SHA-256", "SHA-1"})
    void onTls13OverBouncyCastlePlusBindsTheServersExporter(String hash) throws Exception {
        BcExporterServer tls = new BcExporterServer(CERTIFICATES);
        ScramServer scram = ScramServer.bindingLater(hash, PASSWORD, true, tls::exporterBinding);
        String plus = "SCRAM-" + hash + "-PLUS";
        try (ScriptedSmtpServer server = new ScriptedSmtpServer();
                SmtpClient client = client(TlsEngine.BOUNCY_CASTLE, "TLSv1.3")) {
            openWithAuth(server, tls, "PLAIN SCRAM-" + hash + " " + plus);
            scramExchange(server, scram);
            server.expect("QUIT").send("221 bye\r\n").start();

            client.connect("localhost", server.port());
            client.disconnect();
            server.awaitCompletion();

            assertThat(scram.gs2Header()).isEqualTo("p=tls-exporter,,");
            assertThat(server.received()).anyMatch(line -> line.startsWith("AUTH " + plus + " "));
            assertThat(tls.exporterBinding().data()).hasSize(32);
        }
    }

    @Test
    void onTls13AnExporterThatIsNotTheServersFailsAuthentication() throws Exception {
        // A man in the middle runs a TLS channel to each side, whose exporters differ; here the server's by one bit.
        BcExporterServer tls = new BcExporterServer(CERTIFICATES);
        ScramServer scram = ScramServer.bindingLater("SHA-256", PASSWORD, true, () -> {
            byte[] other = tls.exporterBinding().data();
            other[0] ^= 1;
            return ChannelBinding.of(ChannelBinding.TLS_EXPORTER, other);
        });
        try (ScriptedSmtpServer server = new ScriptedSmtpServer();
                SmtpClient client = client(TlsEngine.BOUNCY_CASTLE, "TLSv1.3")) {
            openWithAuth(server, tls, "SCRAM-SHA-256-PLUS");
            server.answer("client-first", scram::answerClientFirst).answer("client-final", scram::answerClientFinal)
                    .start();

            assertThatThrownBy(() -> client.connect("localhost", server.port()))
                    .isInstanceOfSatisfying(SmtpException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.AUTH_FAILED);
                        assertThat(e.reply()).hasValueSatisfying(reply -> assertThat(reply.text())
                                .contains("channel bindings don't match"));
                    });
            server.awaitCompletion();
            assertThat(scram.gs2Header()).isEqualTo("p=tls-exporter,,");
        }
    }

    @Test
    void onTls13OverBouncyCastleAServerThatKnowsOnlyTheCertificateHashRefusesTheExporter() throws Exception {
        // RFC 5802 section 5.1: the server names the binding types it supports; this one has tls-server-end-point only.
        ScramServer scram = new ScramServer("SHA-256", PASSWORD, true, serversOwnEndPoint());
        try (ScriptedSmtpServer server = new ScriptedSmtpServer();
                SmtpClient client = client(TlsEngine.BOUNCY_CASTLE, "TLSv1.3")) {
            openWithAuth(server, "SCRAM-SHA-256-PLUS");
            server.answer("client-first", scram::answerClientFirst).answer("client-final", scram::answerClientFinal)
                    .start();

            assertThatThrownBy(() -> client.connect("localhost", server.port()))
                    .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                            .isEqualTo(SmtpErrorCode.AUTH_FAILED));
            server.awaitCompletion();
            assertThat(scram.gs2Header()).isEqualTo("p=tls-exporter,,");
        }
    }

    @Test
    void aChannelThatIsNotTheServersFailsAuthentication() throws Exception {
        // The server's end of the channel is not the client's: a man in the middle presenting another certificate.
        ChannelBinding otherEnd = ChannelBinding.of("tls-server-end-point", new byte[32]);
        ScramServer scram = new ScramServer("SHA-256", PASSWORD, true, otherEnd);
        try (ScriptedSmtpServer server = new ScriptedSmtpServer();
                SmtpClient client = client(TlsEngine.BOUNCY_CASTLE, "TLSv1.2")) {
            openWithAuth(server, "SCRAM-SHA-256-PLUS");
            server.answer("client-first", scram::answerClientFirst).answer("client-final", scram::answerClientFinal)
                    .start();

            assertThatThrownBy(() -> client.connect("localhost", server.port()))
                    .isInstanceOfSatisfying(SmtpException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.AUTH_FAILED);
                        assertThat(e.reply()).hasValueSatisfying(reply -> assertThat(reply.text())
                                .contains("channel bindings don't match"));
                    });
            server.awaitCompletion();
        }
    }

    @ParameterizedTest
    @MethodSource("bindableConnections")
    void unboundScramOverTlsTellsTheServerItCouldHaveBound(TlsEngine engine, String version) throws Exception {
        ScramServer scram = new ScramServer("SHA-256", PASSWORD, false, serversOwnEndPoint());
        try (ScriptedSmtpServer server = new ScriptedSmtpServer();
                SmtpClient client = client(engine, version)) {
            openWithAuth(server, "SCRAM-SHA-256");
            scramExchange(server, scram);
            server.expect("QUIT").send("221 bye\r\n").start();

            client.connect("localhost", server.port());
            client.disconnect();
            server.awaitCompletion();

            assertThat(scram.gs2Header()).isEqualTo("y,,");
        }
    }

    @ParameterizedTest
    @MethodSource("bindableConnections")
    void scramWithoutBindingIsNotTriedWhenTheServerOffersPlusOverThisTls(TlsEngine engine, String version)
            throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer();
                SmtpClient client = client(engine, version)) {
            client.auth().setMechanisms(List.of(AuthMechanism.SCRAM_SHA_256));
            openWithAuth(server, "SCRAM-SHA-256 SCRAM-SHA-256-PLUS").start();

            assertThatThrownBy(() -> client.connect("localhost", server.port()))
                    .isInstanceOfSatisfying(SmtpException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.AUTH_NOT_SUPPORTED);
                        assertThat(e.getMessage()).contains("downgrade", "-PLUS");
                    });
            server.awaitCompletion();
            assertThat(server.received()).noneMatch(line -> line.startsWith("AUTH"));
        }
    }

    @Test
    void withoutTlsThePlusMechanismsAreLeftOutAndScramSaysItCannotBind() throws Exception {
        ScramServer scram = new ScramServer("SHA-256", PASSWORD, true, null);
        try (ScriptedSmtpServer server = new ScriptedSmtpServer();
                SmtpClient client = ScriptedClients.plainClient(new RecordingListener())) {
            client.auth().setUsername("user");
            client.auth().setPassword(PASSWORD);
            server.send("220 scripted ESMTP\r\n").expect("EHLO ")
                    .send("250-scripted\r\n250 AUTH SCRAM-SHA-256-PLUS SCRAM-SHA-256\r\n");
            scramExchange(server, scram);
            server.expect("QUIT").send("221 bye\r\n").start();

            client.connect("127.0.0.1", server.port());
            client.disconnect();
            server.awaitCompletion();

            assertThat(scram.gs2Header()).isEqualTo("n,,");
            assertThat(server.received()).anyMatch(line -> line.startsWith("AUTH SCRAM-SHA-256 "));
        }
    }
}
