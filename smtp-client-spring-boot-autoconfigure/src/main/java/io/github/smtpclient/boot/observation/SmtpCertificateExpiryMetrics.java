package io.github.smtpclient.boot.observation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import io.github.smtpclient.event.CertificateValidateEvent;
import io.github.smtpclient.event.SmtpListener;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The gauge {@value #NAME}: days until the server's leaf certificate expires, as the last TLS handshake of any
 * client (pooled sender, health probe, endpoint) saw it, so operators can alert before it lapses. Negative once it
 * has expired; NaN until a first handshake. As an {@link SmtpListener} bean it hears every client's
 * {@code certificateValidate}.
 */
public final class SmtpCertificateExpiryMetrics implements MeterBinder, SmtpListener {

    /** The gauge's name. */
    public static final String NAME = "smtp.client.tls.certificate.expiry";

    private static final double SECONDS_PER_DAY = Duration.ofDays(1).toSeconds();

    private final String server;
    private final Clock clock;
    private volatile Instant notAfter;

    /**
     * @param server the {@code host:port} the clients connect to, the gauge's {@code server.address} tag
     * @param clock  the time the remaining days are counted from
     */
    public SmtpCertificateExpiryMetrics(String server, Clock clock) {
        this.server = Objects.requireNonNull(server, "server");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void certificateValidate(CertificateValidateEvent event) {
        if (!event.chain().isEmpty()) {
            notAfter = event.chain().get(0).getNotAfter().toInstant();
        }
    }

    /** Days (with fractions) until the last seen leaf certificate expires; NaN before any handshake. */
    public double daysUntilExpiry() {
        Instant expiry = notAfter;
        return expiry == null ? Double.NaN
                : Duration.between(clock.instant(), expiry).toSeconds() / SECONDS_PER_DAY;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(NAME, this, SmtpCertificateExpiryMetrics::daysUntilExpiry)
                .tag("server.address", server)
                .baseUnit("days")
                .description("Days until the SMTP server's TLS certificate expires, as last seen in a handshake")
                .register(registry);
    }
}
