package io.github.smtpclient.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.smtpclient.event.SmtpListener;
import io.github.smtpclient.testing.LoopbackServer;
import io.github.smtpclient.testing.TestPki;

/**
 * The negotiated details on {@link TlsConnectionInfo}, checked against what the server's side of the same
 * connection says. Fields an engine cannot see must be empty, never guessed.
 */
@ParameterizedClass
@EnumSource(TlsEngine.class)
class TlsConnectionDetailsTests {

    private static final TestPki.Issued ROOT = TestPki.root("Details Root");
    private static final TestPki.Issued EC_LEAF = ROOT.issue(TestPki.leaf("localhost", "localhost"));
    private static final TestPki.Issued RSA_LEAF = ROOT.issue(TestPki.leaf("localhost", "localhost").rsa(2048));
    private static final TestPki.Issued CLIENT = ROOT.issue(TestPki.leaf("client")
            .extendedKeyUsage(KeyPurposeId.id_kp_clientAuth));

    @Parameter
    TlsEngine engine;

    private final BlockingQueue<SSLSession> serverSessions = new LinkedBlockingQueue<>();
    private LoopbackServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void tls13DetailsMatchTheServersView() throws Exception {
        start(EC_LEAF, false);

        try (TlsLayer layer = handshake(settings())) {
            TlsConnectionInfo info = layer.info();
            SSLSession serverSide = serverSessions.poll(10, TimeUnit.SECONDS);
            assertThat(info.engine()).isEqualTo(engine);
            assertThat(info.protocol()).isEqualTo(serverSide.getProtocol()).isEqualTo("TLSv1.3");
            assertThat(info.cipherSuite()).isEqualTo(serverSide.getCipherSuite());
            assertThat(info.aeadCipher()).contains(true);
            assertThat(info.encryptionAlgorithm()).hasValueSatisfying(name -> assertThat(info.cipherSuite())
                    .contains(name.replace("_POLY1305", "")));
            assertThat(info.symmetricKeyBits()).hasValue(info.cipherSuite().contains("AES_128") ? 128 : 256);
            assertThat(info.symmetricBlockSize()).hasValue(info.cipherSuite().contains("CHACHA20") ? 0 : 128);
            assertThat(info.exportable()).contains(false);
            assertThat(info.pfsCipher()).contains(true);
            assertThat(info.publicKeyBits()).hasValue(256);
            assertThat(info.resumedSession()).contains(false);
            assertThat(info.clientAuthRequested()).contains(false);
            assertThat(info.clientAuthenticated()).isFalse();
            if (engine == TlsEngine.BOUNCY_CASTLE) {
                assertThat(info.namedGroup()).isPresent();
                assertThat(info.keyExchangeAlgorithm()).contains("ECDHE");
                assertThat(info.keyExchangeKeyBits()).hasValue(fieldBits(info.namedGroup().orElseThrow()));
                assertThat(info.signatureAlgorithm()).contains("ecdsa_secp256r1_sha256");
                assertThat(info.digestAlgorithm()).contains(info.cipherSuite().endsWith("SHA384") ? "SHA384" : "SHA256");
                assertThat(info.connectionId()).hasValueSatisfying(id -> assertThat(id).hasSize(32));
            } else {
                assertThat(info.namedGroup()).isEmpty();
                assertThat(info.keyExchangeAlgorithm()).isEmpty();
                assertThat(info.keyExchangeKeyBits()).isEmpty();
                assertThat(info.signatureAlgorithm()).isEmpty();
                assertThat(info.digestAlgorithm()).isEmpty();
                assertThat(info.connectionId()).isEmpty();
            }
        }
    }

    @Test
    void tls12EcdheRsaDetails() throws Exception {
        start(RSA_LEAF, false, "TLSv1.2");
        TlsSettings settings = settings();
        settings.setCipherSuites(List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));

        try (TlsLayer layer = handshake(settings)) {
            TlsConnectionInfo info = layer.info();
            assertThat(serverSessions.poll(10, TimeUnit.SECONDS).getCipherSuite())
                    .isEqualTo("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
            assertThat(info.protocol()).isEqualTo("TLSv1.2");
            assertThat(info.keyExchangeAlgorithm()).contains("ECDHE_RSA");
            assertThat(info.encryptionAlgorithm()).contains("AES_128_GCM");
            assertThat(info.symmetricKeyBits()).hasValue(128);
            assertThat(info.pfsCipher()).contains(true);
            assertThat(info.publicKeyBits()).hasValue(2048);
            if (engine == TlsEngine.BOUNCY_CASTLE) {
                assertThat(info.namedGroup()).isPresent();
                assertThat(info.keyExchangeKeyBits()).hasValue(fieldBits(info.namedGroup().orElseThrow()));
                assertThat(info.signatureAlgorithm()).hasValueSatisfying(scheme -> assertThat(scheme).startsWith("rsa_"));
                assertThat(info.digestAlgorithm()).contains("SHA256");
                assertThat(info.connectionId()).isPresent();
            } else {
                assertThat(info.namedGroup()).isEmpty();
                assertThat(info.keyExchangeKeyBits()).isEmpty();
                assertThat(info.signatureAlgorithm()).isEmpty();
            }
        }
    }

    @Test
    void aCbcSuiteHasAMacAndABlockSize() throws Exception {
        start(RSA_LEAF, false, "TLSv1.2");
        TlsSettings settings = settings();
        settings.setCipherSuites(List.of("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"));

        try (TlsLayer layer = handshake(settings)) {
            TlsConnectionInfo info = layer.info();
            assertThat(info.cipherSuite()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384");
            assertThat(info.aeadCipher()).contains(false);
            assertThat(info.encryptionAlgorithm()).contains("AES_256_CBC");
            assertThat(info.symmetricBlockSize()).hasValue(128);
            assertThat(info.digestAlgorithm()).contains("SHA384");
        }
    }

    @Test
    void aServerAskingForAClientCertificateIsReported() throws Exception {
        start(EC_LEAF, true);

        try (TlsLayer layer = handshake(settings())) {
            assertThat(serverSessions.poll(10, TimeUnit.SECONDS)).isNotNull();
            assertThat(layer.info().clientAuthRequested()).contains(true);
            assertThat(layer.info().clientAuthenticated()).isFalse();
        }
    }

    @Test
    void aClientCertificateFromTheApplicationsSslContextIsReported() throws Exception {
        server = LoopbackServer.tls(EC_LEAF.contextTrusting(ROOT.certificate()), socket -> {
            SSLSocket ssl = (SSLSocket) socket;
            ssl.setNeedClientAuth(true);
            ssl.startHandshake();
            serverSessions.add(ssl.getSession());
            LoopbackServer.drain(ssl);
        });
        TlsSettings settings = new TlsSettings();
        settings.setEngine(engine);
        settings.setSslContext(CLIENT.contextTrusting(ROOT.certificate()));

        try (TlsLayer layer = handshake(settings)) {
            SSLSession serverSide = serverSessions.poll(10, TimeUnit.SECONDS);
            assertThat(serverSide.getPeerCertificates()[0]).isEqualTo(CLIENT.certificate());
            // An application's SSLContext is a JSSE object, so such a connection runs on JSSE whatever the engine.
            assertThat(layer.info().engine()).isEqualTo(TlsEngine.JSSE);
            assertThat(layer.info().clientAuthenticated()).isTrue();
            assertThat(layer.info().clientAuthRequested()).isEmpty();
        }
    }

    @Test
    void everyConnectionHasItsOwnId() throws Exception {
        start(EC_LEAF, false);

        try (TlsLayer first = handshake(settings()); TlsLayer second = handshake(settings())) {
            if (engine == TlsEngine.BOUNCY_CASTLE) {
                assertThat(first.info().connectionId()).isPresent().isNotEqualTo(second.info().connectionId());
            } else {
                assertThat(first.info().connectionId()).isEmpty();
            }
        }
    }

    private void start(TestPki.Issued leaf, boolean wantClientAuth, String... protocols) throws Exception {
        server = LoopbackServer.tls(leaf.serverContext(), socket -> {
            SSLSocket ssl = (SSLSocket) socket;
            ssl.setWantClientAuth(wantClientAuth);
            ssl.startHandshake();
            serverSessions.add(ssl.getSession());
            LoopbackServer.drain(ssl);
        }, protocols);
    }

    /** The size of the group's field, as {@link TlsConnectionInfo#keyExchangeKeyBits()} reports it. */
    private static int fieldBits(String group) {
        return switch (group) {
            case "x25519" -> 255;
            case "x448" -> 448;
            case "secp256r1" -> 256;
            case "secp384r1" -> 384;
            case "secp521r1" -> 521;
            default -> Integer.parseInt(group.replace("ffdhe", ""));
        };
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
