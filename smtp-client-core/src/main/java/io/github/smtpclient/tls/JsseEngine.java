package io.github.smtpclient.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;

/**
 * TLS on the JDK's provider (JSSE, SunJSSE): an {@link SSLSocket} layered over the connected socket, with the
 * server's chain judged by our {@link ValidatingTrustManager}, or by an application's own SSLContext.
 */
final class JsseEngine {

    private static final String PROTOCOL = "TLS";

    private final TlsSettings settings;

    JsseEngine(TlsSettings settings) {
        this.settings = settings;
    }

    TlsLayer handshake(Socket connected, HandshakeRequest request, HandshakeVerdict verdict) throws SmtpException {
        SSLContext context = settings.getSslContext() != null ? settings.getSslContext() : ownContext(verdict);
        SSLSocket ssl = layer(context, connected, request.host(), request.port());
        try {
            ssl.startHandshake();
        } catch (IOException e) {
            if (verdict.rejection().isPresent()) {
                throw verdict.rejection().get();
            }
            throw HandshakeFailures.describe(e, request, settings, List.of());
        }
        SSLSession session = ssl.getSession();
        List<X509Certificate> chain = x509Chain(session);
        if (!verdict.hasDecided() && !verdict.decide(chain, List.of())) {
            closeQuietly(ssl);
            throw verdict.rejection().orElseThrow();
        }
        return new JsseLayer(ssl, new TlsConnectionInfo(session.getProtocol(), session.getCipherSuite(), chain,
                verdict.result()));
    }

    private static SSLContext ownContext(HandshakeVerdict verdict) throws SmtpException {
        try {
            SSLContext context = SSLContext.getInstance(PROTOCOL);
            context.init(null, new TrustManager[] {new ValidatingTrustManager(verdict)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new SmtpException(SmtpErrorCode.TLS_HANDSHAKE_FAILED,
                    "the JDK offers no usable " + PROTOCOL + " SSLContext: " + e.getMessage(), e);
        }
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
        // The server's identity is checked by our validator (RFC 9525); JSSE's "HTTPS" check falls back to the CN.
        parameters.setEndpointIdentificationAlgorithm(null);
        if (settings.getSniHostName() != null) {
            parameters.setServerNames(List.of(new SNIHostName(settings.getSniHostName())));
        }
        return parameters;
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
            // An anonymous cipher suite: there is no chain, and validation will say so.
        }
        return chain;
    }

    private static void closeQuietly(SSLSocket ssl) {
        try {
            ssl.close();
        } catch (IOException alreadyBroken) {
            // The connection is being abandoned because its certificate was rejected.
        }
    }

    /** A JSSE socket as a {@link TlsLayer}. */
    private static final class JsseLayer implements TlsLayer {

        private final SSLSocket socket;
        private final TlsConnectionInfo info;

        JsseLayer(SSLSocket socket, TlsConnectionInfo info) {
            this.socket = socket;
            this.info = info;
        }

        @Override
        public InputStream input() throws IOException {
            return socket.getInputStream();
        }

        @Override
        public OutputStream output() throws IOException {
            return socket.getOutputStream();
        }

        @Override
        public TlsConnectionInfo info() {
            return info;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
