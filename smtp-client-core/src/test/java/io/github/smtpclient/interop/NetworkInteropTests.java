package io.github.smtpclient.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.smtpclient.ConnectionInfo;
import io.github.smtpclient.SendResult;
import io.github.smtpclient.SmtpClient;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.log.LogLevel;
import io.github.smtpclient.net.DnsMode;
import io.github.smtpclient.net.IpVersion;
import io.github.smtpclient.net.ProxyAuthentication;
import io.github.smtpclient.net.ProxyType;
import io.github.smtpclient.testing.CapturedStandardError;
import io.github.smtpclient.testing.HangingListener;
import io.github.smtpclient.testing.InProcessSmtpServer;
import io.github.smtpclient.testing.TestCertificates;
import io.github.smtpclient.tls.TlsMode;

/**
 * The network layer against real parts started by {@code scripts/testbed/start-network.sh}: the own resolver asking
 * dnsmasq, dual-stack connects to names dnsmasq gives both addresses, squid with Digest over HTTP and over TLS to
 * the proxy, squid with NTLM, and the protocol log of a session through squid read back from the log output. The SMTP
 * server is an in-process one requiring STARTTLS and AUTH. Skipped when the test bed is not running, failed instead
 * under the {@code interop} profile.
 */
// Guards against hangs; durations are asserted only as generous bounds.
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NetworkInteropTests {

    private static final TestCertificates CERTIFICATES = TestCertificates.forNames("localhost", "mail.example.test",
            "smtp.example.test");

    private static NetworkTestbed network;
    private static InProcessSmtpServer server;

    @BeforeAll
    static void startServerBehindTheProxies() throws IOException {
        Path envFile = NetworkTestbed.configuredEnvFile();
        if (!Files.exists(envFile)) {
            String message = "network test bed not running: start it with scripts/testbed/start-network.sh (no "
                    + envFile + ")";
            if (Boolean.getBoolean(PostfixTestbedExtension.REQUIRED_PROPERTY)) {
                throw new IllegalStateException(message + "; -D" + PostfixTestbedExtension.REQUIRED_PROPERTY
                        + "=true forbids skipping");
            }
            Assumptions.abort(message);
        }
        network = NetworkTestbed.load(envFile);
        server = InProcessSmtpServer.start(CERTIFICATES,
                builder -> builder.port(network.targetPort()).requireTLS(true).requireAuth(true));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theOwnResolverAsksDnsmasqAndTheSessionRunsToTheNameItResolved() throws Exception {
        try (SmtpClient client = client()) {
            ownResolver(client);
            client.connect("mail.example.test", server.port());
            ConnectionInfo info = client.getConnectionInfo().orElseThrow();
            SendResult result = send(client, "resolved by dnsmasq");

            // dnsmasq answers ::1 and 127.0.0.1; the server listens on 127.0.0.1 only, so IPv4 wins the race.
            assertThat(info.serverAddress().getAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
            assertThat(result.finalReply().code()).isEqualTo(250);
        }
    }

    @Test
    void aCnameFromDnsmasqIsFollowed() throws Exception {
        try (SmtpClient client = client()) {
            ownResolver(client);
            client.connect("smtp.example.test", server.port());
            assertThat(send(client, "through a cname").finalReply().code()).isEqualTo(250);
        }
    }

    @Test
    void aNameDnsmasqDoesNotKnowIsReportedAsSuch() throws Exception {
        try (SmtpClient client = client()) {
            ownResolver(client);
            assertThatThrownBy(() -> client.connect("nosuch.example.test", server.port()))
                    .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                            .isEqualTo(SmtpErrorCode.CONNECT_FAILED))
                    .hasMessageContaining("no such name (NXDOMAIN from DNS server " + network.dnsServer() + ":"
                            + network.dnsPort() + ")");
        }
    }

    @Test
    void anIpv4NameIsNotReachedWithIpv6Only() throws Exception {
        try (SmtpClient client = client()) {
            ownResolver(client);
            client.socket().setIpVersion(IpVersion.IPV6_ONLY);
            assertThatThrownBy(() -> client.connect("v4.example.test", server.port()))
                    .hasMessageContaining("v4.example.test has no IPv6 address (AAAA record)");
        }
    }

    @Test
    void aDualStackNameWhoseIpv6AddressHangsConnectsOverIpv4WithoutWaitingForTheTimeout() throws Exception {
        try (InProcessSmtpServer live = InProcessSmtpServer.startPlain();
                HangingListener dead = HangingListener.on(InetAddress.getByName("::1"), live.port());
                SmtpClient client = new SmtpClient()) {
            client.tls().setMode(TlsMode.NONE);
            ownResolver(client);
            client.socket().setConnectTimeout(Duration.ofSeconds(20));

            long started = System.nanoTime();
            client.connect("dual.example.test", live.port());

            // Tried one after the other, the hanging [::1] would hold the connect for the whole 20 s.
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(client.getConnectionInfo().orElseThrow().remoteAddress().getAddress())
                    .isEqualTo(InetAddress.getByName("127.0.0.1"));
            assertThat(dead.port()).isEqualTo(live.port());
        }
    }

    @Test
    void aNameWhoseOnlyAddressHangsTimesOutAfterTheConnectTimeout() throws Exception {
        try (HangingListener dead = HangingListener.on(InetAddress.getByName("::1"), 0);
                SmtpClient client = client()) {
            ownResolver(client);
            client.socket().setConnectTimeout(Duration.ofMillis(800));

            assertThatThrownBy(() -> client.connect("hang.example.test", dead.port()))
                    .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                            .isEqualTo(SmtpErrorCode.TIMEOUT))
                    .hasMessageContaining("no answer within 800 ms");
        }
    }

    @Test
    void aSlowAnswerFailsWithinTheQueryTimeoutAndArrivesWithALongerOne() throws Exception {
        try (SmtpClient client = client()) {
            ownResolver(client);
            client.socket().dns().setQueryTimeout(Duration.ofMillis(network.slowDelayMillis() / 3));
            client.socket().dns().setTotalTimeout(Duration.ofMillis(network.slowDelayMillis() / 2));
            // Another name than below: dnsmasq would let the second query join the first one still in flight.
            assertThatThrownBy(() -> client.connect("late.slow.example.test", server.port()))
                    .hasMessageContaining("no DNS server answered for late.slow.example.test");

            client.socket().dns().setQueryTimeout(Duration.ofMillis(network.slowDelayMillis() * 3L));
            client.socket().dns().setTotalTimeout(Duration.ofMillis(network.slowDelayMillis() * 4L));
            client.tls().setSniHostName("localhost"); // the slow zone's name is not in the server's certificate
            long started = System.nanoTime();
            client.connect("mail.slow.example.test", server.port());
            assertThat(client.isConnected()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the answer really was slow (no cache)")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(network.slowDelayMillis() - 100));
        }
    }

    @Test
    void squidWithDigestCarriesStartTlsAndAuth() throws Exception {
        try (SmtpClient client = throughSquid(ProxyType.HTTP, network.squidDigestPort())) {
            client.connect("localhost", network.targetPort());
            send(client, "through squid with digest");
            assertThat(client.getConnectionInfo().orElseThrow().proxy()).hasValueSatisfying(proxy -> {
                assertThat(proxy.authentication()).hasValue("Digest");
                assertThat(proxy.response().orElseThrow().statusLine()).isEqualTo("HTTP/1.1 200 Connection established");
            });
        }
    }

    @Test
    void squidOverTlsWithDigestCarriesStartTlsAndAuthInsideItsTls() throws Exception {
        try (SmtpClient client = throughSquid(ProxyType.HTTPS, network.squidHttpsPort())) {
            client.proxy().tls().setTrustedCertificates(List.of(network.squidCa()));
            client.connect("localhost", network.targetPort());
            send(client, "through squid over tls");
            ConnectionInfo info = client.getConnectionInfo().orElseThrow();
            assertThat(info.isSecure()).isTrue();
            assertThat(info.proxy()).hasValueSatisfying(proxy -> {
                assertThat(proxy.type()).isEqualTo(ProxyType.HTTPS);
                assertThat(proxy.tls()).hasValueSatisfying(tls -> assertThat(tls.protocol()).isIn("TLSv1.3",
                        "TLSv1.2"));
                assertThat(proxy.authentication()).hasValue("Digest");
            });
        }
    }

    @Test
    void squidOverTlsIsRefusedWhenItsCertificateIsNotTrusted() {
        try (SmtpClient client = throughSquid(ProxyType.HTTPS, network.squidHttpsPort())) {
            assertThatThrownBy(() -> client.connect("localhost", network.targetPort()))
                    .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                            .isEqualTo(SmtpErrorCode.CERTIFICATE_REJECTED))
                    .hasMessageContaining("TLS to the HTTPS proxy");
        }
    }

    @Test
    void squidRejectingTheDigestPasswordIsAProxyAuthenticationFailure() {
        try (SmtpClient client = throughSquid(ProxyType.HTTP, network.squidDigestPort())) {
            client.proxy().setPassword("wrong-password");
            assertThatThrownBy(() -> client.connect("localhost", network.targetPort()))
                    .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                            .isEqualTo(SmtpErrorCode.PROXY_AUTH_FAILED))
                    .hasMessageContaining("rejected the user name or password (Digest)")
                    .hasMessageContaining("407")
                    .hasMessageNotContaining("wrong-password");
        }
    }

    @Test
    void basicToADigestOnlySquidSaysWhatItOffers() {
        try (SmtpClient client = throughSquid(ProxyType.HTTP, network.squidDigestPort())) {
            client.proxy().setAuthentication(ProxyAuthentication.BASIC);
            assertThatThrownBy(() -> client.connect("localhost", network.targetPort()))
                    .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                            .isEqualTo(SmtpErrorCode.PROXY_AUTH_FAILED))
                    .hasMessageContaining("does not accept Basic authentication")
                    .hasMessageContaining("[Digest]");
        }
    }

    @Test
    void squidWithNtlmCarriesStartTlsAndAuth() throws Exception {
        try (SmtpClient client = throughSquid(ProxyType.HTTP, network.squidNtlmPort())) {
            client.proxy().setUsername("EXAMPLE\\bob");
            client.connect("localhost", network.targetPort());
            send(client, "through squid with ntlm");
            assertThat(client.getConnectionInfo().orElseThrow().proxy().orElseThrow().authentication())
                    .hasValue("NTLM");
        }
    }

    @Test
    void squidRefusingAPortReportsIt() {
        try (SmtpClient client = throughSquid(ProxyType.HTTP, network.squidDigestPort())) {
            assertThatThrownBy(() -> client.connect("localhost", network.targetPort() + 1))
                    .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                            .isEqualTo(SmtpErrorCode.CONNECT_FAILED))
                    .hasMessageContaining("403 Forbidden");
        }
    }

    @Test
    void theProtocolLogOfASessionThroughSquidNeverShowsAPassword() throws Exception {
        String log;
        try (CapturedStandardError captured = CapturedStandardError.start();
                SmtpClient client = throughSquid(ProxyType.HTTPS, network.squidHttpsPort())) {
            client.proxy().tls().setTrustedCertificates(List.of(network.squidCa()));
            client.log().setLevel(LogLevel.DATA);
            client.connect("localhost", network.targetPort());
            send(client, "logged through squid");
            log = captured.text();
        }

        assertThat(log).contains("io.github.smtpclient.wire", "via HTTPS proxy", "(Digest)", "C: STARTTLS",
                "C: AUTH PLAIN ****", "D: Subject: logged through squid");
        for (String secret : List.of(InProcessSmtpServer.PASSWORD, base64(InProcessSmtpServer.PASSWORD),
                base64("\0" + InProcessSmtpServer.USER + "\0" + InProcessSmtpServer.PASSWORD),
                network.squidPassword(), base64(network.squidPassword()))) {
            assertThat(log).as("the log must not contain " + secret).doesNotContain(secret);
        }
    }

    private static SmtpClient client() {
        SmtpClient client = new SmtpClient();
        client.tls().setTrustedCertificates(List.of(CERTIFICATES.caCertificate()));
        client.auth().setUsername(InProcessSmtpServer.USER);
        client.auth().setPassword(InProcessSmtpServer.PASSWORD);
        return client;
    }

    private static void ownResolver(SmtpClient client) {
        client.socket().dns().setMode(DnsMode.OWN);
        client.socket().dns().setServers(List.of(network.dnsServer()));
        client.socket().dns().setPort(network.dnsPort());
    }

    private static SmtpClient throughSquid(ProxyType type, int port) {
        SmtpClient client = client();
        client.proxy().setType(type);
        client.proxy().setHost(network.squidHost());
        client.proxy().setPort(port);
        client.proxy().setUsername(network.squidUser());
        client.proxy().setPassword(network.squidPassword());
        return client;
    }

    private static SendResult send(SmtpClient client, String subject) throws Exception {
        String id = subject.replace(' ', '-');
        SendResult result = client.sendBytes(("From: alice@example.test\r\nTo: bob@example.test\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + id + "@example.test>\r\n\r\n" + subject + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(server.received()).anySatisfy(received -> assertThat(new String(received.data(),
                StandardCharsets.UTF_8)).contains("<" + id + "@example.test>"));
        return result;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
