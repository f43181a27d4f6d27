package io.github.smtpclient.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.testing.LoopbackServer;
import io.github.smtpclient.tls.TlsMode;
import io.github.smtpclient.tls.TlsSettings;

/**
 * Protocol edge cases of the proxy handshakes against a scripted fake proxy. The real proxies (dante, tinyproxy) are
 * exercised by {@code ProxyInteropTests}.
 */
// Guards against hangs only (a handshake reading too far would block forever); no test asserts a duration.
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ProxyTunnelTests {

    private static final byte[] GREETING = "220 smtp.example.test ready\r\n".getBytes(StandardCharsets.US_ASCII);

    private final SocketSettings socket = new SocketSettings();
    private final TlsSettings tls = new TlsSettings();
    private final ProxySettings proxy = new ProxySettings();
    private final CompletableFuture<byte[]> request = new CompletableFuture<>();
    private final List<AutoCloseable> resources = new ArrayList<>();

    ProxyTunnelTests() {
        tls.setMode(TlsMode.NONE);
        proxy.setHost("127.0.0.1");
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    @Test
    void socks5SendsTheHostNameForTheProxyToResolveAndKeepsTheGreetingThatFollowsTheReply() throws Exception {
        fakeProxy(ProxyType.SOCKS5, (in, out) -> {
            assertThat(in.readNBytes(3)).containsExactly(5, 1, 0);
            out.write(new byte[] {5, 0});
            out.flush();
            request.complete(in.readNBytes(4 + 1 + "mail.example.test".length() + 2));
            // The reply and the greeting in one write, as a fast server behind the proxy produces them.
            out.write(concat(new byte[] {5, 0, 0, 1, 127, 0, 0, 1, 0x30, 0x39}, GREETING));
            out.flush();
        });

        SocketWire wire = connect("mail.example.test", 25);

        assertThat(request.get(5, TimeUnit.SECONDS)).isEqualTo(concat(new byte[] {5, 1, 0, 3, 17},
                "mail.example.test".getBytes(StandardCharsets.US_ASCII), new byte[] {0, 25}));
        assertThat(LoopbackServer.readLine(wire.input())).isEqualTo("220 smtp.example.test ready");
    }

    @Test
    void socks5AuthenticatesWithUsernameAndPasswordAndSkipsADomainNameBoundAddress() throws Exception {
        proxy.setUsername("user");
        proxy.setPassword("pässword");
        fakeProxy(ProxyType.SOCKS5, (in, out) -> {
            assertThat(in.readNBytes(4)).containsExactly(5, 2, 0, 2);
            out.write(new byte[] {5, 2});
            out.flush();
            byte[] password = "pässword".getBytes(StandardCharsets.UTF_8);
            request.complete(in.readNBytes(1 + 1 + 4 + 1 + password.length));
            out.write(new byte[] {1, 0});
            out.flush();
            in.readNBytes(4 + 4 + 2);
            out.write(concat(new byte[] {5, 0, 0, 3, 5}, "proxy".getBytes(StandardCharsets.US_ASCII),
                    new byte[] {0, 25}, GREETING));
            out.flush();
        });

        SocketWire wire = connect("192.0.2.7", 25);

        assertThat(request.get(5, TimeUnit.SECONDS)).isEqualTo(concat(new byte[] {1, 4},
                "user".getBytes(StandardCharsets.US_ASCII), new byte[] {9}, "pässword".getBytes(StandardCharsets.UTF_8)));
        assertThat(LoopbackServer.readLine(wire.input())).isEqualTo("220 smtp.example.test ready");
    }

    @Test
    void socks5SendsAnIpv6LiteralAsAnAddress() throws Exception {
        fakeProxy(ProxyType.SOCKS5, (in, out) -> {
            in.readNBytes(3);
            out.write(new byte[] {5, 0});
            out.flush();
            request.complete(in.readNBytes(4 + 16 + 2));
            out.write(concat(new byte[] {5, 0, 0, 4}, new byte[16], new byte[] {0, 25}, GREETING));
            out.flush();
        });

        connect("2001:db8::1", 587);

        assertThat(HexFormat.of().formatHex(request.get(5, TimeUnit.SECONDS)))
                .isEqualTo("05010004" + "20010db8000000000000000000000001" + "024b");
    }

    @ParameterizedTest
    @CsvSource({
        "1, general SOCKS server failure",
        "2, connection not allowed by ruleset",
        "3, network unreachable",
        "4, host unreachable",
        "5, connection refused",
        "6, TTL expired",
        "7, command not supported",
        "8, address type not supported",
        "9, unassigned reply code"})
    void socks5ReplyCodesBecomeClearRefusals(int code, String meaning) throws Exception {
        fakeProxy(ProxyType.SOCKS5, (in, out) -> {
            in.readNBytes(3);
            out.write(new byte[] {5, 0});
            out.flush();
            in.readNBytes(4 + 1 + 9 + 2);
            out.write(new byte[] {5, (byte) code, 0, 1, 0, 0, 0, 0, 0, 0});
            out.flush();
        });

        assertThatThrownBy(() -> connect("localhost", 25))
                .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(SmtpErrorCode.CONNECT_FAILED))
                .hasMessageStartingWith("SOCKS5 proxy refused: " + meaning + " (code " + code + ")")
                .hasMessageContaining("localhost:25");
    }

    @Test
    void socks5ProxyRequiringAuthenticationWithoutCredentialsIsAnAuthenticationFailure() throws Exception {
        fakeProxy(ProxyType.SOCKS5, (in, out) -> {
            in.readNBytes(3);
            out.write(new byte[] {5, (byte) 0xFF});
            out.flush();
        });

        assertThatThrownBy(() -> connect("localhost", 25))
                .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(SmtpErrorCode.PROXY_AUTH_FAILED))
                .hasMessageContaining("requires authentication; set proxy().username");
    }

    @Test
    void socks5RejectedPasswordIsAnAuthenticationFailureThatNeverShowsThePassword() throws Exception {
        proxy.setUsername("user");
        proxy.setPassword("hunter2");
        fakeProxy(ProxyType.SOCKS5, (in, out) -> {
            in.readNBytes(4);
            out.write(new byte[] {5, 2});
            out.flush();
            in.readNBytes(1 + 1 + 4 + 1 + 7);
            out.write(new byte[] {1, 1});
            out.flush();
        });

        assertThatThrownBy(() -> connect("localhost", 25))
                .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(SmtpErrorCode.PROXY_AUTH_FAILED))
                .hasMessageContaining("rejected the user name or password")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aProxyThatIsNotSocks5IsNamedAsSuch() throws Exception {
        fakeProxy(ProxyType.SOCKS5, (in, out) -> {
            in.readNBytes(3);
            out.write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        });

        assertThatThrownBy(() -> connect("localhost", 25))
                .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(SmtpErrorCode.CONNECT_FAILED))
                .hasMessageContaining("does not speak SOCKS 5");
    }

    @Test
    void aProxyClosingMidHandshakeIsAConnectFailure() throws Exception {
        fakeProxy(ProxyType.SOCKS5, (in, out) -> {
            in.readNBytes(3);
            out.write(5);
            out.close();
        });

        assertThatThrownBy(() -> connect("localhost", 25))
                .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(SmtpErrorCode.CONNECT_FAILED))
                .hasMessageContaining("closed the connection while opening the tunnel to localhost:25");
    }

    @Test
    void socks4aSendsTheHostNameAfterTheUserId() throws Exception {
        proxy.setUsername("ident");
        fakeProxy(ProxyType.SOCKS4A, (in, out) -> {
            request.complete(in.readNBytes(8 + 6 + "mail.example.test".length() + 1));
            out.write(concat(new byte[] {0, 0x5A, 0, 0, 0, 0, 0, 0}, GREETING));
            out.flush();
        });

        SocketWire wire = connect("mail.example.test", 25);

        assertThat(request.get(5, TimeUnit.SECONDS)).isEqualTo(concat(new byte[] {4, 1, 0, 25, 0, 0, 0, 1},
                "ident\0mail.example.test\0".getBytes(StandardCharsets.US_ASCII)));
        assertThat(LoopbackServer.readLine(wire.input())).isEqualTo("220 smtp.example.test ready");
    }

    @Test
    void socks4RejectionIsAClearRefusal() throws Exception {
        fakeProxy(ProxyType.SOCKS4, (in, out) -> {
            in.readNBytes(9);
            out.write(new byte[] {0, 0x5B, 0, 0, 0, 0, 0, 0});
            out.flush();
        });

        assertThatThrownBy(() -> connect("192.0.2.7", 25))
                .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(SmtpErrorCode.CONNECT_FAILED))
                .hasMessageStartingWith("SOCKS4 proxy refused: request rejected or failed (code 91)");
    }

    @Test
    void httpConnectSendsHostBasicCredentialsAndExtraHeaders() throws Exception {
        proxy.setAuthentication(ProxyAuthentication.BASIC);
        proxy.setUsername("user");
        proxy.setPassword("secret");
        proxy.setRequestHeaders(Map.of("User-Agent", "smtp-client-test"));
        fakeProxy(ProxyType.HTTP, (in, out) -> {
            request.complete(readHttpHead(in));
            out.write(concat("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                    GREETING));
            out.flush();
        });

        SocketWire wire = connect("2001:db8::1", 587);

        String basic = Base64.getEncoder().encodeToString("user:secret".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(request.get(5, TimeUnit.SECONDS), StandardCharsets.US_ASCII)).isEqualTo(
                "CONNECT [2001:db8::1]:587 HTTP/1.1\r\nHost: [2001:db8::1]:587\r\nProxy-Authorization: Basic " + basic
                        + "\r\nUser-Agent: smtp-client-test\r\n\r\n");
        assertThat(LoopbackServer.readLine(wire.input())).isEqualTo("220 smtp.example.test ready");
    }

    @Test
    void httpResponseSplitAcrossReadsIsReassembledAndTheGreetingIsNotLost() throws Exception {
        fakeProxy(ProxyType.HTTP, (in, out) -> {
            readHttpHead(in);
            for (String part : List.of("HTTP/1.1 20", "0 Connection established\r", "\nProxy-agent: fake\r\n\r",
                    "\n220 smtp.example.test ready\r\n")) {
                out.write(part.getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        });

        SocketWire wire = connect("localhost", 25);

        assertThat(LoopbackServer.readLine(wire.input())).isEqualTo("220 smtp.example.test ready");
    }

    @Test
    void http407WithoutCredentialsSaysTheProxyRequiresAuthentication() throws Exception {
        fakeProxy(ProxyType.HTTP, (in, out) -> {
            readHttpHead(in);
            out.write(("HTTP/1.0 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"x\"\r\n"
                    + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        });

        assertThatThrownBy(() -> connect("localhost", 25))
                .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(SmtpErrorCode.PROXY_AUTH_FAILED))
                .hasMessageContaining("requires authentication")
                .hasMessageContaining("HTTP/1.0 407 Proxy Authentication Required | Proxy-Authenticate: Basic");
    }

    @Test
    void http401ForSentCredentialsSaysTheyWereRejected() throws Exception {
        proxy.setAuthentication(ProxyAuthentication.BASIC);
        proxy.setUsername("user");
        proxy.setPassword("wrong-secret");
        fakeProxy(ProxyType.HTTP, (in, out) -> {
            readHttpHead(in);
            out.write("HTTP/1.0 401 Unauthorized\r\nConnection: close\r\n\r\nBad credentials"
                    .getBytes(StandardCharsets.US_ASCII));
            out.close();
        });

        assertThatThrownBy(() -> connect("localhost", 25))
                .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(SmtpErrorCode.PROXY_AUTH_FAILED))
                .hasMessageContaining("rejected the user name or password: it answered 401")
                .hasMessageEndingWith("body: Bad credentials)")
                .hasMessageNotContaining("wrong-secret");
    }

    @Test
    void httpRefusalReportsTheStatusLineHeadersAndBodyText() throws Exception {
        fakeProxy(ProxyType.HTTP, (in, out) -> {
            readHttpHead(in);
            String body = "<html><head><title>403</title></head><body><p>Port not allowed.</p></body></html>";
            out.write(("HTTP/1.1 403 Access violation\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
        });

        assertThatThrownBy(() -> connect("localhost", 25))
                .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(SmtpErrorCode.CONNECT_FAILED))
                .hasMessageContaining("refused to open a tunnel to localhost:25: HTTP/1.1 403 Access violation"
                        + " | Content-Length: ")
                .hasMessageEndingWith("body: Port not allowed.");
    }

    @Test
    void anAnswerThatIsNotHttpIsNamedAsSuch() throws Exception {
        fakeProxy(ProxyType.HTTP, (in, out) -> {
            readHttpHead(in);
            out.write("SSH-2.0-OpenSSH\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        });

        assertThatThrownBy(() -> connect("localhost", 25))
                .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(SmtpErrorCode.CONNECT_FAILED))
                .hasMessageContaining("did not answer with HTTP");
    }

    @Test
    void aProxyWithoutHostIsAnInvalidArgument() {
        proxy.setHost(null);
        proxy.setType(ProxyType.SOCKS5);

        assertThatThrownBy(() -> connect("localhost", 25))
                .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(SmtpErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("proxy().host must be set");
    }

    @Test
    void aProxyThatIsNotListeningIsNamedInTheConnectFailure() throws Exception {
        LoopbackServer closed = LoopbackServer.plain(s -> { });
        int port = closed.port();
        closed.close();
        proxy.setType(ProxyType.HTTP);
        proxy.setPort(port);

        assertThatThrownBy(() -> connect("localhost", 25))
                .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(SmtpErrorCode.CONNECT_FAILED))
                .hasMessageContaining("cannot connect to the proxy 127.0.0.1:" + port);
    }

    @Test
    void theProxyHostsAddressesAreTriedInTheProxysOwnIpv6Order() throws Exception {
        LoopbackServer closed = LoopbackServer.plain(s -> { });
        int port = closed.port();
        closed.close();
        List<String> resolved = new ArrayList<>();
        AddressResolver resolver = (name, version) -> {
            resolved.add(name);
            return List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1"));
        };
        proxy.setType(ProxyType.SOCKS5);
        proxy.setHost("proxy.example.test");
        proxy.setPort(port);
        proxy.setIpVersion(IpVersion.BOTH_IPV6_FIRST);
        socket.setIpVersion(IpVersion.IPV4_ONLY);

        assertThatThrownBy(() -> new Connector(resolver).connect("mail.example.test", 25, socket, tls, proxy, null))
                .isInstanceOf(SmtpException.class)
                .hasMessageContaining("cannot connect to the proxy proxy.example.test:" + port
                        + " (tried 2 addresses): 0:0:0:0:0:0:0:1: ");
        assertThat(resolved).as("only the proxy is resolved here; the proxy resolves the server")
                .containsExactly("proxy.example.test");
    }

    @FunctionalInterface
    private interface Script {
        void run(InputStream in, OutputStream out) throws Exception;
    }

    private void fakeProxy(ProxyType type, Script script) throws IOException {
        LoopbackServer server = LoopbackServer.plain(s -> {
            s.setTcpNoDelay(true);
            script.run(s.getInputStream(), s.getOutputStream());
            if (!s.isClosed()) {
                LoopbackServer.drain(s);
            }
        });
        resources.add(server);
        proxy.setType(type);
        proxy.setPort(server.port());
    }

    private SocketWire connect(String host, int port) throws SmtpException {
        SocketWire wire = new Connector().connect(host, port, socket, tls, proxy, null);
        resources.add(wire::close);
        return wire;
    }

    private static byte[] readHttpHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("client closed before the end of the request head");
            }
            head.write(b);
        }
        return head.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }
}
