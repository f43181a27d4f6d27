package io.github.smtpclient.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.event.SmtpListener;
import io.github.smtpclient.testing.BcTlsServer;
import io.github.smtpclient.testing.LoopbackServer;
import io.github.smtpclient.testing.TestPki;

/**
 * The per-connection knobs (named groups, finite-field DHE, extended master secret, the random source, the presets)
 * on both engines: what was negotiated, checked against the server's side where it can tell, and a clear refusal
 * where an engine cannot apply a knob per connection (JSSE before Java 20 for groups; JSSE for the extended master
 * secret), never a knob silently ignored.
 */
@ParameterizedClass
@EnumSource(TlsEngine.class)
class TlsKnobsTests {

    private static final TestPki.Issued ROOT = TestPki.root("Knobs Root");
    private static final TestPki.Issued EC_LEAF = ROOT.issue(TestPki.leaf("localhost", "localhost"));
    private static final TestPki.Issued RSA_LEAF = ROOT.issue(TestPki.leaf("localhost", "localhost").rsa(2048));
    private static final boolean JSSE_SETS_GROUPS = Runtime.version().feature() >= 20;

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
    void theFirstConfiguredGroupIsTheOneNegotiated() throws Exception {
        startJsse(EC_LEAF);
        TlsSettings settings = settings();
        settings.setNamedGroups(List.of("secp384r1", "x25519"));

        if (engine == TlsEngine.JSSE && !JSSE_SETS_GROUPS) {
            assertRefusedOnJsse(settings, "SSLParameters.setNamedGroups came with Java 20");
            return;
        }
        try (TlsLayer layer = handshake(settings)) {
            if (engine == TlsEngine.BOUNCY_CASTLE) {
                assertThat(layer.info().namedGroup()).contains("secp384r1");
                assertThat(layer.info().keyExchangeKeyBits()).hasValue(384);
            }
            assertThat(serverSessions.poll(10, TimeUnit.SECONDS)).isNotNull();
        }
    }

    @Test
    void withoutFiniteFieldDheNoFfdheGroupIsOffered() throws Exception {
        startJsse(EC_LEAF);
        TlsSettings settings = settings();
        settings.setNamedGroups(List.of("ffdhe2048", "x25519"));

        if (engine == TlsEngine.JSSE && !JSSE_SETS_GROUPS) {
            assertRefusedOnJsse(settings, "Java 20");
            return;
        }
        if (engine == TlsEngine.BOUNCY_CASTLE) {
            try (TlsLayer layer = handshake(settings)) {
                assertThat(layer.info().namedGroup()).contains("ffdhe2048");
                assertThat(layer.info().keyExchangeAlgorithm()).contains("DHE");
            }
        }
        settings.setFiniteFieldDhe(false);
        try (TlsLayer layer = handshake(settings)) {
            if (engine == TlsEngine.BOUNCY_CASTLE) {
                assertThat(layer.info().namedGroup()).contains("x25519");
            }
        }
    }

    @Test
    void withoutFiniteFieldDheAServerOfferingOnlyDheSuitesIsRefused() throws Exception {
        server = LoopbackServer.tls(RSA_LEAF.serverContext(), socket -> {
            SSLSocket ssl = (SSLSocket) socket;
            ssl.setEnabledCipherSuites(new String[] {"TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"});
            ssl.startHandshake();
            serverSessions.add(ssl.getSession());
            LoopbackServer.drain(ssl);
        }, "TLSv1.2");
        TlsSettings settings = settings();
        if (engine == TlsEngine.BOUNCY_CASTLE) {
            try (TlsLayer layer = handshake(settings)) {
                assertThat(layer.info().cipherSuite()).isEqualTo("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256");
            }
        }
        settings.setFiniteFieldDhe(false);

        if (engine == TlsEngine.JSSE && !JSSE_SETS_GROUPS) {
            assertRefusedOnJsse(settings, "tls().finiteFieldDhe=false");
            return;
        }
        assertThatThrownBy(() -> handshake(settings)).isInstanceOfSatisfying(SmtpException.class,
                e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.TLS_HANDSHAKE_FAILED));
    }

    @Test
    void aRequiredExtendedMasterSecretRefusesAServerWithoutIt() throws Exception {
        startBouncyCastleServerWithoutExtendedMasterSecret();
        TlsSettings settings = settings();
        settings.setVersions(List.of("TLSv1.2"));

        if (engine == TlsEngine.BOUNCY_CASTLE) {
            try (TlsLayer layer = handshake(settings)) {
                assertThat(layer.info().protocol()).isEqualTo("TLSv1.2");
                assertThat(layer.info().extendedMasterSecret()).contains(false);
            }
        } else {
            try (TlsLayer layer = handshake(settings)) {
                assertThat(layer.info().extendedMasterSecret()).isEmpty();
            }
        }
        settings.setExtendedMasterSecret(ExtendedMasterSecret.REQUIRED);

        if (engine == TlsEngine.JSSE) {
            assertRefusedOnJsse(settings, "jdk.tls.useExtendedMasterSecret");
            return;
        }
        assertThatThrownBy(() -> handshake(settings)).isInstanceOfSatisfying(SmtpException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.TLS_HANDSHAKE_FAILED);
            assertThat(e.getMessage()).contains("does not support the extended master secret of RFC 7627");
        });
    }

    @Test
    void aServerWithTheExtendedMasterSecretNegotiatesItWhenRequired() throws Exception {
        startJsse(EC_LEAF, "TLSv1.2");
        TlsSettings settings = settings();
        if (engine == TlsEngine.JSSE) {
            // JSSE refuses REQUIRED and OFF (aRequiredExtendedMasterSecretRefusesAServerWithoutIt) and does not report it.
            try (TlsLayer layer = handshake(settings)) {
                assertThat(layer.info().extendedMasterSecret()).isEmpty();
            }
            return;
        }
        settings.setExtendedMasterSecret(ExtendedMasterSecret.REQUIRED);
        try (TlsLayer layer = handshake(settings)) {
            assertThat(layer.info().extendedMasterSecret()).contains(true);
        }
        settings.setExtendedMasterSecret(ExtendedMasterSecret.OFF);
        try (TlsLayer layer = handshake(settings)) {
            assertThat(layer.info().extendedMasterSecret()).contains(false);
        }
    }

    @Test
    @SuppressWarnings("try") // the layer stays open while the server's session is awaited
    void handshakesDrawFromTheConfiguredRandom() throws Exception {
        startJsse(EC_LEAF);
        AtomicInteger draws = new AtomicInteger();
        TlsSettings settings = settings();
        settings.setSecureRandom(new SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public void nextBytes(byte[] bytes) {
                draws.incrementAndGet();
                super.nextBytes(bytes);
            }
        });

        try (TlsLayer layer = handshake(settings)) {
            assertThat(serverSessions.poll(10, TimeUnit.SECONDS)).isNotNull();
        }
        assertThat(draws).hasPositiveValue();
    }

    @Test
    void theHighlySecurePresetNegotiatesTls13With256BitCiphers() throws Exception {
        startJsse(EC_LEAF);
        TlsSettings settings = settings();
        settings.applyBaseConfiguration(TlsBaseConfiguration.HIGHLY_SECURE);
        assertThat(settings.getBaseConfiguration()).isEqualTo(TlsBaseConfiguration.HIGHLY_SECURE);
        assertThat(settings.getVersions()).containsExactly("TLSv1.3");
        if (engine == TlsEngine.JSSE && !JSSE_SETS_GROUPS) {
            assertRefusedOnJsse(settings, "Java 20");
            settings.setNamedGroups(List.of());
            settings.setFiniteFieldDhe(true);
        }

        try (TlsLayer layer = handshake(settings)) {
            SSLSession serverSide = serverSessions.poll(10, TimeUnit.SECONDS);
            assertThat(serverSide.getProtocol()).isEqualTo("TLSv1.3");
            assertThat(serverSide.getCipherSuite()).isIn("TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");
            if (engine == TlsEngine.BOUNCY_CASTLE) {
                assertThat(layer.info().namedGroup()).contains("secp384r1");
            }
        }
    }

    @Test
    void theSecurePresetRefusesATls12ServerWithOnlyCbcSuites() throws Exception {
        server = LoopbackServer.tls(EC_LEAF.serverContext(), socket -> {
            SSLSocket ssl = (SSLSocket) socket;
            ssl.setEnabledCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"});
            ssl.startHandshake();
            LoopbackServer.drain(ssl);
        }, "TLSv1.2");
        TlsSettings settings = settings();
        settings.applyBaseConfiguration(TlsBaseConfiguration.SECURE);
        settings.setNamedGroups(List.of());

        assertThatThrownBy(() -> handshake(settings)).isInstanceOfSatisfying(SmtpException.class,
                e -> assertThat(e.errorCode()).isIn(SmtpErrorCode.TLS_HANDSHAKE_FAILED, SmtpErrorCode.INVALID_ARGUMENT));
        settings.applyBaseConfiguration(TlsBaseConfiguration.COMPATIBLE);
        try (TlsLayer layer = handshake(settings)) {
            assertThat(layer.info().cipherSuite()).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256");
        }
    }

    private void assertRefusedOnJsse(TlsSettings settings, String reason) {
        assertThatThrownBy(() -> handshake(settings)).isInstanceOfSatisfying(SmtpException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.INVALID_ARGUMENT);
            assertThat(e.getMessage()).contains(reason).contains("client.tls().setEngine(TlsEngine.BOUNCY_CASTLE)");
        });
    }

    private void startJsse(TestPki.Issued leaf, String... protocols) throws IOException {
        server = LoopbackServer.tls(leaf.serverContext(), socket -> {
            SSLSocket ssl = (SSLSocket) socket;
            ssl.startHandshake();
            serverSessions.add(ssl.getSession());
            LoopbackServer.drain(ssl);
        }, protocols);
    }

    /** A TLS 1.2 server on Bouncy Castle's API that does not agree to the extended master secret. */
    private void startBouncyCastleServerWithoutExtendedMasterSecret() throws IOException {
        server = LoopbackServer.plain(socket -> new BcTlsServer(EC_LEAF).withoutExtendedMasterSecret().accept(socket)
                .getInputStream().transferTo(java.io.OutputStream.nullOutputStream()));
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
