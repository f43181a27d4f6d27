package io.github.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.github.smtpclient.auth.AuthMechanism;
import io.github.smtpclient.event.BeforeAuthEvent;
import io.github.smtpclient.testing.TestCertificates;
import io.github.smtpclient.tls.TlsEngine;
import io.github.smtpclient.tls.TlsMode;

/** Implicit TLS (SMTPS) and OAuth 2 (XOAUTH2) against GreenMail, a second real server, in the test's JVM. */
/** Runs on both TLS engines. */
@ParameterizedClass
@EnumSource(TlsEngine.class)
class ImplicitTlsGreenMailTests {

    @Parameter
    TlsEngine engine;


    private static final TestCertificates CERTIFICATES = TestCertificates.forLocalhost();
    private static final String TOKEN = "ya29.token-for-bob";
    private static GreenMail greenMail;

    @BeforeAll
    static void start() throws Exception {
        Path keyStore = CERTIFICATES.writeServerKeyStore(Files.createTempFile("greenmail", ".p12"));
        keyStore.toFile().deleteOnExit();
        // GreenMail reads its TLS key store from these properties when its first TLS server starts.
        System.setProperty("greenmail.tls.keystore.file", keyStore.toString());
        System.setProperty("greenmail.tls.keystore.password", "changeit");
        System.setProperty("greenmail.tls.key.password", "changeit");
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
        greenMail.start();
        greenMail.setUser("bob@example.test", "bob", TOKEN);
    }

    @AfterAll
    static void stop() {
        greenMail.stop();
    }

    private final RecordingListener events = new RecordingListener();

    private SmtpClient client() {
        SmtpClient client = new SmtpClient();
        client.tls().setEngine(engine);
        client.tls().setMode(TlsMode.IMPLICIT);
        client.tls().setTrustedCertificates(List.of(CERTIFICATES.caCertificate()));
        client.auth().setUsername("bob");
        client.setListener(events);
        return client;
    }

    private int port() {
        return greenMail.getSmtps().getPort();
    }

    private static byte[] message(String subject) {
        return ("From: bob@example.test\r\nTo: carol@example.test\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + subject + "@example.test>\r\n\r\nover implicit TLS\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private boolean delivered(String subject) throws Exception {
        for (var received : greenMail.getReceivedMessages()) {
            if (subject.equals(received.getSubject())) {
                return true;
            }
        }
        return false;
    }

    @Test
    void implicitTlsIsUsedFromTheFirstByteAndTheMessageArrives() throws Exception {
        try (SmtpClient client = client()) {
            client.auth().setPassword(TOKEN);
            client.connect("localhost", port());
            assertThat(client.getTlsInfo()).hasValueSatisfying(info -> assertThat(info.protocol()).startsWith("TLSv1."));
            assertThat(events.commands).doesNotContain("STARTTLS");
            client.sendBytes(message("implicit"));
        }
        assertThat(delivered("implicit")).isTrue();
    }

    @Test
    void xoauth2UsesTheConfiguredTokenAndMasksIt() throws Exception {
        try (SmtpClient client = client()) {
            client.auth().setMechanisms(List.of(AuthMechanism.XOAUTH2));
            client.auth().setOAuthToken(TOKEN);
            client.connect("localhost", port());
            client.sendBytes(message("xoauth2"));
        }
        assertThat(delivered("xoauth2")).isTrue();
        assertThat(events.commands).contains("AUTH XOAUTH2 ****").noneMatch(c -> c.contains(TOKEN));
    }

    @Test
    void aBeforeAuthListenerCanSupplyTheToken() throws Exception {
        try (SmtpClient client = client()) {
            client.auth().setMechanisms(List.of(AuthMechanism.XOAUTH2));
            client.setListener(new RecordingListener() {
                @Override
                public void beforeAuth(BeforeAuthEvent event) {
                    event.setOauthToken(TOKEN);
                }
            });
            client.connect("localhost", port());
            client.sendBytes(message("tokenfromevent"));
        }
        assertThat(delivered("tokenfromevent")).isTrue();
    }

    @Test
    void aWrongTokenIsAnAuthenticationFailure() {
        try (SmtpClient client = client()) {
            client.auth().setMechanisms(List.of(AuthMechanism.XOAUTH2));
            client.auth().setOAuthToken("expired-token");
            assertThatThrownBy(() -> client.connect("localhost", port()))
                    .isInstanceOfSatisfying(SmtpException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.AUTH_FAILED));
        }
    }

    @Test
    void port465DefaultsToImplicitTls() {
        SmtpClient client = new SmtpClient();
        assertThat(client.tls().effectiveMode(465)).isEqualTo(TlsMode.IMPLICIT);
        assertThat(client.tls().effectiveMode(587)).isEqualTo(TlsMode.EXPLICIT);
        assertThat(client.tls().effectiveMode(25)).isEqualTo(TlsMode.EXPLICIT);
    }
}
