package io.github.smtpclient.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.security.auth.Subject;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.smtpclient.SmtpClient;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.log.LogLevel;
import io.github.smtpclient.net.ProxyAuthentication;
import io.github.smtpclient.net.ProxyType;
import io.github.smtpclient.testing.CapturedStandardError;
import io.github.smtpclient.tls.TlsMode;

/**
 * Negotiate (Kerberos) to a real proxy: squid with {@code negotiate_kerberos_auth} and an MIT KDC, both started by
 * {@code scripts/testbed/start-kerberos.sh}, tunnelling to the Postfix test bed, where each message must arrive
 * (STARTTLS and SMTP AUTH run inside the tunnel). Credentials from a password, a keytab and the application's own
 * Subject; wrong password, an unreachable KDC, an unknown service principal and a ticket squid cannot read give
 * PROXY_AUTH_FAILED. Skipped when either test bed is not running, failed instead under the {@code interop} profile.
 *
 * <p>The JDK reads its Kerberos configuration once per JVM, so {@code java.security.krb5.conf} is set here before
 * the first Kerberos use in this JVM; no other test uses Kerberos.
 */
// Guards against hangs only; no test asserts a duration.
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@EnabledIfPostfixTestbed
class KerberosProxyInteropTests {

    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(10);

    private static KerberosTestbed kerberos;

    @BeforeAll
    static void useTheTestbedsKerberosConfiguration() throws IOException {
        Path envFile = KerberosTestbed.configuredEnvFile();
        if (!Files.exists(envFile)) {
            String message = "Kerberos test bed not running: start it with scripts/testbed/start-kerberos.sh (no "
                    + envFile + ")";
            if (Boolean.getBoolean(PostfixTestbedExtension.REQUIRED_PROPERTY)) {
                throw new IllegalStateException(message + "; -D" + PostfixTestbedExtension.REQUIRED_PROPERTY
                        + "=true forbids skipping");
            }
            Assumptions.abort(message);
        }
        kerberos = KerberosTestbed.load(envFile);
        System.setProperty("java.security.krb5.conf", kerberos.krb5Conf().toString());
    }

    @Test
    void aPasswordLoginThroughSquidDeliversToPostfixAndSquidLogsTheKerberosUser(PostfixTestbed testbed)
            throws Exception {
        String messageId = "<" + UUID.randomUUID() + "@client.example.test>";
        try (SmtpClient client = client(testbed)) {
            client.proxy().kerberos().setPrincipal(kerberos.client());
            client.proxy().setPassword(kerberos.clientPassword());
            client.connect(testbed.host(), testbed.starttlsPort());
            assertThat(client.getConnectionInfo().orElseThrow().proxy()).hasValueSatisfying(proxy ->
                    assertThat(proxy.authentication()).hasValue("Negotiate"));
            client.sendBytes(message(messageId, testbed.user()));
        }

        DeliveredMessage delivered = testbed.awaitDelivery(testbed.user(), messageId, DELIVERY_TIMEOUT);
        assertThat(delivered.received()).contains("using TLS");
        assertThat(Files.readAllLines(kerberos.squidAccessLog())).anySatisfy(line -> assertThat(line)
                .contains("/200 ", "CONNECT " + testbed.host() + ":" + testbed.starttlsPort(), kerberos.client()));
    }

    @Test
    void aKeytabLoginWithNegotiateChosenOutrightDeliversToPostfix(PostfixTestbed testbed) throws Exception {
        String messageId = "<" + UUID.randomUUID() + "@client.example.test>";
        try (SmtpClient client = client(testbed)) {
            client.proxy().setAuthentication(ProxyAuthentication.NEGOTIATE);
            client.proxy().kerberos().setPrincipal(kerberos.client());
            client.proxy().kerberos().setKeytab(kerberos.clientKeytab());
            client.connect(testbed.host(), testbed.starttlsPort());
            client.sendBytes(message(messageId, testbed.user()));
        }

        testbed.awaitDelivery(testbed.user(), messageId, DELIVERY_TIMEOUT);
    }

    @Test
    void aSecondConnectionReusesTheLoginInsteadOfAskingTheKdcAgain(PostfixTestbed testbed) throws Exception {
        try (SmtpClient client = client(testbed)) {
            client.proxy().kerberos().setPrincipal(kerberos.client());
            client.proxy().setPassword(kerberos.clientPassword());
            long before = ticketGrantingTicketsIssued();
            client.connect(testbed.host(), testbed.starttlsPort());
            client.disconnect();
            long afterFirst = ticketGrantingTicketsIssued();
            client.connect(testbed.host(), testbed.starttlsPort());
            client.disconnect();

            assertThat(afterFirst - before).as("the first connection logged in").isEqualTo(1);
            assertThat(ticketGrantingTicketsIssued()).as("the second reused that login").isEqualTo(afterFirst);
        }
    }

    @Test
    void theApplicationsOwnSubjectIsUsedAsItIs(PostfixTestbed testbed) throws Exception {
        Subject subject = new Subject();
        new LoginContext("application", subject, callbacks -> { }, keytabLogin()).login();
        String messageId = "<" + UUID.randomUUID() + "@client.example.test>";
        try (SmtpClient client = client(testbed)) {
            client.proxy().kerberos().setSubject(subject);
            client.connect(testbed.host(), testbed.starttlsPort());
            client.sendBytes(message(messageId, testbed.user()));
        }

        testbed.awaitDelivery(testbed.user(), messageId, DELIVERY_TIMEOUT);
    }

    @Test
    void theProtocolLogShowsTheSchemeButNoPasswordOrToken(PostfixTestbed testbed) throws Exception {
        String log;
        try (CapturedStandardError captured = CapturedStandardError.start();
                SmtpClient client = client(testbed)) {
            client.proxy().kerberos().setPrincipal(kerberos.client());
            client.proxy().setPassword(kerberos.clientPassword());
            client.log().setLevel(LogLevel.DATA);
            client.connect(testbed.host(), testbed.starttlsPort());
            client.sendBytes(message("<" + UUID.randomUUID() + "@client.example.test>", testbed.user()));
            log = captured.text();
        }

        assertThat(log).contains("io.github.smtpclient.wire", "via HTTP proxy", "(Negotiate)")
                // An SPNEGO token starts with the DER tag 0x60 0x82, "YII" in base64.
                .doesNotContain(kerberos.clientPassword(), "Negotiate YII");
    }

    @Test
    void aWrongPasswordIsAProxyAuthenticationFailureNamingTheSettings(PostfixTestbed testbed) {
        try (SmtpClient client = client(testbed)) {
            client.proxy().kerberos().setPrincipal(kerberos.client());
            client.proxy().setPassword("not-the-kerberos-password");
            assertThatThrownBy(() -> client.connect(testbed.host(), testbed.starttlsPort()))
                    .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                            .isEqualTo(SmtpErrorCode.PROXY_AUTH_FAILED))
                    .hasMessageContaining("the Kerberos login of " + kerberos.client() + " failed")
                    .hasMessageContaining("proxy().kerberos().principal and proxy().password")
                    .hasMessageNotContaining("not-the-kerberos-password");
        }
    }

    @Test
    void anUnreachableKdcIsAProxyAuthenticationFailureNamingTheKrb5Conf(PostfixTestbed testbed) {
        try (SmtpClient client = client(testbed)) {
            client.proxy().kerberos().setPrincipal("smtpuser@" + kerberos.unreachableRealm());
            client.proxy().setPassword(kerberos.clientPassword());
            assertThatThrownBy(() -> client.connect(testbed.host(), testbed.starttlsPort()))
                    .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                            .isEqualTo(SmtpErrorCode.PROXY_AUTH_FAILED))
                    .hasMessageContaining("the Kerberos login of smtpuser@" + kerberos.unreachableRealm() + " failed")
                    .hasMessageContaining("java.security.krb5.conf");
        }
    }

    @Test
    void aServicePrincipalTheKdcDoesNotKnowNamesTheSetting(PostfixTestbed testbed) {
        try (SmtpClient client = client(testbed)) {
            client.proxy().kerberos().setPrincipal(kerberos.client());
            client.proxy().setPassword(kerberos.clientPassword());
            client.proxy().kerberos().setServicePrincipal("HTTP/nosuch.example.test@" + kerberos.realm());
            assertThatThrownBy(() -> client.connect(testbed.host(), testbed.starttlsPort()))
                    .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                            .isEqualTo(SmtpErrorCode.PROXY_AUTH_FAILED))
                    .hasMessageContaining("could not authenticate to the proxy as HTTP/nosuch.example.test@")
                    .hasMessageContaining("proxy().kerberos().servicePrincipal");
        }
    }

    @Test
    void aTicketSquidCannotReadIsRefusedByTheProxy(PostfixTestbed testbed) {
        try (SmtpClient client = client(testbed)) {
            client.proxy().kerberos().setPrincipal(kerberos.client());
            client.proxy().setPassword(kerberos.clientPassword());
            client.proxy().kerberos().setServicePrincipal(kerberos.unkeyedService());
            assertThatThrownBy(() -> client.connect(testbed.host(), testbed.starttlsPort()))
                    .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                            .isEqualTo(SmtpErrorCode.PROXY_AUTH_FAILED))
                    .hasMessageContaining("rejected the Kerberos ticket (Negotiate)");
        }
    }

    private static long ticketGrantingTicketsIssued() throws IOException {
        return Files.readAllLines(kerberos.kdcLog()).stream().filter(line -> line.contains("AS_REQ")
                && line.contains("ISSUE") && line.contains(kerberos.client() + " for krbtgt/")).count();
    }

    private static SmtpClient client(PostfixTestbed testbed) {
        SmtpClient client = new SmtpClient();
        client.setDomain("client.example.test");
        client.tls().setMode(TlsMode.EXPLICIT);
        client.tls().setTrustedCertificates(List.of(testbed.caCertificate()));
        client.auth().setUsername(testbed.user());
        client.auth().setPassword(testbed.password());
        client.socket().setTimeout(Duration.ofSeconds(30));
        client.proxy().setType(ProxyType.HTTP);
        client.proxy().setHost(kerberos.squidHost());
        client.proxy().setPort(kerberos.squidNegotiatePort());
        return client;
    }

    /** The application's own JAAS login: Krb5LoginModule from the client keytab. */
    private static Configuration keytabLogin() {
        Map<String, String> options = Map.of("principal", kerberos.client(), "useKeyTab", "true",
                "keyTab", kerberos.clientKeytab().toString(), "storeKey", "true", "doNotPrompt", "true",
                "isInitiator", "true");
        return new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return new AppConfigurationEntry[] {new AppConfigurationEntry(
                        "com.sun.security.auth.module.Krb5LoginModule",
                        AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)};
            }
        };
    }

    private static byte[] message(String messageId, String to) {
        return ("From: <client@client.example.test>\r\nTo: <" + to + ">\r\nMessage-ID: " + messageId
                + "\r\nSubject: through squid with Kerberos\r\n\r\nSent through a Negotiate proxy.\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
