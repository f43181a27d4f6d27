package io.github.smtpclient.boot.observation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.smtpclient.boot.testing.TestClock;
import io.github.smtpclient.event.CertificateValidateEvent;
import io.github.smtpclient.testing.TestPki;
import io.github.smtpclient.tls.validation.ValidationResult;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SmtpCertificateExpiryMetricsTests {

    @Test
    void theGaugeCountsTheDaysUntilTheLastSeenLeafExpires() {
        TestClock clock = new TestClock();
        Instant now = clock.instant();
        TestPki.Issued root = TestPki.root("Expiry Root");
        TestPki.Issued leaf = root.issue(TestPki.leaf("mail.example.test", "mail.example.test")
                .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(10))));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SmtpCertificateExpiryMetrics metrics = new SmtpCertificateExpiryMetrics("mail.example.test:587", clock);
        metrics.bindTo(registry);
        Gauge gauge = registry.get(SmtpCertificateExpiryMetrics.NAME).tag("server.address", "mail.example.test:587")
                .gauge();

        assertThat(gauge.value()).isNaN();
        metrics.certificateValidate(new CertificateValidateEvent("mail.example.test",
                List.of(leaf.certificate(), root.certificate()), ValidationResult.notValidated(List.of())));

        assertThat(gauge.value()).isCloseTo(10.0, within(0.01));
        clock.advance(Duration.ofDays(12));
        assertThat(gauge.value()).isCloseTo(-2.0, within(0.01));
    }
}
