package io.github.smtpclient.boot.endpoint;

import java.time.Duration;

import io.github.smtpclient.SmtpMailSender;
import io.github.smtpclient.boot.client.SmtpServerProbe;
import io.github.smtpclient.boot.testing.TestClock;
import io.github.smtpclient.boot.testing.TrustingClientFactory;
import io.github.smtpclient.pool.PoolStats;
import io.github.smtpclient.tls.validation.Fingerprints;
import io.github.smtpclient.testing.InProcessSmtpServer;
import io.github.smtpclient.testing.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SmtpEndpointTests {

    private static final TestCertificates CERTIFICATES = TestCertificates.forLocalhost();

    private static InProcessSmtpServer server;

    @BeforeAll
    static void startServer() {
        server = InProcessSmtpServer.start(CERTIFICATES);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void readShowsCapabilitiesTheTlsConnectionAndThePool() {
        TrustingClientFactory factory = new TrustingClientFactory(server.port(), CERTIFICATES);
        SmtpServerProbe probe = new SmtpServerProbe(factory, Duration.ofSeconds(2), Duration.ofSeconds(30),
                new TestClock());
        try (SmtpMailSender sender = SmtpMailSender.builder("localhost", server.port())
                .configureClients(factory::configure).build()) {

            SmtpEndpoint.SmtpDescriptor descriptor = new SmtpEndpoint(probe, sender).smtp();

            assertThat(descriptor.host()).isEqualTo("localhost");
            assertThat(descriptor.up()).isTrue();
            assertThat(descriptor.error()).isNull();
            assertThat(descriptor.capabilities()).contains("8BITMIME");
            assertThat(descriptor.tls().version()).startsWith("TLSv1.");
            assertThat(descriptor.tls().serverCertificate()).isEqualTo("CN=localhost");
            assertThat(descriptor.tls().issuer()).isEqualTo("CN=smtp-client test CA");
            assertThat(descriptor.tls().notAfter()).isAfter(descriptor.checkedAt());
            assertThat(descriptor.pool()).isEqualTo(new PoolStats(0, 0, 0));
        }
    }

    @Test
    void readShowsTheValidationResultAndEveryCertificateOfTheChain() {
        SmtpServerProbe probe = new SmtpServerProbe(new TrustingClientFactory(server.port(), CERTIFICATES),
                Duration.ofSeconds(2), Duration.ofSeconds(30), new TestClock());

        SmtpEndpoint.TlsDescriptor tls = new SmtpEndpoint(probe, null).smtp().tls();

        assertThat(tls.engine()).isEqualTo("BOUNCY_CASTLE");
        assertThat(tls.serverAuthenticated()).isTrue();
        assertThat(tls.resumedSession()).isFalse();
        assertThat(tls.namedGroup()).isNotBlank();
        assertThat(tls.validation().status()).isEqualTo("VALID");
        assertThat(tls.validation().reasons()).isEmpty();
        assertThat(tls.validation().log()).anySatisfy(line -> assertThat(line).startsWith("PASS identity"));
        assertThat(tls.certificates()).hasSize(2);
        SmtpEndpoint.CertificateDescriptor leaf = tls.certificates().get(0);
        assertThat(leaf.subject()).isEqualTo("localhost");
        assertThat(leaf.issuer()).isEqualTo("smtp-client test CA");
        assertThat(leaf.sha256Fingerprint()).isEqualTo(Fingerprints.sha256(CERTIFICATES.serverCertificate()));
        assertThat(leaf.serialNumber()).isNotBlank();
        assertThat(leaf.keyAlgorithm()).isEqualTo("RSA");
        assertThat(leaf.keyBits()).isEqualTo(2048);
        assertThat(leaf.dnsNames()).contains("localhost");
        assertThat(leaf.selfSigned()).isFalse();
        assertThat(tls.certificates().get(1).selfSigned()).isTrue();
    }

    @Test
    void withoutAPooledSenderThereIsNoPool() {
        SmtpServerProbe probe = new SmtpServerProbe(new TrustingClientFactory(server.port(), CERTIFICATES),
                Duration.ofSeconds(2), Duration.ofSeconds(30), new TestClock());

        assertThat(new SmtpEndpoint(probe, null).smtp().pool()).isNull();
    }
}
