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
import io.github.smtpclient.tls.validation.CertificateInfo;
import io.github.smtpclient.tls.validation.ValidationLogEntry;
import io.github.smtpclient.tls.validation.ValidationResult;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code smtp} Actuator endpoint: the server, its capabilities and the TLS connection (with the validation
 * result and every certificate of the chain) as last probed (probing
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
        ValidationResult result = tls.validation();
        ValidationDescriptor validation = new ValidationDescriptor(result.status().name(),
                result.reasons().stream().map(Enum::name).toList(), result.warnings().stream().map(Enum::name).toList(),
                result.log().stream().map(ValidationLogEntry::toString).toList());
        List<CertificateDescriptor> certificates = tls.certificates().stream().map(SmtpEndpoint::describe).toList();
        X509Certificate leaf = tls.peerCertificates().isEmpty() ? null : tls.peerCertificates().get(0);
        return new TlsDescriptor(tls.protocol(), tls.cipherSuite(),
                leaf == null ? null : leaf.getSubjectX500Principal().getName(),
                leaf == null ? null : leaf.getIssuerX500Principal().getName(),
                leaf == null ? null : leaf.getNotAfter().toInstant(), tls.engine().name(),
                tls.isServerAuthenticated(), tls.resumedSession().orElse(null), tls.namedGroup().orElse(null),
                tls.signatureAlgorithm().orElse(null), validation, certificates);
    }

    private static CertificateDescriptor describe(CertificateInfo certificate) {
        return new CertificateDescriptor(certificate.subject(), certificate.issuer(), certificate.serialNumberHex(),
                certificate.fingerprint(), certificate.keyAlgorithm(),
                certificate.keyBits().isPresent() ? certificate.keyBits().getAsInt() : null,
                certificate.signatureAlgorithm(), certificate.validFrom(), certificate.validTo(),
                certificate.isSelfSigned(), certificate.dnsNames());
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
     * @param version             the TLS version, such as {@code TLSv1.3}
     * @param cipherSuite         the cipher suite
     * @param serverCertificate   the subject of the server's certificate, null if it presented none
     * @param issuer              that certificate's issuer
     * @param notAfter            when that certificate expires
     * @param engine              the TLS engine, {@code BOUNCY_CASTLE} or {@code JSSE}
     * @param serverAuthenticated whether validation ran and passed
     * @param resumedSession      whether the session was resumed; null when the engine cannot tell
     * @param namedGroup          the key exchange group, null when the engine cannot tell
     * @param signatureAlgorithm  the server's handshake signature scheme, null when the engine cannot tell
     * @param validation          how the server's chain was judged
     * @param certificates        the chain the server presented, leaf first
     */
    public record TlsDescriptor(String version, String cipherSuite, @Nullable String serverCertificate,
            @Nullable String issuer, @Nullable Instant notAfter, String engine, boolean serverAuthenticated,
            @Nullable Boolean resumedSession, @Nullable String namedGroup, @Nullable String signatureAlgorithm,
            ValidationDescriptor validation, List<CertificateDescriptor> certificates) {
    }

    /**
     * The validation of the server's chain.
     *
     * @param status   VALID, VALID_BY_LISTENER, NOT_VALIDATED, INVALID or FAILED
     * @param reasons  why it is invalid
     * @param warnings what was tolerated
     * @param log      one line per check
     */
    public record ValidationDescriptor(String status, List<String> reasons, List<String> warnings, List<String> log) {
    }

    /**
     * One certificate of the server's chain.
     *
     * @param subject            the subject's common name
     * @param issuer             the issuer's common name
     * @param serialNumber       the serial number, colon hex
     * @param sha256Fingerprint  the SHA-256 fingerprint, colon hex
     * @param keyAlgorithm       the public key's algorithm
     * @param keyBits            the public key's size, null when unknown
     * @param signatureAlgorithm the issuer's signature algorithm
     * @param validFrom          the start of the validity period
     * @param validTo            the end of the validity period
     * @param selfSigned         whether it is self-signed
     * @param dnsNames           the DNS names of its subjectAltName
     */
    public record CertificateDescriptor(String subject, String issuer, String serialNumber, String sha256Fingerprint,
            String keyAlgorithm, @Nullable Integer keyBits, String signatureAlgorithm, Instant validFrom,
            Instant validTo, boolean selfSigned, List<String> dnsNames) {
    }
}
