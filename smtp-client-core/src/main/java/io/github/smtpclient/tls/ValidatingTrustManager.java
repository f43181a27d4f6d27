package io.github.smtpclient.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Function;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JSSE engine's trust manager: hands the server's chain to the {@link HandshakeVerdict} of the handshake on that
 * socket, so JSSE connections are judged by the same validator, identity check and listener as every other engine.
 * JSSE's own endpoint identification stays off; it would fall back to the common name, which RFC 9525 forbids. It
 * checks server certificates only, and only for sockets a handshake registered.
 */
final class ValidatingTrustManager extends X509ExtendedTrustManager {

    private final Function<Socket, JsseHandshake> handshakes;

    ValidatingTrustManager(Function<Socket, JsseHandshake> handshakes) {
        this.handshakes = handshakes;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        JsseHandshake handshake = handshakes.apply(socket);
        if (handshake == null) {
            throw new CertificateException("no handshake of this client is registered for " + socket);
        }
        decide(handshake.verdict(), chain, socket instanceof SSLSocket ssl ? staples(ssl.getHandshakeSession())
                : List.of());
    }

    /** The client layers TLS over sockets only, never over an engine. */
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("server certificates are checked only with their socket");
    }

    /** JSSE never calls this for an extended trust manager; without a socket the handshake cannot be found. */
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("server certificates are checked only with their socket");
    }

    /** The OCSP responses the server stapled (SunJSSE asks for them with status_request, in TLS 1.2 and 1.3). */
    private static List<byte[]> staples(SSLSession handshakeSession) {
        return handshakeSession instanceof ExtendedSSLSession extended ? extended.getStatusResponses() : List.of();
    }

    private static void decide(HandshakeVerdict verdict, X509Certificate[] chain, List<byte[]> staples)
            throws CertificateException {
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
