package io.github.smtpclient.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JSSE engine's trust manager: hands the server's chain to the handshake's {@link HandshakeVerdict}, so JSSE
 * connections are judged by the same validator, identity check and listener as every other engine. JSSE's own
 * endpoint identification stays off; it would fall back to the common name, which RFC 9525 forbids. It checks
 * server certificates only.
 */
final class ValidatingTrustManager extends X509ExtendedTrustManager {

    private final HandshakeVerdict verdict;

    ValidatingTrustManager(HandshakeVerdict verdict) {
        this.verdict = verdict;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        decide(chain, socket instanceof SSLSocket ssl ? staples(ssl.getHandshakeSession()) : List.of());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        decide(chain, staples(engine.getHandshakeSession()));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        decide(chain, List.of());
    }

    /** The OCSP responses the server stapled (SunJSSE asks for them with status_request, in TLS 1.2 and 1.3). */
    private static List<byte[]> staples(SSLSession handshakeSession) {
        return handshakeSession instanceof ExtendedSSLSession extended ? extended.getStatusResponses() : List.of();
    }

    private void decide(X509Certificate[] chain, List<byte[]> staples) throws CertificateException {
        if (!verdict.decide(List.of(chain), staples)) {
            throw new CertificateException(verdict.rejection().map(Exception::getMessage).orElse("rejected"));
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw clientCertificatesUnsupported();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw clientCertificatesUnsupported();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw clientCertificatesUnsupported();
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    private static CertificateException clientCertificatesUnsupported() {
        return new CertificateException("this trust manager checks server certificates only");
    }
}
