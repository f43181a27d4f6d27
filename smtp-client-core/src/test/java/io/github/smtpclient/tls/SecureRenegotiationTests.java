package io.github.smtpclient.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocket;

import org.bouncycastle.tls.TlsServerProtocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.smtpclient.SendResult;
import io.github.smtpclient.SmtpClient;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.event.SmtpListener;
import io.github.smtpclient.testing.BcTlsServer;
import io.github.smtpclient.testing.LoopbackServer;
import io.github.smtpclient.testing.ScriptedClients;
import io.github.smtpclient.testing.TestPki;

/**
 * RFC 5746 on both engines against a TLS 1.2 server that leaves renegotiation_info out of its ServerHello (an
 * in-process Bouncy Castle server: OpenSSL and SunJSSE always answer the client's offer, so no real server behaves
 * like one from before 2010 on demand). REQUIRED, the default, refuses it before any SMTP is sent; PREFERRED accepts it
 * and the mail goes through; a server with RFC 5746, and TLS 1.3, which has no renegotiation, pass either way.
 */
@ParameterizedClass
@EnumSource(TlsEngine.class)
class SecureRenegotiationTests {

    private static final TestPki.Issued ROOT = TestPki.root("Renegotiation Root");
    private static final TestPki.Issued LEAF = ROOT.issue(TestPki.leaf("localhost", "localhost"));

    @Parameter
    TlsEngine engine;

    private final CompletableFuture<String> received = new CompletableFuture<>();
    private LoopbackServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aServerWithoutRfc5746IsRefusedByDefaultNamingTheSettingAndNothingIsSent() throws Exception {
        startSmtpOver(new BcTlsServer(LEAF).withoutRenegotiationInfo());
        SmtpClient client = client();
        assertThat(client.tls().getSecureRenegotiation()).isEqualTo(SecureRenegotiation.REQUIRED);

        assertThatThrownBy(() -> client.connect("localhost", server.port())).isInstanceOfSatisfying(SmtpException.class,
                e -> {
                    assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.TLS_HANDSHAKE_FAILED);
                    assertThat(e.getMessage()).contains("without the renegotiation_info extension of RFC 5746")
                            .contains("tls().secureRenegotiation=REQUIRED")
                            .contains("tls().setSecureRenegotiation(SecureRenegotiation.PREFERRED)");
                });
        // Bouncy Castle stops at the ServerHello; JSSE finishes the handshake, then the client closes unheard.
        assertThat(received.get(10, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void preferredAcceptsAServerWithoutRfc5746AndTheMailGoesThrough() throws Exception {
        startSmtpOver(new BcTlsServer(LEAF).withoutRenegotiationInfo());
        try (SmtpClient client = client()) {
            client.tls().setSecureRenegotiation(SecureRenegotiation.PREFERRED);
            client.connect("localhost", server.port());
            assertThat(client.getTlsInfo().orElseThrow().protocol()).isEqualTo("TLSv1.2");

            SendResult result = client.sendBytes(("From: a@example.test\r\nTo: b@example.test\r\nSubject: legacy\r\n"
                    + "\r\nover a server without RFC 5746\r\n").getBytes(StandardCharsets.US_ASCII));

            assertThat(result.finalReply().code()).isEqualTo(250);
        }
        assertThat(received.get(10, TimeUnit.SECONDS)).contains("over a server without RFC 5746");
    }

    @Test
    void aServerWithRfc5746PassesEitherWay() throws Exception {
        startSmtpOver(new BcTlsServer(LEAF));
        for (SecureRenegotiation mode : SecureRenegotiation.values()) {
            TlsSettings settings = settings();
            settings.setSecureRenegotiation(mode);
            try (TlsLayer layer = handshake(settings)) {
                assertThat(layer.info().protocol()).isEqualTo("TLSv1.2");
            }
        }
    }

    @Test
    void tls13HasNoRenegotiationSoRequiredAcceptsIt() throws Exception {
        server = LoopbackServer.tls(LEAF.serverContext(), socket -> {
            ((SSLSocket) socket).startHandshake();
            LoopbackServer.drain(socket);
        }, "TLSv1.3");
        try (TlsLayer layer = handshake(settings())) {
            assertThat(layer.info().protocol()).isEqualTo("TLSv1.3");
        }
    }

    /** One SMTP session over the Bouncy Castle server; {@link #received} completes with the message data, or "". */
    private void startSmtpOver(BcTlsServer tls) throws IOException {
        server = LoopbackServer.plain(socket -> {
            TlsServerProtocol protocol;
            try {
                protocol = tls.accept(socket);
            } catch (IOException refusedByTheClient) {
                received.complete("");
                return;
            }
            InputStream in = protocol.getInputStream();
            OutputStream out = protocol.getOutputStream();
            LoopbackServer.writeLine(out, "220 legacy.example.test ESMTP");
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            try {
                for (String line; (line = LoopbackServer.readLine(in)) != null; ) {
                    if (line.startsWith("EHLO")) {
                        LoopbackServer.writeLine(out, "250 legacy.example.test");
                    } else if (line.equals("DATA")) {
                        LoopbackServer.writeLine(out, "354 go ahead");
                        for (String body; !(body = LoopbackServer.readLine(in)).equals("."); ) {
                            data.write((body + "\n").getBytes(StandardCharsets.US_ASCII));
                        }
                        LoopbackServer.writeLine(out, "250 2.0.0 queued");
                    } else if (line.equals("QUIT")) {
                        LoopbackServer.writeLine(out, "221 bye");
                        break;
                    } else {
                        LoopbackServer.writeLine(out, "250 2.1.0 ok");
                    }
                }
            } catch (IOException closedByTheClient) {
                // JSSE's refusal closes the connection after the handshake: nothing was sent.
            }
            received.complete(data.toString(StandardCharsets.US_ASCII));
            protocol.close();
        });
    }

    private SmtpClient client() {
        SmtpClient client = ScriptedClients.plainClient(SmtpListener.NONE);
        client.socket().setTimeout(Duration.ofSeconds(10));
        client.tls().setMode(TlsMode.IMPLICIT);
        client.tls().setEngine(engine);
        client.tls().setTrustedCertificates(List.of(ROOT.certificate()));
        return client;
    }

    private TlsSettings settings() {
        TlsSettings settings = new TlsSettings();
        settings.setEngine(engine);
        settings.setTrustedCertificates(List.of(ROOT.certificate()));
        settings.setUseSessionResumption(false);
        return settings;
    }

    private TlsLayer handshake(TlsSettings settings) throws Exception {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        socket.setSoTimeout(10_000);
        return new TlsHandshaker(settings, SmtpListener.NONE).handshake(socket, "localhost", server.port(), true);
    }
}
