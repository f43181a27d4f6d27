package io.github.smtpclient.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.testing.LoopbackServer;
import io.github.smtpclient.testing.ScriptedHttpProxy;
import io.github.smtpclient.testing.ScriptedHttpProxy.Answer;
import io.github.smtpclient.tls.TlsMode;
import io.github.smtpclient.tls.TlsSettings;

/**
 * Negotiate (RFC 4559) header handling and legs against a scripted proxy, with a scripted SPNEGO context in place of
 * the JDK's GSS-API: which 407 gets which token, continuation challenges on the same connection, the proxy's
 * mutual-authentication token in the 200, refusals, AUTO's choice with and without Kerberos credentials, and masked
 * tokens in error messages. Real Kerberos (MIT KDC, squid's negotiate_kerberos_auth) is in
 * {@code KerberosProxyInteropTests}.
 */
// Guards against hangs only; no test asserts a duration.
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NegotiateProxyAuthenticationTests {

    private static final String FIRST_TOKEN = "spnego-init-token";
    private static final String SECOND_TOKEN = "spnego-second-token";
    private static final String CONTINUATION = "proxy-continuation";
    private static final String MUTUAL = "proxy-ap-rep";

    private final SocketSettings socket = new SocketSettings();
    private final TlsSettings tls = new TlsSettings();
    private final ProxySettings proxy = new ProxySettings();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final ScriptedContexts contexts = new ScriptedContexts();
    private final LoopbackServer smtp;

    NegotiateProxyAuthenticationTests() throws Exception {
        tls.setMode(TlsMode.NONE);
        proxy.setType(ProxyType.HTTP);
        proxy.setHost("127.0.0.1");
        proxy.kerberos().setPrincipal("smtpuser@SMTP.TEST");
        proxy.kerberos().setContexts(contexts);
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
    void autoAnswersNegotiateBeforeDigestAndVerifiesTheProxysToken() throws Exception {
        proxy.setUsername("bob");
        proxy.setPassword("digest-password");
        ScriptedHttpProxy scripted = proxy(request -> {
            String authorization = request.header("Proxy-Authorization");
            if (authorization == null) {
                return Answer.challenge("Proxy-Authenticate: Basic realm=\"r\"",
                        "Proxy-Authenticate: Digest realm=\"r\", nonce=\"n\", qop=\"auth\"",
                        "Proxy-Authenticate: Negotiate");
            }
            return authorization.equals("Negotiate " + base64(FIRST_TOKEN))
                    ? Answer.tunnel(smtp.port(), "Proxy-Authenticate: Negotiate " + base64(MUTUAL))
                    : Answer.challenge("Proxy-Authenticate: Negotiate");
        });

        SocketWire wire = connect();

        assertThat(LoopbackServer.readLine(wire.input())).isEqualTo("220 behind the proxy");
        assertThat(scripted.requests()).extracting(r -> r.header("Proxy-Authorization"))
                .containsExactly(null, "Negotiate " + base64(FIRST_TOKEN));
        assertThat(scripted.connections()).isEqualTo(1);
        assertThat(wire.proxy()).hasValueSatisfying(p -> assertThat(p.authentication()).hasValue("Negotiate"));
        ScriptedContext context = contexts.only();
        assertThat(context.service).isEqualTo("HTTP@127.0.0.1");
        assertThat(context.password).isEqualTo("digest-password");
        assertThat(context.received).containsExactly("", MUTUAL);
        assertThat(context.established).as("the proxy's AP-REP was checked").isTrue();
        assertThat(context.disposed).isTrue();
    }

    @Test
    void autoPassesOverNegotiateForTheNextSchemeWithoutKerberosCredentials() throws Exception {
        proxy.kerberos().setPrincipal(null);
        proxy.setUsername("bob");
        proxy.setPassword("basic-password");
        ScriptedHttpProxy scripted = proxy(request -> request.header("Proxy-Authorization") == null
                ? Answer.challenge("Proxy-Authenticate: Negotiate", "Proxy-Authenticate: Basic realm=\"r\"")
                : Answer.tunnel(smtp.port()));

        SocketWire wire = connect();

        assertThat(wire.proxy()).hasValueSatisfying(p -> assertThat(p.authentication()).hasValue("Basic"));
        assertThat(scripted.requests().get(1).header("Proxy-Authorization")).startsWith("Basic ");
        assertThat(contexts.opened).as("no Kerberos login was tried").isEmpty();
    }

    @Test
    void aContinuationChallengeIsAnsweredOnTheSameConnection() throws Exception {
        proxy.setAuthentication(ProxyAuthentication.NEGOTIATE);
        contexts.tokens = List.of(FIRST_TOKEN, SECOND_TOKEN);
        ScriptedHttpProxy scripted = proxy(request -> {
            String authorization = request.header("Proxy-Authorization");
            if (authorization == null) {
                return Answer.challenge("Proxy-Authenticate: Negotiate");
            }
            if (authorization.equals("Negotiate " + base64(FIRST_TOKEN))) {
                return Answer.challenge("Proxy-Authenticate: Negotiate " + base64(CONTINUATION));
            }
            return authorization.equals("Negotiate " + base64(SECOND_TOKEN)) ? Answer.tunnel(smtp.port())
                    : Answer.challenge("Proxy-Authenticate: Negotiate");
        });

        SocketWire wire = connect();

        assertThat(LoopbackServer.readLine(wire.input())).isEqualTo("220 behind the proxy");
        assertThat(scripted.requests()).hasSize(3);
        assertThat(scripted.connections()).isEqualTo(1);
        assertThat(contexts.only().received).containsExactly("", CONTINUATION);
    }

    @Test
    void aProxyThatClosesInTheMiddleOfTheExchangeIsAnAuthenticationFailure() throws Exception {
        proxy.setAuthentication(ProxyAuthentication.NEGOTIATE);
        contexts.tokens = List.of(FIRST_TOKEN, SECOND_TOKEN);
        proxy(request -> request.header("Proxy-Authorization") == null
                ? Answer.challenge("Proxy-Authenticate: Negotiate")
                : Answer.challenge("Proxy-Authenticate: Negotiate " + base64(CONTINUATION)).closing());

        assertThatThrownBy(this::connect)
                .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(SmtpErrorCode.PROXY_AUTH_FAILED))
                .hasMessageContaining("in the middle of Negotiate authentication");
    }

    @Test
    void aRefusedTicketIsAProxyAuthenticationFailureNamingTheKerberosSettings() throws Exception {
        ScriptedHttpProxy scripted = proxy(request -> Answer.challenge("Proxy-Authenticate: Negotiate"));

        assertThatThrownBy(this::connect)
                .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(SmtpErrorCode.PROXY_AUTH_FAILED))
                .hasMessageContaining("rejected the Kerberos ticket (Negotiate)")
                .hasMessageContaining("proxy().kerberos()")
                .hasMessageNotContaining(base64(FIRST_TOKEN));
        assertThat(scripted.requests()).hasSize(2);
        assertThat(contexts.only().disposed).isTrue();
    }

    @Test
    void theProxysTokensAreMaskedInErrorMessages() throws Exception {
        contexts.tokens = List.of(FIRST_TOKEN); // nothing to answer the continuation with
        proxy(request -> request.header("Proxy-Authorization") == null
                ? Answer.challenge("Proxy-Authenticate: Negotiate")
                : Answer.challenge("Proxy-Authenticate: Negotiate " + base64(CONTINUATION)));

        assertThatThrownBy(this::connect)
                .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(SmtpErrorCode.PROXY_AUTH_FAILED))
                .hasMessageContaining("Proxy-Authenticate: Negotiate ****")
                .hasMessageNotContaining(base64(CONTINUATION))
                .hasMessageNotContaining(base64(FIRST_TOKEN));
    }

    @Test
    void aMutualAuthenticationTokenThatDoesNotVerifyRefusesTheTunnel() throws Exception {
        ScriptedHttpProxy scripted = proxy(request -> request.header("Proxy-Authorization") == null
                ? Answer.challenge("Proxy-Authenticate: Negotiate")
                : Answer.tunnel(smtp.port(), "Proxy-Authenticate: Negotiate " + base64("forged-ap-rep")));

        assertThatThrownBy(this::connect)
                .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(SmtpErrorCode.PROXY_AUTH_FAILED))
                .hasMessageContaining("mutual-authentication token does not verify")
                .hasMessageContaining("scripted: a forged AP-REP");
        assertThat(scripted.requests()).hasSize(2);
        assertThat(contexts.only().disposed).isTrue();
    }

    @Test
    void aMalformedTokenIsAProxyAuthenticationFailure() throws Exception {
        contexts.tokens = List.of(FIRST_TOKEN, SECOND_TOKEN);
        proxy(request -> request.header("Proxy-Authorization") == null
                ? Answer.challenge("Proxy-Authenticate: Negotiate")
                : Answer.challenge("Proxy-Authenticate: Negotiate a"));

        assertThatThrownBy(this::connect)
                .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(SmtpErrorCode.PROXY_AUTH_FAILED))
                .hasMessageContaining("Negotiate challenge is not base64");
    }

    @Test
    void explicitNegotiateToAProxyThatDoesNotOfferItSaysWhatItOffers() throws Exception {
        proxy.setAuthentication(ProxyAuthentication.NEGOTIATE);
        proxy(request -> Answer.challenge("Proxy-Authenticate: Digest realm=\"r\", nonce=\"n\""));

        assertThatThrownBy(this::connect)
                .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(SmtpErrorCode.PROXY_AUTH_FAILED))
                .hasMessageContaining("does not accept Negotiate authentication (proxy().authentication)")
                .hasMessageContaining("[Digest]");
        assertThat(contexts.opened).isEmpty();
    }

    @Test
    void kerberosCredentialsAloneCannotAnswerDigest() throws Exception {
        proxy(request -> Answer.challenge("Proxy-Authenticate: Digest realm=\"r\", nonce=\"n\""));

        assertThatThrownBy(this::connect)
                .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(SmtpErrorCode.PROXY_AUTH_FAILED))
                .hasMessageContaining("only Kerberos credentials")
                .hasMessageContaining("set proxy().username and proxy().password");
    }

    @Test
    void aNegotiateOnlyProxyWithoutKerberosCredentialsNamesTheSetting() throws Exception {
        proxy.kerberos().setPrincipal(null);
        proxy.setUsername("bob");
        proxy(request -> Answer.challenge("Proxy-Authenticate: Negotiate"));

        assertThatThrownBy(this::connect)
                .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(SmtpErrorCode.PROXY_AUTH_FAILED))
                .hasMessageContaining("[Negotiate]")
                .hasMessageContaining("set proxy().kerberos()");
    }

    @Test
    void explicitNegotiateWithoutAPrincipalNamesTheSettingsBeforeAnyKerberosTraffic() throws Exception {
        proxy.kerberos().setPrincipal(null);
        proxy.kerberos().setContexts(JdkSpnegoContext::open);
        proxy.setAuthentication(ProxyAuthentication.NEGOTIATE);
        proxy.setUsername("bob");
        proxy(request -> Answer.challenge("Proxy-Authenticate: Negotiate"));

        assertThatThrownBy(this::connect)
                .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(SmtpErrorCode.PROXY_AUTH_FAILED))
                .hasMessageContaining("Negotiate needs Kerberos credentials")
                .hasMessageContaining("proxy().kerberos().principal with proxy().kerberos().keytab or"
                        + " proxy().password");
    }

    @Test
    void aPrincipalWithNeitherKeytabNorPasswordNamesBoth() throws Exception {
        proxy.kerberos().setContexts(JdkSpnegoContext::open);
        proxy(request -> Answer.challenge("Proxy-Authenticate: Negotiate"));

        assertThatThrownBy(this::connect)
                .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(SmtpErrorCode.PROXY_AUTH_FAILED))
                .hasMessageContaining("smtpuser@SMTP.TEST has no keytab and no password")
                .hasMessageContaining("proxy().kerberos().keytab or proxy().password");
    }

    @Test
    void theServicePrincipalCanBeNamedOutright() throws Exception {
        proxy.kerberos().setServicePrincipal("HTTP/proxy.example.test@SMTP.TEST");
        proxy(request -> request.header("Proxy-Authorization") == null
                ? Answer.challenge("Proxy-Authenticate: Negotiate") : Answer.tunnel(smtp.port()));

        connect();

        assertThat(contexts.only().service).isEqualTo("HTTP/proxy.example.test@SMTP.TEST");
        assertThat(contexts.only().established).as("no token in the 200: nothing to check").isFalse();
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

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Opens scripted contexts that give out {@link #tokens} in turn and accept only {@link #MUTUAL} as AP-REP. */
    private static final class ScriptedContexts implements SpnegoContext.Factory {

        final List<ScriptedContext> opened = new CopyOnWriteArrayList<>();
        List<String> tokens = List.of(FIRST_TOKEN);

        @Override
        public SpnegoContext open(KerberosSettings kerberos, String password, String proxyHost) {
            ScriptedContext context = new ScriptedContext(kerberos.serviceFor(proxyHost), password, tokens);
            opened.add(context);
            return context;
        }

        ScriptedContext only() {
            assertThat(opened).hasSize(1);
            return opened.get(0);
        }
    }

    private static final class ScriptedContext implements SpnegoContext {

        final String service;
        final String password;
        final List<String> tokens;
        final List<String> received = new CopyOnWriteArrayList<>();
        volatile boolean established;
        volatile boolean disposed;

        ScriptedContext(String service, String password, List<String> tokens) {
            this.service = service;
            this.password = password;
            this.tokens = tokens;
        }

        @Override
        public byte[] step(byte[] token) throws SmtpException {
            String text = new String(token, StandardCharsets.UTF_8);
            received.add(text);
            if (text.equals(MUTUAL)) {
                established = true;
                return null;
            }
            if (text.startsWith("forged")) {
                throw new SmtpException(SmtpErrorCode.PROXY_AUTH_FAILED, "scripted: a forged AP-REP");
            }
            int leg = received.size() - 1;
            return leg < tokens.size() ? tokens.get(leg).getBytes(StandardCharsets.UTF_8) : new byte[0];
        }

        @Override
        public boolean isEstablished() {
            return established;
        }

        @Override
        public void dispose() {
            disposed = true;
        }
    }
}
