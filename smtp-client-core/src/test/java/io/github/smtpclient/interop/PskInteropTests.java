package io.github.smtpclient.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.smtpclient.SmtpClient;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.message.MailMessage;
import io.github.smtpclient.tls.PreSharedKey;
import io.github.smtpclient.tls.TlsConnectionInfo;
import io.github.smtpclient.tls.TlsMode;

/**
 * Pre-shared keys against a real TLS-PSK peer: stunnel4 with PSKsecrets and no certificate (started by
 * {@code scripts/testbed/start-psk.sh}) in front of the Postfix test bed's plain port, one service limited to TLS 1.2
 * PSK suites and one to TLS 1.3 external PSK. Each message is delivered through the tunnel into Postfix's Maildir.
 * Skipped when either test bed is not running, failed instead under the {@code interop} profile.
 */
// Guards against hangs only; no test asserts a duration.
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PskInteropTests {

    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

    private static PskTestbed testbed;
    private static PostfixTestbed postfix;

    @BeforeAll
    static void findTheTestbeds() throws IOException {
        Path envFile = PskTestbed.configuredEnvFile();
        PostfixTestbed.Detection detection = PostfixTestbed.detect(PostfixTestbed.configuredEnvFile());
        if (!Files.exists(envFile) || detection.testbed().isEmpty()) {
            String message = "TLS-PSK test bed not running: start scripts/testbed/start.sh, then"
                    + " scripts/testbed/start-psk.sh (no " + envFile + ", or: " + detection.explanation() + ")";
            if (Boolean.getBoolean(PostfixTestbedExtension.REQUIRED_PROPERTY)) {
                throw new IllegalStateException(message + "; -D" + PostfixTestbedExtension.REQUIRED_PROPERTY
                        + "=true forbids skipping");
            }
            Assumptions.abort(message);
        }
        testbed = PskTestbed.load(envFile);
        postfix = detection.testbed().get();
    }

    @Test
    void aMessageGoesThroughStunnelsTls12PskServiceWithAForwardSecretSuite() throws Exception {
        TlsConnectionInfo tls = send("TLS12");

        assertThat(tls.protocol()).isEqualTo("TLSv1.2");
        assertThat(tls.cipherSuite()).startsWith("TLS_ECDHE_PSK_WITH_");
        assertThat(tls.preSharedKeyIdentity()).contains(testbed.identity());
        // stunnel (OpenSSL without SSL_CTX_use_psk_identity_hint) sends no hint; PreSharedKeyTests proves one is read.
        assertThat(tls.preSharedIdentityHint()).isEmpty();
        assertThat(tls.peerCertificates()).isEmpty();
        assertThat(tls.isServerAuthenticated()).isTrue();
    }

    @Test
    void aMessageGoesThroughStunnelsTls13ServiceWithAnExternalPsk() throws Exception {
        TlsConnectionInfo tls = send("TLS13");

        assertThat(tls.protocol()).isEqualTo("TLSv1.3");
        assertThat(tls.cipherSuite()).isIn("TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256");
        assertThat(tls.namedGroup()).isPresent();
        assertThat(tls.preSharedKeyIdentity()).contains(testbed.identity());
        assertThat(tls.peerCertificates()).isEmpty();
    }

    @Test
    void aNamedPlainPskSuiteIsTheOneStunnelNegotiates() throws Exception {
        try (SmtpClient client = client()) {
            client.tls().setPreSharedKeyCipherSuite("TLS_PSK_WITH_AES_128_GCM_SHA256");
            client.connect(testbed.host(), testbed.port("TLS12"));
            TlsConnectionInfo tls = client.getConnectionInfo().orElseThrow().tls().orElseThrow();
            assertThat(tls.cipherSuite()).isEqualTo("TLS_PSK_WITH_AES_128_GCM_SHA256");
            assertThat(tls.pfsCipher()).contains(false);
        }
    }

    @Test
    void aWrongKeyFailsTheHandshakeOnBothServicesNamingTheSetting() throws Exception {
        byte[] wrong = HexFormat.of().parseHex(testbed.hexKey());
        wrong[wrong.length - 1] ^= 1;
        for (String version : new String[] {"TLS12", "TLS13"}) {
            try (SmtpClient client = client()) {
                client.tls().setPreSharedKey(PreSharedKey.of(testbed.identity(), wrong));
                assertThatThrownBy(() -> client.connect(testbed.host(), testbed.port(version))).as(version)
                        .isInstanceOfSatisfying(SmtpException.class, e -> {
                            assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.TLS_HANDSHAKE_FAILED);
                            assertThat(e.getMessage()).contains("refused the pre-shared key of identity '"
                                    + testbed.identity() + "'").contains("tls().preSharedKey");
                        });
            }
        }
    }

    private TlsConnectionInfo send(String version) throws Exception {
        String token = "psk-" + UUID.randomUUID();
        TlsConnectionInfo tls;
        try (SmtpClient client = client()) {
            client.connect(testbed.host(), testbed.port(version));
            tls = client.getConnectionInfo().orElseThrow().tls().orElseThrow();
            client.sendMessage(MailMessage.builder().from("sender@" + postfix.domain()).to(postfix.user())
                    .subject(token).plainText("Sent over TLS-PSK (" + version + ").\n").build());
            client.disconnect();
        }
        assertThat(postfix.awaitDelivery(token, DELIVERY_TIMEOUT).contentAsString()).contains(token);
        return tls;
    }

    private SmtpClient client() throws IOException {
        SmtpClient client = new SmtpClient();
        client.tls().setMode(TlsMode.IMPLICIT);
        client.tls().setPreSharedKey(PreSharedKey.ofHex(testbed.identity(), testbed.hexKey()));
        return client;
    }
}
