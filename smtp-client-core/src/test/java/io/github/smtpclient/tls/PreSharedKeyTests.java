package io.github.smtpclient.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Vector;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.tls.BasicTlsPSKExternal;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.PRFAlgorithm;
import org.bouncycastle.tls.PSKTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsPSKExternal;
import org.bouncycastle.tls.TlsPSKIdentityManager;
import org.bouncycastle.tls.TlsServerProtocol;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.smtpclient.ChannelBinding;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.testing.LoopbackServer;

/**
 * Pre-shared-key connections against Bouncy Castle's own {@link PSKTlsServer} in the test as the peer, which offers
 * TLS 1.3 (external PSK) and TLS 1.2 (ECDHE_PSK, DHE_PSK and plain PSK suites) and sends an identity hint, so the
 * behaviour is proven without stunnel (see {@code interop.PskInteropTests} for the real peer).
 */
class PreSharedKeyTests {

    private static final String IDENTITY = "client-7";
    private static final byte[] KEY = HexFormat.of().parseHex("00112233445566778899aabbccddeeff0123456789abcdef");
    private static final String HINT = "hint: device fleet A";

    private final BlockingQueue<String> serverSide = new LinkedBlockingQueue<>();
    private final BlockingQueue<byte[]> serverExporters = new LinkedBlockingQueue<>();
    private LoopbackServer server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void tls12NegotiatesAForwardSecretPskSuiteAndReportsTheServersIdentityHint() throws Exception {
        start(ProtocolVersion.TLSv12.only());
        TlsSettings settings = settings();

        try (TlsLayer layer = handshake(settings)) {
            assertThat(greeting(layer)).isEqualTo("hello " + IDENTITY);
            TlsConnectionInfo info = layer.info();
            assertThat(info.protocol()).isEqualTo("TLSv1.2");
            assertThat(info.cipherSuite()).startsWith("TLS_ECDHE_PSK_WITH_");
            assertThat(info.pfsCipher()).contains(true);
            assertThat(info.preSharedKeyIdentity()).contains(IDENTITY);
            assertThat(info.preSharedIdentityHint()).contains(HINT);
            assertThat(info.peerCertificates()).isEmpty();
            assertThat(info.isServerAuthenticated()).isTrue();
            assertThat(layer.channelBinding()).as("no certificate, and no tls-exporter on TLS 1.2").isEmpty();
        }
        assertThat(serverSide.poll(10, TimeUnit.SECONDS)).isEqualTo("TLSv1.2 " + IDENTITY);
    }

    @Test
    void tls13UsesTheKeyAsAnExternalPskWithoutACertificate() throws Exception {
        start(ProtocolVersion.TLSv13.only());

        try (TlsLayer layer = handshake(settings())) {
            assertThat(greeting(layer)).isEqualTo("hello " + IDENTITY);
            TlsConnectionInfo info = layer.info();
            assertThat(info.protocol()).isEqualTo("TLSv1.3");
            assertThat(info.cipherSuite()).isIn("TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256");
            assertThat(info.namedGroup()).isPresent();
            assertThat(info.preSharedKeyIdentity()).contains(IDENTITY);
            assertThat(info.preSharedIdentityHint()).isEmpty();
            assertThat(info.peerCertificates()).isEmpty();
            // No certificate to hash, but TLS 1.3 binds with the exporter (RFC 9266), so SCRAM-PLUS can run over PSK.
            assertThat(layer.channelBinding()).contains(ChannelBinding.of(ChannelBinding.TLS_EXPORTER,
                    serverExporters.poll(10, TimeUnit.SECONDS)));
        }
        assertThat(serverSide.poll(10, TimeUnit.SECONDS)).isEqualTo("TLSv1.3 " + IDENTITY);
    }

    @Test
    void aServerOfferingBothVersionsPicksTls13FromTheOneClientHello() throws Exception {
        start(ProtocolVersion.TLSv13.downTo(ProtocolVersion.TLSv12));

        try (TlsLayer layer = handshake(settings())) {
            assertThat(layer.info().protocol()).isEqualTo("TLSv1.3");
        }
    }

    @Test
    void aNamedSuiteIsTheOnlyOneOfferedEvenWithoutForwardSecrecy() throws Exception {
        start(ProtocolVersion.TLSv13.downTo(ProtocolVersion.TLSv12));
        TlsSettings settings = settings();
        settings.setPreSharedKeyCipherSuite("TLS_PSK_WITH_AES_128_GCM_SHA256");

        try (TlsLayer layer = handshake(settings)) {
            assertThat(layer.info().protocol()).isEqualTo("TLSv1.2");
            assertThat(layer.info().cipherSuite()).isEqualTo("TLS_PSK_WITH_AES_128_GCM_SHA256");
            assertThat(layer.info().pfsCipher()).contains(false);
            assertThat(layer.info().preSharedIdentityHint()).contains(HINT);
        }
    }

    @Test
    void aWrongKeyFailsTheHandshakeNamingTheSettingOnBothVersions() throws Exception {
        for (ProtocolVersion[] versions : List.of(ProtocolVersion.TLSv12.only(), ProtocolVersion.TLSv13.only())) {
            start(versions);
            TlsSettings settings = settings();
            byte[] wrong = KEY.clone();
            wrong[0] ^= 1;
            settings.setPreSharedKey(PreSharedKey.of(IDENTITY, wrong));

            assertThatThrownBy(() -> handshake(settings)).isInstanceOfSatisfying(SmtpException.class, e -> {
                assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.TLS_HANDSHAKE_FAILED);
                assertThat(e.getMessage()).contains("refused the pre-shared key of identity '" + IDENTITY + "'")
                        .contains("tls().preSharedKey").doesNotContain(HexFormat.of().formatHex(wrong));
            });
            server.close();
            server = null;
        }
    }

    @Test
    void jsseHasNoPskSuitesSoTheConnectionIsRefusedBeforeAnythingIsSent() throws Exception {
        start(ProtocolVersion.TLSv12.only());
        TlsSettings settings = settings();
        settings.setEngine(TlsEngine.JSSE);

        assertThatThrownBy(() -> handshake(settings)).isInstanceOfSatisfying(SmtpException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.INVALID_ARGUMENT);
            assertThat(e.getMessage()).contains("tls().preSharedKey").contains("JSSE");
        });
        assertThat(serverSide.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void theKeyIsCheckedAndNeverShown() {
        PreSharedKey key = PreSharedKey.ofHex(IDENTITY, HexFormat.of().formatHex(KEY));
        assertThat(key.key()).isEqualTo(KEY);
        assertThat(key.toString()).isEqualTo("PreSharedKey[identity=client-7, key=****(24 bytes)]");
        TlsSettings settings = new TlsSettings();
        settings.setPreSharedKey(key);
        assertThat(settings.toString()).contains("preSharedKey=PreSharedKey[identity=client-7, key=****(24 bytes)]")
                .doesNotContain(HexFormat.of().formatHex(KEY)).contains("preSharedKeyCipherSuite=AUTO");

        assertThatThrownBy(() -> PreSharedKey.of(IDENTITY, new byte[15])).hasMessageContaining("has 15 bytes")
                .hasMessageContaining("16 to 65535");
        assertThatThrownBy(() -> PreSharedKey.ofHex(IDENTITY, "zz0011")).hasMessageContaining("hexadecimal")
                .hasMessageNotContaining("zz0011");
        assertThatThrownBy(() -> PreSharedKey.of("", KEY)).hasMessageContaining("identity");
        assertThatThrownBy(() -> settings.setPreSharedKeyCipherSuite("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"))
                .hasMessageContaining("not a PSK cipher suite");
        assertThatThrownBy(() -> settings.setPreSharedKeyCipherSuite("TLS_RSA_PSK_WITH_AES_128_GCM_SHA256"))
                .hasMessageContaining("not a PSK cipher suite");
        settings.setPreSharedKeyCipherSuite("TLS_DHE_PSK_WITH_AES_128_GCM_SHA256");
        assertThat(settings.copy().getPreSharedKeyCipherSuite()).isEqualTo("TLS_DHE_PSK_WITH_AES_128_GCM_SHA256");
        settings.setPreSharedKeyCipherSuite("auto");
        assertThat(settings.getPreSharedKeyCipherSuite()).isNull();
    }

    private static TlsSettings settings() {
        TlsSettings settings = new TlsSettings();
        settings.setPreSharedKey(PreSharedKey.of(IDENTITY, KEY));
        return settings;
    }

    private TlsLayer handshake(TlsSettings settings) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        socket.setSoTimeout(10_000);
        return new TlsHandshaker(settings, null).handshake(socket, "localhost", server.port(), true);
    }

    private static String greeting(TlsLayer layer) throws IOException {
        InputStream in = layer.input();
        return LoopbackServer.readLine(in);
    }

    private void start(ProtocolVersion[] versions) throws IOException {
        server = LoopbackServer.plain(socket -> {
            BcTlsCrypto crypto = new BcTlsCrypto(new SecureRandom());
            TestPskServer peer = new TestPskServer(crypto, versions, serverExporters);
            TlsServerProtocol protocol = new TlsServerProtocol(socket.getInputStream(), socket.getOutputStream());
            protocol.accept(peer);
            String identity = new String(peer.identity, StandardCharsets.UTF_8);
            serverSide.add(peer.getContext().getServerVersion() == null ? "?"
                    : versionName(peer.getContext().getServerVersion()) + " " + identity);
            LoopbackServer.writeLine(protocol.getOutputStream(), "hello " + identity);
            protocol.close();
        });
    }

    private static String versionName(ProtocolVersion version) {
        return version.getName().replace("TLS ", "TLSv");
    }

    /** Bouncy Castle's PSK server, with the test's one identity for TLS 1.2 and as a TLS 1.3 external PSK. */
    private static final class TestPskServer extends PSKTlsServer {

        private final ProtocolVersion[] versions;
        private final BcTlsCrypto crypto;
        private final BlockingQueue<byte[]> exporters;
        private byte[] identity = new byte[0];

        TestPskServer(BcTlsCrypto crypto, ProtocolVersion[] versions, BlockingQueue<byte[]> exporters) {
            super(crypto, new TlsPSKIdentityManager() {
                @Override
                public byte[] getHint() {
                    return HINT.getBytes(StandardCharsets.UTF_8);
                }

                @Override
                public byte[] getPSK(byte[] offered) {
                    return Arrays.equals(offered, IDENTITY.getBytes(StandardCharsets.UTF_8)) ? KEY.clone() : null;
                }
            });
            this.crypto = crypto;
            this.versions = versions;
            this.exporters = exporters;
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return versions.clone();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return new int[] {CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
                    CipherSuite.TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256,
                    CipherSuite.TLS_DHE_PSK_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_PSK_WITH_AES_128_GCM_SHA256};
        }

        @Override
        public void notifyHandshakeComplete() throws IOException {
            super.notifyHandshakeComplete();
            byte[] psk = context.getSecurityParametersConnection().getPSKIdentity();
            if (psk != null) {
                identity = psk;
            }
            if (TlsUtils.isTLSv13(context)) {
                exporters.add(context.exportChannelBinding(org.bouncycastle.tls.ChannelBinding.tls_exporter));
            }
        }

        @Override
        @SuppressWarnings("rawtypes")
        public TlsPSKExternal getExternalPSK(Vector identities) {
            for (Object offered : identities) {
                byte[] name = ((org.bouncycastle.tls.PskIdentity) offered).getIdentity();
                if (Arrays.equals(name, IDENTITY.getBytes(StandardCharsets.UTF_8))) {
                    identity = name;
                    return new BasicTlsPSKExternal(name, crypto.createSecret(KEY), PRFAlgorithm.tls13_hkdf_sha256);
                }
            }
            return null;
        }

        org.bouncycastle.tls.TlsServerContext getContext() {
            return context;
        }
    }
}
