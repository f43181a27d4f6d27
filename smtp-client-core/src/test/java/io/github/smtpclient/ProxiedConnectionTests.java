package io.github.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.smtpclient.net.ProxyType;
import io.github.smtpclient.net.SocketSettings;
import io.github.smtpclient.testing.InProcessSmtpServer;
import io.github.smtpclient.testing.ScriptedHttpProxy;
import io.github.smtpclient.testing.ScriptedHttpProxy.Answer;
import io.github.smtpclient.testing.TestCertificates;
import io.github.smtpclient.tls.TlsEngine;

/**
 * A whole session through an HTTPS proxy: TLS to the proxy, CONNECT with credentials, then STARTTLS and AUTH to the
 * SMTP server inside the tunnel (TLS in TLS), and what {@link ConnectionInfo} says about each hop.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ProxiedConnectionTests {

    private static final TestCertificates CERTIFICATES = TestCertificates.forLocalhost();

    private final InProcessSmtpServer server = InProcessSmtpServer.startRequiringTlsAndAuth(CERTIFICATES);
    private ScriptedHttpProxy proxy;

    @AfterEach
    void stop() throws Exception {
        server.close();
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void starttlsAndAuthRunInsideTheTlsToAnHttpsProxyAndConnectionInfoNamesBothHops() throws Exception {
        proxy = ScriptedHttpProxy.overTls(CERTIFICATES.serverContext(),
                request -> request.header("Proxy-Authorization") == null
                        ? Answer.challenge("Proxy-Authenticate: Basic realm=\"https proxy\"")
                        : Answer.tunnel(server.port(), "Proxy-agent: scripted"));
        try (SmtpClient client = new SmtpClient()) {
            client.tls().setTrustedCertificates(List.of(CERTIFICATES.caCertificate()));
            client.proxy().setType(ProxyType.HTTPS);
            client.proxy().setHost("127.0.0.1");
            client.proxy().setPort(proxy.port());
            client.proxy().setUsername("proxy-user");
            client.proxy().setPassword("proxy-pass");
            client.proxy().tls().setTrustedCertificates(List.of(CERTIFICATES.caCertificate()));
            client.auth().setUsername(InProcessSmtpServer.USER);
            client.auth().setPassword(InProcessSmtpServer.PASSWORD);

            client.connect("localhost", server.port());
            client.sendBytes(("From: alice@example.test\r\nTo: bob@example.test\r\nSubject: tls in tls\r\n\r\n"
                    + "through the https proxy\r\n").getBytes(StandardCharsets.US_ASCII));

            ConnectionInfo info = client.getConnectionInfo().orElseThrow();
            assertThat(info.remoteAddress().getPort()).as("the TCP connection goes to the proxy")
                    .isEqualTo(proxy.port());
            assertThat(info.serverAddress().isUnresolved()).isTrue();
            assertThat(info.serverAddress().getHostString()).isEqualTo("localhost");
            assertThat(info.serverAddress().getPort()).isEqualTo(server.port());
            assertThat(info.isSecure()).as("STARTTLS to the SMTP server inside the tunnel").isTrue();
            assertThat(info.tls().orElseThrow().engine()).as("the SMTP TLS runs on the default engine")
                    .isEqualTo(TlsEngine.BOUNCY_CASTLE);
            assertThat(info.tls().orElseThrow().isServerAuthenticated()).isTrue();
            assertThat(info.proxy()).hasValueSatisfying(hop -> {
                assertThat(hop.type()).isEqualTo(ProxyType.HTTPS);
                assertThat(hop.tls()).as("the TLS to the proxy, always on JSSE").hasValueSatisfying(proxyTls -> {
                    assertThat(proxyTls.engine()).isEqualTo(TlsEngine.JSSE);
                    assertThat(proxyTls.isServerAuthenticated()).isTrue();
                });
                assertThat(hop.authentication()).hasValue("Basic");
                assertThat(hop.response().orElseThrow().header("Proxy-agent")).hasValue("scripted");
            });
        }
        assertThat(server.received()).singleElement().satisfies(received -> assertThat(
                new String(received.data(), StandardCharsets.UTF_8)).contains("through the https proxy"));
    }

    @Test
    void aDirectConnectionReportsTheServerAsTheRemoteAddressAndNoProxy() throws Exception {
        try (SmtpClient client = new SmtpClient()) {
            client.tls().setTrustedCertificates(List.of(CERTIFICATES.caCertificate()));
            client.auth().setUsername(InProcessSmtpServer.USER);
            client.auth().setPassword(InProcessSmtpServer.PASSWORD);
            client.connect("localhost", server.port());

            ConnectionInfo info = client.getConnectionInfo().orElseThrow();
            assertThat(info.serverAddress()).isEqualTo(info.remoteAddress());
            assertThat(info.serverAddress().isUnresolved()).isFalse();
            assertThat(info.proxy()).isEmpty();
        }
    }

    @Test
    void theTransfersSendBufferSizeAlsoSizesTheSocketsSendBuffer() {
        SocketSettings socket = new SocketSettings();
        TransferSettings transfer = new TransferSettings();
        transfer.setSendBufferSize(32 * 1024);

        SocketSettings connection = SmtpClient.connectionSettings(socket, transfer);

        assertThat(connection.getSendBufferSize()).isEqualTo(32 * 1024);
        assertThat(socket.getSendBufferSize()).as("the client's own settings are left alone").isZero();
        assertThat(SmtpClient.connectionSettings(socket, new TransferSettings()).getSendBufferSize())
                .as("the default leaves the system's buffer and its automatic growth alone").isZero();
    }
}
