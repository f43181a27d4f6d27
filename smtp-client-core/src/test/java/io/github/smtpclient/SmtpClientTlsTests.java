package io.github.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.smtpclient.testing.InProcessSmtpServer;
import io.github.smtpclient.testing.TestCertificates;
import io.github.smtpclient.tls.TlsEngine;
import io.github.smtpclient.tls.validation.ValidationStatus;

/** What {@link SmtpClient#getConnectionInfo()} says about the TLS connection: encryption, validation, authentication. */
/** Runs on both TLS engines. */
@ParameterizedClass
@EnumSource(TlsEngine.class)
class SmtpClientTlsTests {

    @Parameter
    TlsEngine engine;


    private static final TestCertificates CERTIFICATES = TestCertificates.forLocalhost();
    private static InProcessSmtpServer server;

    @BeforeAll
    static void startServer() {
        server = InProcessSmtpServer.startRequiringTlsAndAuth(CERTIFICATES);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void serverIsAuthenticatedOnlyWhenValidationRanAndPassed() throws Exception {
        try (SmtpClient validated = new SmtpClient(); SmtpClient unvalidated = new SmtpClient()) {
            validated.tls().setEngine(engine);
            unvalidated.tls().setEngine(engine);
            validated.tls().setTrustedCertificates(List.of(CERTIFICATES.caCertificate()));
            unvalidated.tls().setValidateCertificates(false);

            validated.connect("localhost", server.port());
            unvalidated.connect("localhost", server.port());

            ConnectionInfo checked = validated.getConnectionInfo().orElseThrow();
            ConnectionInfo unchecked = unvalidated.getConnectionInfo().orElseThrow();
            assertThat(checked.isSecure()).isTrue();
            assertThat(checked.isServerAuthenticated()).isTrue();
            assertThat(checked.tls().orElseThrow().validation().status()).isEqualTo(ValidationStatus.VALID);
            assertThat(unchecked.isSecure()).isTrue();
            assertThat(unchecked.isServerAuthenticated()).isFalse();
            assertThat(unchecked.tls().orElseThrow().validation().status()).isEqualTo(ValidationStatus.NOT_VALIDATED);
        }
    }
}
