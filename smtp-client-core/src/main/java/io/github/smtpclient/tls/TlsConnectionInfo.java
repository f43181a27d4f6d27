package io.github.smtpclient.tls;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

import io.github.smtpclient.tls.validation.CertificateInfo;
import io.github.smtpclient.tls.validation.ValidationResult;

/**
 * What was negotiated on an encrypted connection and how the server's certificate was judged (the reference's
 * ConnInfo* and ServerCert* values), for events, logs and health reports. Immutable.
 */
public final class TlsConnectionInfo {

    private final String protocol;
    private final String cipherSuite;
    private final List<X509Certificate> peerCertificates;
    private final List<CertificateInfo> certificates;
    private final ValidationResult validation;

    TlsConnectionInfo(String protocol, String cipherSuite, List<X509Certificate> peerCertificates,
            ValidationResult validation) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.cipherSuite = Objects.requireNonNull(cipherSuite, "cipherSuite");
        this.peerCertificates = List.copyOf(peerCertificates);
        this.certificates = this.peerCertificates.stream().map(CertificateInfo::of).toList();
        this.validation = Objects.requireNonNull(validation, "validation");
    }

    /** The TLS version, for example {@code TLSv1.3} (the reference's ConnInfoVersion). */
    public String protocol() {
        return protocol;
    }

    /** The cipher suite's standard name, for example {@code TLS_AES_256_GCM_SHA384} (ConnInfoCiphersuite). */
    public String cipherSuite() {
        return cipherSuite;
    }

    /** The chain the server presented, leaf first; empty if it presented none (ServerCertBytes, ServerCertCount). */
    public List<X509Certificate> peerCertificates() {
        return peerCertificates;
    }

    /**
     * A readable view of each certificate the server presented, leaf first: fingerprints, key, key usage, key
     * identifiers, names and RDNs, serial, signature algorithm, validity (the reference's ServerCert* values).
     */
    public List<CertificateInfo> certificates() {
        return certificates;
    }

    /**
     * How the server's chain was judged: status, reasons, the path built and the log of every check (the
     * reference's ConnInfoChainValidationResult, ConnInfoChainValidationDetails and ConnInfoValidationLog).
     */
    public ValidationResult validation() {
        return validation;
    }

    /**
     * Whether the server was authenticated: validation ran and passed (ConnInfoServerAuthenticated). False when
     * validation is off, and when a listener accepted a chain that failed validation.
     */
    public boolean isServerAuthenticated() {
        return validation.isValid();
    }

    @Override
    public String toString() {
        String subject = peerCertificates.isEmpty() ? "none"
                : peerCertificates.get(0).getSubjectX500Principal().getName();
        return protocol + " " + cipherSuite + " (server certificate: " + subject + ", " + validation.status() + ")";
    }
}
