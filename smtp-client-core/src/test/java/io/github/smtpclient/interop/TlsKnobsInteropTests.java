package io.github.smtpclient.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.event.SmtpListener;
import io.github.smtpclient.tls.ExtendedMasterSecret;
import io.github.smtpclient.tls.TlsEngine;
import io.github.smtpclient.tls.TlsHandshaker;
import io.github.smtpclient.tls.TlsLayer;
import io.github.smtpclient.tls.TlsSettings;

/**
 * The key-exchange settings as a real OpenSSL server sees them: {@code openssl s_server -groups secp384r1:ffdhe2048
 * -www} (started by {@code scripts/testbed/start-tls2.sh}) answers each connection with a page that lists the groups
 * the client offered ("Supported groups") and those it shares, and says whether the session has the extended master
 * secret. Runs on both engines; skipped when the test bed is not running, failed instead under the {@code interop}
 * profile.
 */
// Guards against hangs only; no test asserts a duration.
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@ParameterizedClass
@EnumSource(TlsEngine.class)
class TlsKnobsInteropTests {

    private static final boolean JSSE_SETS_GROUPS = Runtime.version().feature() >= 20;

    @Parameter
    TlsEngine engine;

    private static Tls2Testbed testbed;

    @BeforeAll
    static void findTheTestbed() throws IOException {
        testbed = Tls2Testbed.loadOrSkip();
    }

    @Test
    void openSslSeesExactlyTheConfiguredGroupsInOrder() throws Exception {
        TlsSettings settings = settings();
        settings.setNamedGroups(List.of("x25519", "secp384r1"));
        if (engine == TlsEngine.JSSE && !JSSE_SETS_GROUPS) {
            assertThatThrownBy(() -> page(settings)).isInstanceOfSatisfying(SmtpException.class,
                    e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.INVALID_ARGUMENT));
            return;
        }

        String page = page(settings);

        assertThat(page).contains("Supported groups: x25519:secp384r1\n").contains("Shared groups: secp384r1\n");
    }

    @Test
    void withoutFiniteFieldDheOpenSslIsOfferedNoFfdheGroup() throws Exception {
        TlsSettings settings = settings();
        assertThat(line(page(settings), "Supported groups: ")).contains("ffdhe2048");

        settings.setFiniteFieldDhe(false);
        if (engine == TlsEngine.JSSE && !JSSE_SETS_GROUPS) {
            assertThatThrownBy(() -> page(settings)).isInstanceOfSatisfying(SmtpException.class,
                    e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.INVALID_ARGUMENT));
            return;
        }
        String page = page(settings);
        assertThat(line(page, "Supported groups: ")).doesNotContain("ffdhe");
        assertThat(page).contains("Shared groups: secp384r1\n");
    }

    @Test
    void openSslSeesTheExtendedMasterSecretAsConfigured() throws Exception {
        TlsSettings settings = settings();
        settings.setVersions(List.of("TLSv1.2"));
        assertThat(page(settings)).contains("Extended master secret: yes");

        settings.setExtendedMasterSecret(ExtendedMasterSecret.OFF);
        if (engine == TlsEngine.JSSE) {
            assertThatThrownBy(() -> page(settings)).isInstanceOfSatisfying(SmtpException.class,
                    e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.INVALID_ARGUMENT));
            return;
        }
        assertThat(page(settings)).contains("Extended master secret: no");
        settings.setExtendedMasterSecret(ExtendedMasterSecret.REQUIRED);
        assertThat(page(settings)).contains("Extended master secret: yes");
    }

    private static String line(String page, String prefix) {
        return page.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line '" + prefix + "' in the s_server page:\n" + page));
    }

    private TlsSettings settings() {
        TlsSettings settings = new TlsSettings();
        settings.setEngine(engine);
        settings.setTrustedCertificates(List.of(testbed.ca()));
        settings.setUseSessionResumption(false);
        return settings;
    }

    /** The page {@code s_server -www} serves for one connection made with {@code settings}. */
    private String page(TlsSettings settings) throws Exception {
        int port = testbed.port("GROUPS");
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(10_000);
        try (TlsLayer layer = new TlsHandshaker(settings, SmtpListener.NONE).handshake(socket, testbed.host(), port,
                true)) {
            layer.output().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            layer.output().flush();
            InputStream in = layer.input();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
        }
    }
}
