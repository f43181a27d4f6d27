package io.github.smtpclient.boot.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;

import io.github.smtpclient.SmtpClient;
import io.github.smtpclient.boot.client.SmtpClientFactory;
import io.github.smtpclient.boot.observation.SmtpCertificateExpiryMetrics;
import io.github.smtpclient.testing.InProcessSmtpServer;
import io.github.smtpclient.testing.TestCertificates;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The gauge {@value SmtpCertificateExpiryMetrics#NAME} hears the handshakes of the clients the starter makes. */
class SmtpCertificateExpiryAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SmtpClientAutoConfiguration.class,
                    SmtpClientObservationAutoConfiguration.class));

    @TempDir
    Path temp;

    @Test
    void whenAClientConnectsShouldGaugeTheDaysUntilTheServerCertificateExpires() throws Exception {
        // TestCertificates are valid for two days from now.
        TestCertificates certificates = TestCertificates.forLocalhost();
        Path ca = Files.writeString(temp.resolve("ca.pem"), certificates.caPem());
        try (InProcessSmtpServer server = InProcessSmtpServer.start(certificates)) {
            contextRunner.withBean(SimpleMeterRegistry.class).withPropertyValues("smtp.client.host=localhost",
                    "smtp.client.port=" + server.port(), "smtp.client.tls.trusted-certificates=file:" + ca)
                    .run(context -> {
                        MeterRegistry registry = context.getBean(MeterRegistry.class);
                        // Actuator's metrics auto-configuration binds every MeterBinder bean; here we do it.
                        context.getBean(SmtpCertificateExpiryMetrics.class).bindTo(registry);
                        double before = registry.get(SmtpCertificateExpiryMetrics.NAME)
                                .tag("server.address", "localhost:" + server.port()).gauge().value();
                        try (SmtpClient client = context.getBean(SmtpClientFactory.class).createClient()) {
                            client.connect("localhost", server.port());
                        }
                        double after = registry.get(SmtpCertificateExpiryMetrics.NAME).gauge().value();

                        assertThat(before).isNaN();
                        assertThat(after).isCloseTo(2.0, within(0.01));
                    });
        }
    }
}
