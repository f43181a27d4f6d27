package io.github.smtpclient.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.testing.LoopbackServer;
import io.github.smtpclient.testing.ScriptedHttpProxy;
import io.github.smtpclient.testing.ScriptedHttpProxy.Answer;
import io.github.smtpclient.testing.ScriptedHttpProxy.Request;
import io.github.smtpclient.testing.TestCertificates;
import io.github.smtpclient.tls.TlsMode;
import io.github.smtpclient.tls.TlsSettings;

/**
 * HTTP proxy authentication (Digest, NTLM, the AUTO choice), the HTTPS proxy and what an open tunnel keeps, against
 * a scripted proxy that checks the client's answers itself. squid covers the same schemes in
 * {@code NetworkInteropTests}; here are the cases it cannot produce (a wrong NTLM password: its fake helper accepts
 * any; stale nonces; a proxy that closes between challenges).
 */
// Guards against hangs only; no test asserts a duration.
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HttpProxyAuthenticationTests {

    private static final TestCertificates CERTIFICATES = TestCertificates.forLocalhost();
    private static final String PASSWORD = "s3cret-proxy-pass";
    private static final HexFormat HEX = HexFormat.of();

    private final SocketSettings socket = new SocketSettings();
    private final TlsSettings tls = new TlsSettings();
    private final ProxySettings proxy = new ProxySettings();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final LoopbackServer smtp;

    HttpProxyAuthenticationTests() throws Exception {
        tls.setMode(TlsMode.NONE);
        proxy.setType(ProxyType.HTTP);
        proxy.setHost("127.0.0.1");
        proxy.setUsername("bob");
        proxy.setPassword(PASSWORD);
        smtp = LoopbackServer.plain(s -> {
            LoopbackServer.writeLine(s, "220 behind the proxy");
            LoopbackServer.drain(s);
        });
        resources.add(smtp);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    @Test
    void autoAnswersDigestRatherThanBasicOnTheSameConnection() throws Exception {
        ScriptedHttpProxy digest = proxy(request -> {
            String authorization = request.header("Proxy-Authorization");
            if (authorization == null) {
                return Answer.challenge("Proxy-Authenticate: Basic realm=\"squid\"",
                        "Proxy-Authenticate: Digest realm=\"squid-digest\", nonce=\"0a1b2c\", qop=\"auth\"");
            }
            return digestIsRight(authorization, PASSWORD, "0a1b2c") ? Answer.tunnel(smtp.port())
                    : Answer.challenge("Proxy-Authenticate: Digest realm=\"squid-digest\", nonce=\"3d4e5f\"");
        });

        SocketWire wire = connect();

        assertThat(LoopbackServer.readLine(wire.input())).isEqualTo("220 behind the proxy");
        assertThat(digest.requests()).extracting(r -> r.header("Proxy-Authorization"))
                .satisfiesExactly(first -> assertThat(first).isNull(),
                        second -> assertThat(second).startsWith("Digest username=\"bob\""));
        assertThat(digest.connections()).as("the 407's body was drained and the connection reused").isEqualTo(1);
        assertThat(wire.proxy()).hasValueSatisfying(p -> assertThat(p.authentication()).hasValue("Digest"));
    }

    @Test
    void aWrongDigestPasswordIsAProxyAuthenticationFailure() throws Exception {
        proxy.setPassword("wrong-password");
        proxy(request -> {
            String authorization = request.header("Proxy-Authorization");
            return authorization != null && digestIsRight(authorization, PASSWORD, "0a1b2c")
                    ? Answer.tunnel(smtp.port())
                    : Answer.challenge("Proxy-Authenticate: Digest realm=\"r\", nonce=\"0a1b2c\", qop=\"auth\"");
        });

        assertThatThrownBy(this::connect)
                .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(SmtpErrorCode.PROXY_AUTH_FAILED))
                .hasMessageContaining("rejected the user name or password (Digest)")
                .hasMessageNotContaining("wrong-password");
    }

    @Test
    void aStaleNonceIsAnsweredAgainWithTheNewOne() throws Exception {
        ScriptedHttpProxy stale = proxy(request -> {
            String authorization = request.header("Proxy-Authorization");
            if (authorization == null) {
                return Answer.challenge("Proxy-Authenticate: Digest realm=\"r\", nonce=\"old\", qop=\"auth\"");
            }
            if (authorization.contains("nonce=\"old\"")) {
                return Answer.challenge("Proxy-Authenticate: Digest realm=\"r\", nonce=\"new\", qop=\"auth\","
                        + " stale=true");
            }
            return digestIsRight(authorization, PASSWORD, "new") ? Answer.tunnel(smtp.port()) : Answer.challenge();
        });

        connect();

        assertThat(stale.requests()).hasSize(3);
    }

    @Test
    void aProxyThatClosesAfterItsChallengeIsAskedAgainOnANewConnection() throws Exception {
        proxy.setAuthentication(ProxyAuthentication.DIGEST);
        ScriptedHttpProxy closing = proxy(request -> request.header("Proxy-Authorization") == null
                ? Answer.challenge("Proxy-Authenticate: Digest realm=\"r\", nonce=\"n\", qop=\"auth\"").closing()
                : Answer.tunnel(smtp.port()));

        connect();

        assertThat(closing.connections()).isEqualTo(2);
        assertThat(closing.requests()).extracting(Request::connection).containsExactly(1, 2);
    }

    @Test
    void ntlmRunsOnOneConnectionAndTheProxyAcceptsTheRightPassword() throws Exception {
        proxy.setUsername("EXAMPLE\\bob");
        ScriptedHttpProxy ntlm = proxy(new NtlmProxy(PASSWORD, smtp.port())::answer);

        SocketWire wire = connect();

        assertThat(LoopbackServer.readLine(wire.input())).isEqualTo("220 behind the proxy");
        assertThat(ntlm.requests()).hasSize(3);
        assertThat(ntlm.connections()).isEqualTo(1);
        assertThat(wire.proxy()).hasValueSatisfying(p -> assertThat(p.authentication()).hasValue("NTLM"));
    }

    @Test
    void ntlmWithAWrongPasswordIsAProxyAuthenticationFailure() throws Exception {
        proxy.setUsername("EXAMPLE\\bob");
        proxy.setPassword("not-the-password");
        proxy(new NtlmProxy(PASSWORD, smtp.port())::answer);

        assertThatThrownBy(this::connect)
                .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(SmtpErrorCode.PROXY_AUTH_FAILED))
                .hasMessageContaining("rejected the user name or password (NTLM)")
                .hasMessageNotContaining("not-the-password");
    }

    @Test
    void anExplicitSchemeTheProxyDoesNotOfferSaysWhatItOffers() throws Exception {
        proxy.setAuthentication(ProxyAuthentication.DIGEST);
        proxy(request -> Answer.challenge("Proxy-Authenticate: Basic realm=\"only basic\""));

        assertThatThrownBy(this::connect)
                .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(SmtpErrorCode.PROXY_AUTH_FAILED))
                .hasMessageContaining("does not accept Digest authentication (proxy().authentication); it offers"
                        + " [Basic]");
    }

    @Test
    void aSchemeTheClientDoesNotSpeakIsNamed() throws Exception {
        proxy(request -> Answer.challenge("Proxy-Authenticate: Bearer realm=\"r\""));

        assertThatThrownBy(this::connect)
                .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(SmtpErrorCode.PROXY_AUTH_FAILED))
                .hasMessageContaining("asks for authentication by [Bearer], and this client speaks Basic, Digest,"
                        + " NTLM and Negotiate");
    }

    @Test
    void anOpenTunnelKeepsTheProxysStatusAndHeadersAndTheRequestHeadersGoWithEveryRequest() throws Exception {
        proxy.setRequestHeaders(Map.of("User-Agent", "smtp-client-test"));
        ScriptedHttpProxy scripted = proxy(request -> request.header("Proxy-Authorization") == null
                ? Answer.challenge("Proxy-Authenticate: Basic realm=\"r\"")
                : Answer.tunnel(smtp.port(), "Proxy-agent: scripted/1.0", "Via: 1.1 scripted"));

        SocketWire wire = connect();

        assertThat(wire.proxy()).hasValueSatisfying(p -> {
            assertThat(p.type()).isEqualTo(ProxyType.HTTP);
            assertThat(p.address().getPort()).isEqualTo(scripted.port());
            assertThat(p.authentication()).hasValue("Basic");
            assertThat(p.response()).hasValueSatisfying(response -> {
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.statusLine()).isEqualTo("HTTP/1.1 200 Connection established");
                assertThat(response.header("proxy-agent")).hasValue("scripted/1.0");
                assertThat(response.headers()).containsExactly("Proxy-agent: scripted/1.0", "Via: 1.1 scripted");
                assertThat(response.body()).isEmpty();
            });
        });
        assertThat(scripted.requests()).extracting(r -> r.header("User-Agent"))
                .containsExactly("smtp-client-test", "smtp-client-test");
        assertThat(wire.serverAddress().isUnresolved()).as("the proxy resolved the server's name").isTrue();
        assertThat(wire.serverAddress().getHostString()).isEqualTo("localhost");
    }

    @Test
    void anHttpsProxyIsReachedOverTlsCheckedWithItsOwnSettings() throws Exception {
        proxy.setType(ProxyType.HTTPS);
        proxy.tls().setTrustedCertificates(List.of(CERTIFICATES.caCertificate()));
        proxy.tls().setUseSystemCertificates(false);
        ScriptedHttpProxy https = ScriptedHttpProxy.overTls(CERTIFICATES.serverContext(),
                request -> request.header("Proxy-Authorization") == null
                        ? Answer.challenge("Proxy-Authenticate: Basic realm=\"tls\"")
                        : Answer.tunnel(smtp.port()));
        resources.add(https);
        proxy.setPort(https.port());

        SocketWire wire = connect();

        assertThat(LoopbackServer.readLine(wire.input())).isEqualTo("220 behind the proxy");
        assertThat(wire.proxy()).hasValueSatisfying(p -> assertThat(p.tls()).hasValueSatisfying(info ->
                assertThat(info.peerCertificates()).first().isEqualTo(CERTIFICATES.serverCertificate())));
        assertThat(wire.isSecure()).as("the SMTP connection itself is not yet encrypted").isFalse();
        assertThat(https.requests()).extracting(r -> r.header("Proxy-Authorization")).last().asString()
                .startsWith("Basic ");
    }

    @Test
    void anHttpsProxyWithAnUntrustedCertificateIsRejectedAndNamed() throws Exception {
        proxy.setType(ProxyType.HTTPS);
        ScriptedHttpProxy https = ScriptedHttpProxy.overTls(CERTIFICATES.serverContext(),
                request -> Answer.tunnel(smtp.port()));
        resources.add(https);
        proxy.setPort(https.port());
        tls.setTrustedCertificates(List.of(CERTIFICATES.caCertificate())); // trusted for SMTP, not for the proxy

        assertThatThrownBy(this::connect)
                .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(SmtpErrorCode.CERTIFICATE_REJECTED))
                .hasMessageContaining("TLS to the HTTPS proxy 127.0.0.1:" + https.port() + " failed")
                .hasMessageContaining("proxy().tls()");
        assertThat(https.requests()).as("no CONNECT, let alone credentials, before the proxy is trusted").isEmpty();
    }

    private SocketWire connect() throws SmtpException {
        SocketWire wire = new Connector().connect("localhost", 25, socket, tls, proxy, null);
        resources.add(wire);
        return wire;
    }

    private ScriptedHttpProxy proxy(ScriptedHttpProxy.Script script) throws Exception {
        ScriptedHttpProxy scripted = ScriptedHttpProxy.plain(script);
        resources.add(scripted);
        proxy.setPort(scripted.port());
        return scripted;
    }

    /** Checks a Digest answer (MD5, qop=auth or none) the way a proxy does, independently of DigestScheme. */
    private static boolean digestIsRight(String authorization, String password, String nonce) throws Exception {
        if (!authorization.startsWith("Digest ")) {
            return false;
        }
        AuthChallenge answer = AuthChallenge.parse(List.of(authorization)).get(0);
        if (!nonce.equals(answer.parameter("nonce"))) {
            return false;
        }
        String ha1 = md5(answer.parameter("username") + ":" + answer.parameter("realm") + ":" + password);
        String ha2 = md5("CONNECT:" + answer.parameter("uri"));
        String expected = answer.parameter("qop") == null ? md5(ha1 + ":" + nonce + ":" + ha2)
                : md5(ha1 + ":" + nonce + ":" + answer.parameter("nc") + ":" + answer.parameter("cnonce") + ":"
                        + answer.parameter("qop") + ":" + ha2);
        return expected.equals(answer.parameter("response")) && "localhost:25".equals(answer.parameter("uri"));
    }

    private static String md5(String text) throws Exception {
        return HEX.formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** A proxy's side of NTLM: a bare challenge, then a CHALLENGE message, then the check of the NTLMv2 proof. */
    private static final class NtlmProxy {

        private static final byte[] SERVER_CHALLENGE = HEX.parseHex("0123456789abcdef");

        private final String password;
        private final int tunnelTo;

        NtlmProxy(String password, int tunnelTo) {
            this.password = password;
            this.tunnelTo = tunnelTo;
        }

        Answer answer(Request request) {
            String authorization = request.header("Proxy-Authorization");
            if (authorization == null) {
                return Answer.challenge("Proxy-Authenticate: NTLM");
            }
            byte[] message = Base64.getDecoder().decode(authorization.substring("NTLM ".length()));
            int type = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN).getInt(8);
            if (type == 1) {
                return Answer.challenge("Proxy-Authenticate: NTLM " + Base64.getEncoder().encodeToString(challenge()));
            }
            return type == 3 && proofIsRight(message) && request.number() == 3 ? Answer.tunnel(tunnelTo)
                    : Answer.challenge("Proxy-Authenticate: NTLM");
        }

        private static byte[] challenge() {
            byte[] targetInfo = HEX.parseHex("02000e004500580041004d0050004c004500" + "00000000");
            return ByteBuffer.allocate(48 + targetInfo.length).order(ByteOrder.LITTLE_ENDIAN)
                    .put("NTLMSSP\0".getBytes(StandardCharsets.US_ASCII)).putInt(2)
                    .putShort((short) 0).putShort((short) 0).putInt(48)
                    .putInt(NtlmMessages.NEGOTIATE_UNICODE | NtlmMessages.NEGOTIATE_NTLM
                            | NtlmMessages.NEGOTIATE_TARGET_INFO)
                    .put(SERVER_CHALLENGE).putLong(0)
                    .putShort((short) targetInfo.length).putShort((short) targetInfo.length).putInt(48)
                    .put(targetInfo).array();
        }

        private boolean proofIsRight(byte[] message) {
            byte[] nt = field(message, 20);
            String domain = new String(field(message, 28), StandardCharsets.UTF_16LE);
            String user = new String(field(message, 36), StandardCharsets.UTF_16LE);
            byte[] temp = Arrays.copyOfRange(nt, 16, nt.length);
            byte[] key = NtlmMessages.ntowfV2(password, user, domain);
            byte[] expected = NtlmMessages.hmacMd5(key, ByteBuffer.allocate(8 + temp.length).put(SERVER_CHALLENGE)
                    .put(temp).array());
            return domain.equals("EXAMPLE") && user.equals("bob") && Arrays.equals(expected, Arrays.copyOf(nt, 16));
        }

        private static byte[] field(byte[] message, int at) {
            ByteBuffer in = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
            int length = in.getShort(at) & 0xFFFF;
            int offset = in.getInt(at + 4);
            return Arrays.copyOfRange(message, offset, offset + length);
        }
    }
}
