package io.github.smtpclient.tls;

import java.io.IOException;
import java.net.Socket;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.event.CertificateValidateEvent;
import io.github.smtpclient.event.NotificationEvent;
import io.github.smtpclient.event.SmtpListener;

/**
 * Layers TLS over an already connected socket and completes the handshake, for implicit TLS and for STARTTLS
 * alike. Applies the {@link TlsSettings} (versions, cipher suites, SNI, trust, host name verification by the
 * HTTPS rules of RFC 2818/6125) and asks the listener's {@link SmtpListener#certificateValidate} for the final
 * verdict on the server's chain. Used by {@code io.github.smtpclient.net}; applications rarely need it directly.
 */
public final class TlsHandshaker {

    /** RFC 2818/6125 host name rules with left-most-label wildcards, as mail clients apply them. */
    private static final String HOST_NAME_RULES = "HTTPS";

    private final TlsSettings settings;
    private final SmtpListener listener;

    /** A handshaker working on a copy of {@code settings}; a {@code null} listener means {@link SmtpListener#NONE}. */
    public TlsHandshaker(TlsSettings settings, SmtpListener listener) {
        this.settings = settings.copy();
        this.listener = listener == null ? SmtpListener.NONE : listener;
    }

    /**
     * Layers TLS over {@code connected} and handshakes. The returned socket closes {@code connected} when it is
     * closed; on failure {@code connected} is closed before the exception is thrown.
     *
     * @param host        the host name (or address) the client connected to: sent as SNI and verified against
     *                    the certificate
     * @param implicitTls whether this is implicit TLS (only changes the advice in error messages)
     * @throws SmtpException CERTIFICATE_REJECTED, TLS_HANDSHAKE_FAILED, TIMEOUT, or INVALID_ARGUMENT when the
     *                       settings cannot be applied
     */
    public SSLSocket handshake(Socket connected, String host, int port, boolean implicitTls) throws SmtpException {
        try {
            return establish(connected, host, port, implicitTls);
        } catch (SmtpException | RuntimeException e) {
            closeQuietly(connected, e);
            throw e;
        }
    }

    private SSLSocket establish(Socket connected, String host, int port, boolean implicitTls) throws SmtpException {
        warnIfValidationDisabled(host, port);
        VerdictTrustManager verdict = settings.getSslContext() == null
                ? new VerdictTrustManager(settings.isValidateCertificates() ? PkixTrustManagers.create(settings) : null,
                        host, port, listener)
                : null;
        SSLContext context = verdict == null ? userContext() : SslContextFactory.create(verdict);
        SSLSocket ssl = layer(context, connected, host, port);
        try {
            ssl.startHandshake();
        } catch (IOException e) {
            if (verdict != null && verdict.rejection().isPresent()) {
                throw verdict.rejection().get();
            }
            throw HandshakeFailures.describe(e, host, port, settings, implicitTls);
        }
        if (verdict == null) {
            confirmWithListener(ssl, host, port);
        }
        return ssl;
    }

    private SSLContext userContext() throws SmtpException {
        if (!settings.isValidateCertificates()) {
            throw new SmtpException(SmtpErrorCode.INVALID_ARGUMENT, "tls().validateCertificates is false but "
                    + "tls().sslContext is set, and the trust of an application's SSLContext cannot be switched off; "
                    + "remove one of the two settings");
        }
        return settings.getSslContext();
    }

    private SSLSocket layer(SSLContext context, Socket connected, String host, int port) throws SmtpException {
        SSLSocket ssl;
        try {
            ssl = (SSLSocket) context.getSocketFactory().createSocket(connected, host, port, true);
        } catch (IOException e) {
            throw new SmtpException(SmtpErrorCode.TLS_HANDSHAKE_FAILED,
                    "cannot start TLS on the connection to " + host + ":" + port + ": " + e.getMessage(), e);
        }
        try {
            ssl.setSSLParameters(parameters(ssl.getSSLParameters()));
        } catch (IllegalArgumentException e) {
            throw new SmtpException(SmtpErrorCode.INVALID_ARGUMENT, "the TLS provider does not support the configured "
                    + "tls().versions " + settings.getVersions() + " or tls().cipherSuites " + settings.getCipherSuites()
                    + ": " + e.getMessage() + "; supported cipher suites: " + List.of(ssl.getSupportedCipherSuites()), e);
        }
        return ssl;
    }

    private SSLParameters parameters(SSLParameters parameters) {
        parameters.setProtocols(settings.getVersions().toArray(String[]::new));
        if (!settings.getCipherSuites().isEmpty()) {
            parameters.setCipherSuites(settings.getCipherSuites().toArray(String[]::new));
        }
        boolean checkHostName = settings.isValidateCertificates() && settings.isVerifyHostname();
        parameters.setEndpointIdentificationAlgorithm(checkHostName ? HOST_NAME_RULES : null);
        if (settings.getSniHostName() != null) {
            parameters.setServerNames(List.of(new SNIHostName(settings.getSniHostName())));
        }
        return parameters;
    }

    /** With an application SSLContext the chain is already validated; the listener may still reject it. */
    private void confirmWithListener(SSLSocket ssl, String host, int port) throws SmtpException {
        TlsConnectionInfo info = TlsConnectionInfo.of(ssl.getSession());
        CertificateValidateEvent event = new CertificateValidateEvent(host, info.peerCertificates(), null);
        if (ListenerCalls.deliver(listener::certificateValidate, event) && !event.isAccepted()) {
            throw CertificateRejection.byListener(host, port, info.peerCertificates());
        }
    }

    private void warnIfValidationDisabled(String host, int port) {
        if (!settings.isValidateCertificates()) {
            ListenerCalls.deliver(listener::notification, new NotificationEvent(
                    NotificationEvent.Kind.CERTIFICATE_VALIDATION_DISABLED, "certificate validation is disabled "
                            + "(tls().validateCertificates=false): the certificate of " + host + ":" + port + " is not "
                            + "checked, so anyone on the network path can impersonate the server and read this "
                            + "session, passwords included"));
        }
    }

    private static void closeQuietly(Socket socket, Exception failure) {
        try {
            socket.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
