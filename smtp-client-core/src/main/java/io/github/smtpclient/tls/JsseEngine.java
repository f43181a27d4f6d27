package io.github.smtpclient.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import io.github.smtpclient.Hint;
import io.github.smtpclient.Setting;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;

/**
 * TLS on the JDK's provider (JSSE, SunJSSE): an {@link SSLSocket} layered over the connected socket, with the
 * server's chain judged by our {@link ValidatingTrustManager}, or by an application's own SSLContext. Sessions resume
 * through the SSLContext a {@link TlsSessionCache} keeps per destination.
 */
final class JsseEngine {

    private static final String TLS_13 = "TLSv1.3";
    private static final String TLS_12 = "TLSv1.2";

    private final TlsSettings settings;

    JsseEngine(TlsSettings settings) {
        this.settings = settings;
    }

    TlsLayer handshake(Socket connected, HandshakeRequest request, HandshakeVerdict verdict) throws SmtpException {
        JsseContext shared = settings.getSslContext() == null ? sharedContext(request, connected) : null;
        WatchedSocket watched = watch(connected, request);
        SSLSocket ssl = layer(shared == null ? settings.getSslContext() : shared.sslContext(), watched,
                request.host(), request.port());
        JsseHandshake handshake = new JsseHandshake(verdict, settings.getClientCertificate());
        if (shared != null) {
            shared.register(ssl, handshake);
        }
        try {
            ssl.startHandshake();
        } catch (IOException e) {
            if (verdict.rejection().isPresent()) {
                throw verdict.rejection().get();
            }
            throw HandshakeFailures.describe(e, request, settings, List.of(),
                    shared == null ? null : handshake.clientAuthRequested().get());
        } finally {
            if (shared != null) {
                shared.unregister(ssl);
            }
        }
        // Our trust manager sees every full handshake; a resumed one presents no certificate, so it is judged now.
        boolean fullHandshake = verdict.hasDecided();
        SSLSession session = ssl.getSession();
        List<X509Certificate> chain = x509Chain(session);
        if (!verdict.hasDecided() && !verdict.decide(chain, List.of())) {
            closeQuietly(ssl);
            throw verdict.rejection().orElseThrow();
        }
        if (settings.getSecureRenegotiation() == SecureRenegotiation.REQUIRED && TLS_12.equals(session.getProtocol())
                && !Boolean.TRUE.equals(watched.renegotiationInfo())) {
            closeQuietly(ssl);
            throw new SmtpException(SmtpErrorCode.TLS_HANDSHAKE_FAILED, "the TLS handshake with " + request.host()
                    + ":" + request.port() + " failed: " + HandshakeFailures.noSecureRenegotiation(request.host() + ":"
                    + request.port()) + " Nothing was sent over the connection.");
        }
        boolean observed = shared != null;
        return new JsseLayer(ssl, settings.getCloseNotifyWait(), TlsConnectionInfo.builder(TlsEngine.JSSE)
                .negotiated(session.getProtocol(), session.getCipherSuite())
                .peerCertificates(chain)
                .validation(verdict.result())
                .resumedSession(observed ? !fullHandshake : null)
                .clientAuth(observed ? handshake.clientAuthRequested().get() : null, session.getLocalCertificates() != null)
                // SunJSSE offers TLS 1.3 resumption only with psk_dhe_ke, so every TLS 1.3 handshake is (EC)DHE.
                .tls13ForwardSecret(TLS_13.equals(session.getProtocol()) ? Boolean.TRUE : null)
                .build());
    }

    /** The context for this destination: from the session cache when resumption is on, else a fresh one. */
    private JsseContext sharedContext(HandshakeRequest request, Socket connected) {
        if (!settings.isUseSessionResumption()) {
            return JsseContext.create(settings.getSecureRandom());
        }
        return settings.getSessionCache().jsseContext(request.host(), request.port(), connected.getInetAddress(),
                settings.isForceResumeIfDestinationChanges(), () -> JsseContext.create(settings.getSecureRandom()));
    }

    /** The socket with its input watched for the ServerHello's renegotiation_info (see {@link RenegotiationInfoWatch}). */
    private static WatchedSocket watch(Socket connected, HandshakeRequest request) throws SmtpException {
        try {
            return new WatchedSocket(connected);
        } catch (IOException e) {
            throw new SmtpException(SmtpErrorCode.TLS_HANDSHAKE_FAILED, "cannot start TLS on the connection to "
                    + request.host() + ":" + request.port() + ": " + e.getMessage(), e);
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

    private SSLParameters parameters(SSLParameters parameters) throws SmtpException {
        parameters.setProtocols(settings.getVersions().toArray(String[]::new));
        if (!settings.getCipherSuites().isEmpty()) {
            parameters.setCipherSuites(settings.getCipherSuites().toArray(String[]::new));
        }
        if (!settings.isFiniteFieldDhe()) {
            parameters.setCipherSuites(List.of(parameters.getCipherSuites()).stream()
                    .filter(suite -> !suite.startsWith("TLS_DHE_")).toArray(String[]::new));
        }
        JsseNamedGroups.apply(parameters, settings);
        if (settings.getExtendedMasterSecret() != ExtendedMasterSecret.PREFERRED) {
            throw new SmtpException(SmtpErrorCode.INVALID_ARGUMENT, "tls().extendedMasterSecret is "
                    + settings.getExtendedMasterSecret() + ", but the JSSE engine cannot set it per connection: the JDK"
                    + " decides it for the whole JVM (system property jdk.tls.useExtendedMasterSecret); use the Bouncy"
                    + " Castle engine, or keep ExtendedMasterSecret.PREFERRED")
                    .withHint(Hint.of("Use {}.", Setting.TLS_ENGINE.to("BOUNCY_CASTLE")));
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
        private final Duration closeNotifyWait;
        private final TlsConnectionInfo info;
        private volatile boolean closeNotifyReceived;

        JsseLayer(SSLSocket socket, Duration closeNotifyWait, TlsConnectionInfo info) {
            this.socket = socket;
            this.closeNotifyWait = closeNotifyWait;
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
        public Optional<SSLSocket> socket() {
            return Optional.of(socket);
        }

        /** {@code shutdownOutput} sends close_notify and leaves the input open, in TLS 1.2 as in 1.3. */
        @Override
        public void close() throws IOException {
            try {
                if (!closeNotifyWait.isZero() && !socket.isClosed()) {
                    socket.shutdownOutput();
                    InputStream in = socket.getInputStream();
                    closeNotifyReceived = CloseNotifyWait.await(socket, closeNotifyWait, in::read);
                }
            } finally {
                socket.close();
            }
        }

        @Override
        public boolean closeNotifyReceived() {
            return closeNotifyReceived;
        }
    }
}
