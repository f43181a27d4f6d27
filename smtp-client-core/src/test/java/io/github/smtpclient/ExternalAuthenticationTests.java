package io.github.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.smtpclient.auth.AuthMechanism;
import io.github.smtpclient.testing.LoopbackServer;
import io.github.smtpclient.testing.TestPki;
import io.github.smtpclient.tls.ClientCertificate;
import io.github.smtpclient.tls.TlsEngine;
import io.github.smtpclient.tls.TlsMode;

/**
 * SASL EXTERNAL (RFC 4422) with the TLS client certificate, against a JSSE server that asks for one and accepts
 * {@code AUTH EXTERNAL} only when the handshake gave it a certificate. No server here offers EXTERNAL for SMTP over
 * a client certificate (Postfix's Dovecot SASL passes no certificate identity), so the server is the tests' own.
 */
class ExternalAuthenticationTests {

    private static final TestPki.Issued ROOT = TestPki.root("External Root");
    private static final TestPki.Issued SERVER = ROOT.issue(TestPki.leaf("localhost", "localhost"));
    private static final TestPki.Issued CLIENT_CA = TestPki.root("External Client CA");
    private static final TestPki.Issued CLIENT = CLIENT_CA.issue(TestPki.leaf("external-client")
            .extendedKeyUsage(KeyPurposeId.id_kp_clientAuth));

    private final BlockingQueue<String> authLines = new LinkedBlockingQueue<>();
    private LoopbackServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private void startServer() throws Exception {
        server = LoopbackServer.tls(SERVER.contextTrusting(CLIENT_CA.certificate()), socket -> {
            SSLSocket ssl = (SSLSocket) socket;
            ssl.setWantClientAuth(true);
            ssl.startHandshake();
            boolean presented = presented(ssl);
            LoopbackServer.writeLine(ssl, "220 localhost ESMTP");
            LoopbackServer.readLine(ssl);
            LoopbackServer.writeLine(ssl, "250-localhost");
            LoopbackServer.writeLine(ssl, "250 AUTH EXTERNAL PLAIN");
            String auth = LoopbackServer.readLine(ssl);
            authLines.add(auth);
            LoopbackServer.writeLine(ssl, presented && auth.startsWith("AUTH EXTERNAL ") ? "235 2.7.0 authenticated"
                    : "535 5.7.8 no certificate");
            if (LoopbackServer.readLine(ssl) != null) {
                LoopbackServer.writeLine(ssl, "221 bye");
            }
            LoopbackServer.drain(ssl);
        });
    }

    private static boolean presented(SSLSocket ssl) {
        try {
            return ssl.getSession().getPeerCertificates().length > 0;
        } catch (SSLPeerUnverifiedException none) {
            return false;
        }
    }

    private SmtpClient client(TlsEngine engine) {
        SmtpClient client = new SmtpClient();
        client.setDomain("client.example.test");
        client.tls().setEngine(engine);
        client.tls().setMode(TlsMode.IMPLICIT);
        client.tls().setTrustedCertificates(List.of(ROOT.certificate()));
        client.auth().setMechanisms(List.of(AuthMechanism.EXTERNAL));
        return client;
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void theClientCertificateAuthenticatesWithoutAUserName(TlsEngine engine) throws Exception {
        startServer();
        try (SmtpClient client = client(engine)) {
            client.tls().setClientCertificate(ClientCertificate.of(List.of(CLIENT.certificate()),
                    CLIENT.keys().getPrivate()));

            client.connect("localhost", server.port());
            client.disconnect();
        }
        assertThat(authLines.poll(5, TimeUnit.SECONDS)).isEqualTo("AUTH EXTERNAL =");
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void withoutACertificateExternalIsNotTriedAndTheSettingIsNamed(TlsEngine engine) throws Exception {
        startServer();
        try (SmtpClient client = client(engine)) {
            assertThatThrownBy(() -> client.connect("localhost", server.port()))
                    .isInstanceOfSatisfying(SmtpException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.AUTH_NOT_SUPPORTED);
                        assertThat(e.getMessage()).contains("tls().setClientCertificate");
                    });
        }
        assertThat(authLines.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }
}
