package io.github.smtpclient.boot.endpoint;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.github.smtpclient.SmtpMailSender;
import io.github.smtpclient.boot.client.ServerSnapshot;
import io.github.smtpclient.boot.client.SmtpServerProbe;
import io.github.smtpclient.pool.PoolStats;
import io.github.smtpclient.tls.TlsConnectionInfo;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code smtp} Actuator endpoint: the server, its capabilities and the TLS connection as last probed (probing
 * when no result younger than the probe's cache interval exists), and the pooled sender's connections.
 */
@Endpoint(id = "smtp")
public class SmtpEndpoint {

    private final SmtpServerProbe probe;
    private final @Nullable SmtpMailSender sender;

    /**
     * @param probe  probes the server
     * @param sender the pooled sender whose connections are reported, or {@code null}
     */
    public SmtpEndpoint(SmtpServerProbe probe, @Nullable SmtpMailSender sender) {
        this.probe = Objects.requireNonNull(probe, "probe");
        this.sender = sender;
    }

    /** The server as last probed (probing when the cached result is too old) and the pooled sender's connections. */
    @ReadOperation
    public SmtpDescriptor smtp() {
        ServerSnapshot snapshot = probe.probe();
        TlsDescriptor tls = snapshot.tls().map(SmtpEndpoint::describe).orElse(null);
        String error = snapshot.failure().map(failure -> failure.errorCode() + ": " + failure.getMessage()).orElse(null);
        return new SmtpDescriptor(snapshot.host(), snapshot.port(), snapshot.checkedAt(), snapshot.isUp(),
                snapshot.capabilities(), tls, error, sender == null ? null : sender.stats());
    }

    private static TlsDescriptor describe(TlsConnectionInfo tls) {
        if (tls.peerCertificates().isEmpty()) {
            return new TlsDescriptor(tls.protocol(), tls.cipherSuite(), null, null, null);
        }
        X509Certificate leaf = tls.peerCertificates().get(0);
        return new TlsDescriptor(tls.protocol(), tls.cipherSuite(), leaf.getSubjectX500Principal().getName(),
                leaf.getIssuerX500Principal().getName(), leaf.getNotAfter().toInstant());
    }

    /**
     * The endpoint's answer.
     *
     * @param host         the server's host
     * @param port         the server's port
     * @param checkedAt    when the server was last probed
     * @param up           whether that probe succeeded
     * @param capabilities the EHLO extensions, each with its parameters
     * @param tls          the TLS connection of that probe, null when unencrypted or failed
     * @param error        why the probe failed, null when it succeeded
     * @param pool         the pooled sender's connections now, null without a pooled sender
     */
    public record SmtpDescriptor(String host, int port, Instant checkedAt, boolean up, List<String> capabilities,
            @Nullable TlsDescriptor tls, @Nullable String error, @Nullable PoolStats pool) {
    }

    /**
     * A TLS connection.
     *
     * @param version           the TLS version, such as {@code TLSv1.3}
     * @param cipherSuite       the cipher suite
     * @param serverCertificate the subject of the server's certificate, null if it presented none
     * @param issuer            that certificate's issuer
     * @param notAfter          when that certificate expires
     */
    public record TlsDescriptor(String version, String cipherSuite, @Nullable String serverCertificate,
            @Nullable String issuer, @Nullable Instant notAfter) {
    }
}
