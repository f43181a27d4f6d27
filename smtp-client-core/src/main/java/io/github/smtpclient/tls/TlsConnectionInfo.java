package io.github.smtpclient.tls;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * What was negotiated on an encrypted connection (the reference's ConnInfoVersion, ConnInfoCiphersuite and
 * ServerCert* values), for events, logs and health reports.
 *
 * @param protocol         the TLS version, for example {@code TLSv1.3}
 * @param cipherSuite      the cipher suite, for example {@code TLS_AES_256_GCM_SHA384}
 * @param peerCertificates the chain the server presented, leaf first; empty if it presented none
 */
public record TlsConnectionInfo(String protocol, String cipherSuite, List<X509Certificate> peerCertificates) {

    public TlsConnectionInfo {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
        peerCertificates = List.copyOf(peerCertificates);
    }

    /** Reads the negotiated values of an established session. */
    public static TlsConnectionInfo of(SSLSession session) {
        return new TlsConnectionInfo(session.getProtocol(), session.getCipherSuite(), x509Chain(session));
    }

    private static List<X509Certificate> x509Chain(SSLSession session) {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            for (Certificate certificate : session.getPeerCertificates()) {
                if (certificate instanceof X509Certificate x509) {
                    chain.add(x509);
                }
            }
        } catch (SSLPeerUnverifiedException anonymousSession) {
            // An anonymous cipher suite: there is no chain to report.
        }
        return chain;
    }

    @Override
    public String toString() {
        String subject = peerCertificates.isEmpty() ? "none"
                : peerCertificates.get(0).getSubjectX500Principal().getName();
        return protocol + " " + cipherSuite + " (server certificate: " + subject + ")";
    }
}
