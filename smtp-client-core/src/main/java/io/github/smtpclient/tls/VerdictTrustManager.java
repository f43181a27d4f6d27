package io.github.smtpclient.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import io.github.smtpclient.SmtpException;
import io.github.smtpclient.event.CertificateValidateEvent;
import io.github.smtpclient.event.SmtpListener;

/**
 * The trust manager of one handshake: runs the real validation (chain and, as the socket's SSLParameters ask,
 * host name), lets the listener overturn the verdict through {@link SmtpListener#certificateValidate}, and records
 * why a chain was rejected so the handshake failure can be reported as
 * {@link io.github.smtpclient.SmtpErrorCode#CERTIFICATE_REJECTED}. It checks server certificates only.
 */
final class VerdictTrustManager extends X509ExtendedTrustManager {

    /** One run of the wrapped validation. */
    private interface Check {
        void run() throws CertificateException;
    }

    private final X509ExtendedTrustManager validation;
    private final String host;
    private final int port;
    private final SmtpListener listener;
    private SmtpException rejection;

    /**
     * @param validation the real validation, or {@code null} when validation is switched off (every chain passes
     *                   unless the listener rejects it)
     */
    VerdictTrustManager(X509ExtendedTrustManager validation, String host, int port, SmtpListener listener) {
        this.validation = validation;
        this.host = host;
        this.port = port;
        this.listener = listener;
    }

    /** Why the chain was rejected, if it was. */
    Optional<SmtpException> rejection() {
        return Optional.ofNullable(rejection);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        decide(chain, authType, () -> validation.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        decide(chain, authType, () -> validation.checkServerTrusted(chain, authType, engine));
    }

    /** JSSE never calls this for an extended trust manager; without a socket the host name cannot be checked. */
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("server certificates are checked only with their socket or engine, "
                + "which the host name check needs");
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
        return validation == null ? new X509Certificate[0] : validation.getAcceptedIssuers();
    }

    private void decide(X509Certificate[] chain, String authType, Check fullCheck) throws CertificateException {
        CertificateException failure = validation == null ? null : failureOf(fullCheck);
        CertificateValidateEvent event = new CertificateValidateEvent(host, List.of(chain), failure);
        boolean accepted = ListenerCalls.deliver(listener::certificateValidate, event) ? event.isAccepted() : failure == null;
        if (accepted) {
            return;
        }
        if (failure == null) {
            rejection = CertificateRejection.byListener(host, port, List.of(chain));
            throw new CertificateException("the SmtpListener rejected the certificate chain");
        }
        CertificateException chainFailure = failureOf(() -> validation.checkServerTrusted(chain, authType));
        rejection = chainFailure == null
                ? CertificateRejection.hostMismatch(host, port, chain, failure)
                : CertificateRejection.invalidChain(host, port, chain, chainFailure);
        throw failure;
    }

    private static CertificateException failureOf(Check check) {
        try {
            check.run();
            return null;
        } catch (CertificateException e) {
            return e;
        }
    }

    private static CertificateException clientCertificatesUnsupported() {
        return new CertificateException("this trust manager checks server certificates only");
    }
}
