package io.github.smtpclient.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.smtpclient.SendResult;
import io.github.smtpclient.SmtpClient;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.net.ProxyType;
import io.github.smtpclient.testing.InProcessSmtpServer;
import io.github.smtpclient.testing.TestCertificates;

/**
 * Sends through real proxies (dante for SOCKS, tinyproxy for HTTP CONNECT) started by
 * {@code scripts/testbed/start-proxies.sh} to an in-process SMTP server that requires STARTTLS and AUTH, so TLS runs
 * end to end through each tunnel with the certificate checked against the SMTP host name. Skipped when the proxies are
 * not running, failed instead under the {@code interop} profile.
 */
// Guards against hangs only; no test asserts a duration.
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ProxyInteropTests {

    private static final TestCertificates CERTIFICATES = TestCertificates.forLocalhost();

    private static ProxyTestbed proxies;
    private static InProcessSmtpServer server;

    @BeforeAll
    static void startServerBehindTheProxies() throws IOException {
        Path envFile = ProxyTestbed.configuredEnvFile();
        if (!Files.exists(envFile)) {
            String message = "proxies not running: start them with scripts/testbed/start-proxies.sh (no " + envFile + ")";
            if (Boolean.getBoolean(PostfixTestbedExtension.REQUIRED_PROPERTY)) {
                throw new IllegalStateException(message + "; -D" + PostfixTestbedExtension.REQUIRED_PROPERTY
                        + "=true forbids skipping");
            }
            Assumptions.abort(message);
        }
        proxies = ProxyTestbed.load(envFile);
        server = InProcessSmtpServer.start(CERTIFICATES,
                builder -> builder.port(proxies.targetPort()).requireTLS(true).requireAuth(true));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void socks5WithUsernameAndPasswordCarriesStartTlsAndAuth() throws Exception {
        try (SmtpClient client = client(ProxyType.SOCKS5, proxies.socksAuthPort())) {
            client.proxy().setUsername(proxies.socksUser());
            client.proxy().setPassword(proxies.socksPassword());
            assertDelivered(client, "socks5-auth");
        }
    }

    @Test
    void socks5WithoutAuthenticationCarriesStartTlsAndAuth() throws Exception {
        try (SmtpClient client = client(ProxyType.SOCKS5, proxies.socksOpenPort())) {
            assertDelivered(client, "socks5-open");
        }
    }

    @Test
    void socks4CarriesStartTlsAndAuth() throws Exception {
        try (SmtpClient client = client(ProxyType.SOCKS4, proxies.socksOpenPort())) {
            assertDelivered(client, "socks4");
        }
    }

    @Test
    void httpConnectWithBasicAuthenticationCarriesStartTlsAndAuth() throws Exception {
        try (SmtpClient client = client(ProxyType.HTTP, proxies.httpPort())) {
            client.proxy().setUsername(proxies.httpUser());
            client.proxy().setPassword(proxies.httpPassword());
            assertDelivered(client, "http-connect");
        }
    }

    @Test
    void danteRejectingThePasswordIsAnAuthenticationFailure() {
        try (SmtpClient client = client(ProxyType.SOCKS5, proxies.socksAuthPort())) {
            client.proxy().setUsername(proxies.socksUser());
            client.proxy().setPassword("wrong-password");
            assertThatThrownBy(() -> client.connect("localhost", proxies.targetPort()))
                    .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                            .isEqualTo(SmtpErrorCode.PROXY_AUTH_FAILED))
                    .hasMessageContaining("rejected the user name or password")
                    .hasMessageNotContaining("wrong-password");
        }
    }

    @Test
    void danteRequiringAuthenticationSaysSoWhenNoCredentialsAreSet() {
        try (SmtpClient client = client(ProxyType.SOCKS5, proxies.socksAuthPort())) {
            assertThatThrownBy(() -> client.connect("localhost", proxies.targetPort()))
                    .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                            .isEqualTo(SmtpErrorCode.PROXY_AUTH_FAILED))
                    .hasMessageContaining("requires authentication");
        }
    }

    @Test
    void danteRefusingTheTargetNamesTheRuleset() {
        try (SmtpClient client = client(ProxyType.SOCKS5, proxies.socksOpenPort())) {
            assertThatThrownBy(() -> client.connect("localhost", proxies.targetPort() + 1))
                    .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                            .isEqualTo(SmtpErrorCode.CONNECT_FAILED))
                    .hasMessageStartingWith("SOCKS5 proxy refused: connection not allowed by ruleset (code 2)");
        }
    }

    @Test
    void tinyproxyWithoutCredentialsAnswers407RequiresAuthentication() {
        try (SmtpClient client = client(ProxyType.HTTP, proxies.httpPort())) {
            assertThatThrownBy(() -> client.connect("localhost", proxies.targetPort()))
                    .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                            .isEqualTo(SmtpErrorCode.PROXY_AUTH_FAILED))
                    .hasMessageContaining("requires authentication")
                    .hasMessageContaining("407 Proxy Authentication Required");
        }
    }

    @Test
    void tinyproxyWithWrongCredentialsAnswers401AndTheErrorSaysTheyWereRejected() {
        try (SmtpClient client = client(ProxyType.HTTP, proxies.httpPort())) {
            client.proxy().setUsername(proxies.httpUser());
            client.proxy().setPassword("wrong-password");
            assertThatThrownBy(() -> client.connect("localhost", proxies.targetPort()))
                    .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                            .isEqualTo(SmtpErrorCode.PROXY_AUTH_FAILED))
                    .hasMessageContaining("rejected the user name or password: it answered 401")
                    .hasMessageNotContaining("wrong-password");
        }
    }

    @Test
    void tinyproxyRefusingThePortReportsItsStatusLineAndExplanation() {
        try (SmtpClient client = client(ProxyType.HTTP, proxies.httpPort())) {
            client.proxy().setUsername(proxies.httpUser());
            client.proxy().setPassword(proxies.httpPassword());
            assertThatThrownBy(() -> client.connect("localhost", proxies.targetPort() + 1))
                    .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                            .isEqualTo(SmtpErrorCode.CONNECT_FAILED))
                    .hasMessageContaining("403 Access violation")
                    .hasMessageContaining("The CONNECT method not allowed with the port you tried to use");
        }
    }

    private static SmtpClient client(ProxyType type, int port) {
        SmtpClient client = new SmtpClient();
        client.tls().setTrustedCertificates(List.of(CERTIFICATES.caCertificate()));
        client.proxy().setType(type);
        client.proxy().setHost(proxies.host());
        client.proxy().setPort(port);
        return client;
    }

    private static void assertDelivered(SmtpClient client, String id) throws Exception {
        client.auth().setUsername(InProcessSmtpServer.USER);
        client.auth().setPassword(InProcessSmtpServer.PASSWORD);
        // "localhost": the proxy resolves it, and the certificate is checked against it, not against the proxy.
        client.connect("localhost", proxies.targetPort());
        assertThat(client.getTlsInfo()).isPresent();
        SendResult result = client.sendBytes(("From: alice@example.test\r\nTo: bob@example.test\r\n"
                + "Subject: through " + id + "\r\nMessage-ID: <" + id + "@example.test>\r\n\r\nvia " + id + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        client.disconnect();
        assertThat(result.finalReply().code()).isEqualTo(250);
        assertThat(server.received()).anySatisfy(received -> assertThat(new String(received.data(),
                StandardCharsets.UTF_8)).contains("<" + id + "@example.test>", "via " + id));
    }
}
