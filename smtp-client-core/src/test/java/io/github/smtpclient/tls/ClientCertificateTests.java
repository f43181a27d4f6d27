package io.github.smtpclient.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.smtpclient.SmtpClient;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.event.SmtpListener;
import io.github.smtpclient.testing.LoopbackServer;
import io.github.smtpclient.testing.TestPki;

/**
 * Client certificates on both engines, against a JSSE server that needs one ({@code setNeedClientAuth(true)}) and
 * checks it against its own trust anchor: what the server received, what {@link TlsConnectionInfo} reports, the
 * failure without a certificate (in TLS 1.3 the server's alert arrives after the client's handshake is over), and the
 * key integrity check.
 */
@ParameterizedClass
@EnumSource(TlsEngine.class)
class ClientCertificateTests {

    private static final TestPki.Issued ROOT = TestPki.root("Client Cert Root");
    private static final TestPki.Issued SERVER = ROOT.issue(TestPki.leaf("localhost", "localhost"));
    private static final TestPki.Issued CLIENT_CA = TestPki.root("Client CA");
    private static final TestPki.Issued EC_CLIENT = CLIENT_CA.issue(TestPki.leaf("ec-client")
            .extendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
    private static final TestPki.Issued RSA_CLIENT = CLIENT_CA.issue(TestPki.leaf("rsa-client").rsa(2048)
            .extendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
    private static final TestPki.Issued STRANGER = TestPki.root("Stranger").issue(TestPki.leaf("stranger")
            .extendedKeyUsage(KeyPurposeId.id_kp_clientAuth));

    @Parameter
    TlsEngine engine;

    @TempDir
    Path dir;

    private final BlockingQueue<SSLSession> serverSessions = new LinkedBlockingQueue<>();
    private LoopbackServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void theConfiguredCertificateIsPresentedAndReported(String version) throws Exception {
        startRequiringClientCertificates(version);
        for (TestPki.Issued client : List.of(EC_CLIENT, RSA_CLIENT)) {
            TlsSettings settings = settings();
            settings.setClientCertificate(ClientCertificate.of(List.of(client.certificate()), client.keys().getPrivate()));

            try (TlsLayer layer = handshake(settings)) {
                assertThat(layer.input().read()).as("the server's first byte").isEqualTo('2');
                SSLSession serverSide = serverSessions.poll(10, TimeUnit.SECONDS);
                assertThat(serverSide.getProtocol()).isEqualTo(version);
                assertThat(serverSide.getPeerCertificates()[0]).isEqualTo(client.certificate());
                assertThat(layer.info().clientAuthRequested()).contains(true);
                assertThat(layer.info().clientAuthenticated()).isTrue();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void aServerRequiringACertificateWhenNoneIsConfiguredFailsTheHandshakeSayingSo(String version) throws Exception {
        startRequiringClientCertificates(version);

        // TLS 1.2: the alert ends the handshake; TLS 1.3: it arrives on the first read after it.
        assertThatThrownBy(() -> {
            try (TlsLayer layer = handshake(settings())) {
                layer.input().read();
            }
        }).isInstanceOfSatisfying(SmtpException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.TLS_HANDSHAKE_FAILED);
            assertThat(e.getMessage()).contains("requires a client certificate and none is configured");
            assertThat(e.getMessage()).contains("client.tls().setClientCertificate(...)");
        });
    }

    @Test
    void throughTheClientTheMissingCertificateIsAHandshakeFailureNotAClosedConnection() throws Exception {
        startRequiringClientCertificates("TLSv1.3");
        try (SmtpClient client = new SmtpClient()) {
            client.tls().setEngine(engine);
            client.tls().setMode(TlsMode.IMPLICIT);
            client.tls().setTrustedCertificates(List.of(ROOT.certificate()));

            assertThatThrownBy(() -> client.connect("localhost", server.port()))
                    .isInstanceOfSatisfying(SmtpException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.TLS_HANDSHAKE_FAILED);
                        assertThat(e.getMessage()).contains("client certificate");
                    });
        }
    }

    /** Postfix with {@code smtpd_tls_req_ccert = yes} completes the handshake, then greets with 421. */
    @Test
    void aServerThatAsksForACertificateAndThenRefusesTheSessionIn421IsAHandshakeFailure() throws Exception {
        server = LoopbackServer.tls(SERVER.contextTrusting(CLIENT_CA.certificate()), socket -> {
            SSLSocket ssl = (SSLSocket) socket;
            ssl.setWantClientAuth(true);
            ssl.startHandshake();
            boolean presented = peerPresented(ssl.getSession());
            LoopbackServer.writeLine(ssl, presented ? "421 4.3.2 busy" : "421 4.7.1 Error: No client certificate presented");
            LoopbackServer.drain(ssl);
        });
        try (SmtpClient client = new SmtpClient()) {
            client.tls().setEngine(engine);
            client.tls().setMode(TlsMode.IMPLICIT);
            client.tls().setTrustedCertificates(List.of(ROOT.certificate()));

            assertThatThrownBy(() -> client.connect("localhost", server.port()))
                    .isInstanceOfSatisfying(SmtpException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.TLS_HANDSHAKE_FAILED);
                        assertThat(e.getMessage()).contains("requires a client certificate")
                                .contains("No client certificate presented");
                    });

            // With a certificate sent, a 421 is what it always is: the server is busy.
            client.tls().setClientCertificate(ClientCertificate.of(List.of(EC_CLIENT.certificate()),
                    EC_CLIENT.keys().getPrivate()));
            assertThatThrownBy(() -> client.connect("localhost", server.port()))
                    .isInstanceOfSatisfying(SmtpException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.SERVICE_UNAVAILABLE));
        }
    }

    private static boolean peerPresented(SSLSession session) {
        try {
            return session.getPeerCertificates().length > 0;
        } catch (javax.net.ssl.SSLPeerUnverifiedException none) {
            return false;
        }
    }

    @Test
    void aCertificateTheServerDoesNotTrustIsReportedAsRefused() throws Exception {
        startRequiringClientCertificates("TLSv1.3");
        TlsSettings settings = settings();
        settings.setClientCertificate(ClientCertificate.of(List.of(STRANGER.certificate()), STRANGER.keys().getPrivate()));

        assertThatThrownBy(() -> {
            try (TlsLayer layer = handshake(settings)) {
                layer.input().read();
            }
        }).isInstanceOfSatisfying(SmtpException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.TLS_HANDSHAKE_FAILED);
            assertThat(e.getMessage()).contains("refused the client certificate CN=stranger");
        });
    }

    @Test
    void aKeyThatDoesNotBelongToTheCertificateIsRefusedBeforeTheHandshake() throws Exception {
        startRequiringClientCertificates("TLSv1.3");
        TlsSettings settings = settings();
        settings.setClientCertificate(ClientCertificate.of(List.of(EC_CLIENT.certificate()), STRANGER.keys().getPrivate()));

        assertThatThrownBy(() -> handshake(settings)).isInstanceOfSatisfying(SmtpException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.INVALID_ARGUMENT);
            assertThat(e.getMessage()).contains("does not belong to its certificate CN=ec-client")
                    .contains("tls().checkKeyIntegrityBeforeUse");
        });
        assertThat(serverSessions).isEmpty();

        // Without the check the mismatch reaches the server, which cannot verify the client's signature.
        settings.setCheckKeyIntegrityBeforeUse(false);
        assertThatThrownBy(() -> {
            try (TlsLayer layer = handshake(settings)) {
                layer.input().read();
            }
        }).isInstanceOf(IOException.class)
                .satisfies(e -> assertThat(e).isNotInstanceOfAny(IllegalStateException.class))
                .satisfies(e -> {
                    if (e instanceof SmtpException smtp) {
                        assertThat(smtp.errorCode()).isNotEqualTo(SmtpErrorCode.INVALID_ARGUMENT);
                    }
                });
    }

    @Test
    void aClientCertificateAndAnApplicationSslContextCannotBeCombined() throws Exception {
        startRequiringClientCertificates("TLSv1.3");
        TlsSettings settings = settings();
        settings.setSslContext(EC_CLIENT.contextTrusting(ROOT.certificate()));
        settings.setClientCertificate(ClientCertificate.of(List.of(EC_CLIENT.certificate()), EC_CLIENT.keys().getPrivate()));

        assertThatThrownBy(() -> handshake(settings)).isInstanceOfSatisfying(SmtpException.class,
                e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.INVALID_ARGUMENT));
    }

    @Test
    void pemFilesPlainAndEncryptedAndPkcs12AllPresentTheSameCertificate() throws Exception {
        startRequiringClientCertificates("TLSv1.3");
        Path chain = write("chain.pem", EC_CLIENT.certificate(), CLIENT_CA.certificate());
        Path key = write("key.pem", new JcaPKCS8Generator(EC_CLIENT.keys().getPrivate(), null));
        Path encryptedKey = write("key-encrypted.pem", new JcaPKCS8Generator(EC_CLIENT.keys().getPrivate(),
                new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC).setProvider(new BouncyCastleProvider())
                        .setPassword("secret".toCharArray()).build()));
        Path pkcs12 = dir.resolve("client.p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("me", EC_CLIENT.keys().getPrivate(), "secret".toCharArray(),
                new X509Certificate[] {EC_CLIENT.certificate(), CLIENT_CA.certificate()});
        try (OutputStream out = Files.newOutputStream(pkcs12)) {
            store.store(out, "secret".toCharArray());
        }

        for (ClientCertificate loaded : List.of(ClientCertificate.fromPem(chain, key),
                ClientCertificate.fromPem(chain, encryptedKey, "secret".toCharArray()),
                ClientCertificate.fromPkcs12(pkcs12, "secret".toCharArray()),
                ClientCertificate.fromKeyStore(store, "me", "secret".toCharArray()))) {
            assertThat(loaded.chain()).containsExactly(EC_CLIENT.certificate(), CLIENT_CA.certificate());
            assertThat(loaded.keyMatchesCertificate()).isTrue();
            TlsSettings settings = settings();
            settings.setClientCertificate(loaded);
            try (TlsLayer layer = handshake(settings)) {
                assertThat(layer.input().read()).isEqualTo('2');
                assertThat(serverSessions.poll(10, TimeUnit.SECONDS).getPeerCertificates()).hasSize(2);
            }
        }

        assertThatThrownBy(() -> ClientCertificate.fromPem(chain, encryptedKey, "wrong".toCharArray()))
                .isInstanceOf(IOException.class).hasMessageContaining("wrong password");
        assertThatThrownBy(() -> ClientCertificate.fromPem(chain, encryptedKey))
                .isInstanceOf(IOException.class).hasMessageContaining("encrypted private key; give its password");
        assertThatThrownBy(() -> ClientCertificate.fromPem(key, key))
                .isInstanceOf(IOException.class).hasMessageContaining("holds no PEM certificate");
        assertThatThrownBy(() -> ClientCertificate.fromPkcs12(pkcs12, "secret".toCharArray(), "nobody"))
                .isInstanceOf(IOException.class).hasMessageContaining("no private key entry 'nobody'");
    }

    private Path write(String name, Object... objects) throws IOException {
        Path file = dir.resolve(name);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
                JcaPEMWriter pem = new JcaPEMWriter(out)) {
            for (Object object : objects) {
                if (object instanceof JcaPKCS8Generator generator) {
                    pem.writeObject(generator);
                } else {
                    pem.writeObject(object);
                }
            }
        }
        return file;
    }

    /**
     * A server that needs a client certificate. TLS is layered over the accepted socket without closing it with the
     * TLS socket, so after a fatal alert the connection stays open until the client closes it, as a server's lingering
     * close does; otherwise the client's last handshake writes may meet a reset before it reads the alert.
     */
    private void startRequiringClientCertificates(String version) throws Exception {
        server = ClientAuthServers.jsse(SERVER, CLIENT_CA.certificate(), version, serverSessions);
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
