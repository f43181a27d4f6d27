package io.github.smtpclient.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.smtpclient.SmtpClient;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.message.MailMessage;
import io.github.smtpclient.tls.ClientCertificate;
import io.github.smtpclient.tls.TlsConnectionInfo;
import io.github.smtpclient.tls.TlsEngine;
import io.github.smtpclient.tls.TlsMode;

/**
 * Client certificates against a real Postfix ({@code scripts/testbed/start-tls2.sh}) that requires one
 * ({@code smtpd_tls_req_ccert = yes}) or asks for one, verifies it against its CA, admits a recipient only for the
 * certificate's listed SHA-256 fingerprint ({@code permit_tls_clientcerts}, {@code relay_clientcerts}), and writes
 * what it saw into the Received header. Every test runs on both TLS engines. Skipped when the test bed is not running,
 * failed instead under the {@code interop} profile.
 */
// Guards against hangs only; no test asserts a duration.
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@ParameterizedClass
@EnumSource(TlsEngine.class)
class ClientCertificateInteropTests {

    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(20);
    private static final String SEEN_BY_POSTFIX = "(Client CN \"tls2-client.example.test\", Issuer \"smtp-client tls2"
            + " test CA\" (verified OK))";

    @Parameter
    TlsEngine engine;

    private static Tls2Testbed testbed;

    @BeforeAll
    static void findTheTestbed() throws IOException {
        testbed = Tls2Testbed.loadOrSkip();
    }

    @Test
    void aMessageSentWithThePemCertificateOverImplicitTlsShowsPostfixVerifiedIt() throws Exception {
        ClientCertificate pem = ClientCertificate.fromPem(testbed.path("SMTP_TLS2_CLIENT_CHAIN"),
                testbed.path("SMTP_TLS2_CLIENT_KEY"));

        String received = sendAndReceive(pem, TlsMode.IMPLICIT, "REQUIRED");

        assertThat(received).contains(SEEN_BY_POSTFIX);
    }

    @Test
    void aMessageSentWithThePkcs12CertificateOverStarttlsShowsPostfixVerifiedIt() throws Exception {
        ClientCertificate pkcs12 = ClientCertificate.fromPkcs12(testbed.path("SMTP_TLS2_CLIENT_P12"),
                testbed.p12Password().toCharArray());

        String received = sendAndReceive(pkcs12, TlsMode.EXPLICIT, "STARTTLS");

        assertThat(received).contains(SEEN_BY_POSTFIX);
    }

    @Test
    void withoutACertificatePostfixRequiringOneGivesATlsHandshakeFailure() {
        for (TlsMode mode : List.of(TlsMode.IMPLICIT, TlsMode.EXPLICIT)) {
            try (SmtpClient client = client(null, mode)) {
                assertThatThrownBy(() -> client.connect(testbed.host(),
                        testbed.port(mode == TlsMode.IMPLICIT ? "REQUIRED" : "STARTTLS")))
                        .as(mode.toString())
                        .isInstanceOfSatisfying(SmtpException.class, e -> {
                            assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.TLS_HANDSHAKE_FAILED);
                            assertThat(e.getMessage()).contains("requires a client certificate")
                                    .contains("No client certificate presented")
                                    .contains("client.tls().setClientCertificate(...)");
                        });
            }
        }
    }

    @Test
    void aCertificateWhoseFingerprintPostfixDoesNotListIsNotAdmitted() throws Exception {
        ClientCertificate unlisted = ClientCertificate.fromPem(testbed.path("SMTP_TLS2_UNLISTED_CHAIN"),
                testbed.path("SMTP_TLS2_UNLISTED_KEY"));
        try (SmtpClient client = client(unlisted, TlsMode.IMPLICIT)) {
            client.connect(testbed.host(), testbed.port("OPTIONAL"));
            assertThat(client.getConnectionInfo().orElseThrow().tls().orElseThrow().clientAuthenticated()).isTrue();

            assertThatThrownBy(() -> client.sendMessage(message("unlisted")))
                    .isInstanceOfSatisfying(SmtpException.class,
                            e -> assertThat(e.getMessage()).contains("554 5.7.1").contains("Access denied"));
        }
    }

    private String sendAndReceive(ClientCertificate certificate, TlsMode mode, String port) throws Exception {
        String token = "tls2-" + UUID.randomUUID();
        try (SmtpClient client = client(certificate, mode)) {
            client.connect(testbed.host(), testbed.port(port));
            TlsConnectionInfo tls = client.getConnectionInfo().orElseThrow().tls().orElseThrow();
            assertThat(tls.engine()).isEqualTo(engine);
            assertThat(tls.clientAuthRequested()).contains(true);
            assertThat(tls.clientAuthenticated()).isTrue();
            client.sendMessage(message(token));
            client.disconnect();
        }
        return testbed.awaitDelivery(token, DELIVERY_TIMEOUT);
    }

    private MailMessage message(String token) {
        return MailMessage.builder().from("sender@example.test").to(testbed.recipient()).subject(token)
                .plainText("Sent with a client certificate on " + engine + ".\n").build();
    }

    private SmtpClient client(ClientCertificate certificate, TlsMode mode) {
        SmtpClient client = new SmtpClient();
        client.tls().setEngine(engine);
        client.tls().setMode(mode);
        client.tls().setTrustedCertificates(List.of(testbed.ca()));
        client.tls().setClientCertificate(certificate);
        return client;
    }
}
