package io.github.smtpclient.tls;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;

import io.github.smtpclient.Hint;
import io.github.smtpclient.Setting;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.event.NotificationEvent;
import io.github.smtpclient.event.SmtpListener;
import io.github.smtpclient.tls.validation.ChainValidator;
import io.github.smtpclient.tls.validation.ValidationPolicy;

/**
 * Layers TLS over an already connected socket and completes the handshake, for implicit TLS and for STARTTLS
 * alike, on the {@link TlsEngine} the settings choose. Applies the {@link TlsSettings} (versions, cipher suites, SNI,
 * session resumption) and judges the server's chain with the
 * {@link ChainValidator} (trust, path, RFC 9525 identity), then asks the listener's
 * {@link SmtpListener#certificateValidate} for the final verdict. Used by {@code io.github.smtpclient.net};
 * applications rarely need it directly.
 */
public final class TlsHandshaker {

    private final TlsSettings settings;
    private final SmtpListener listener;

    /** A handshaker working on a copy of {@code settings}; a {@code null} listener means {@link SmtpListener#NONE}. */
    public TlsHandshaker(TlsSettings settings, SmtpListener listener) {
        this.settings = settings.copy();
        this.listener = listener == null ? SmtpListener.NONE : listener;
    }

    /**
     * Layers TLS over {@code connected} and handshakes. The returned layer closes {@code connected} when it is
     * closed; on failure {@code connected} is closed before the exception is thrown.
     *
     * @param host        the host name (or address) the client connected to: sent as SNI and verified against
     *                    the certificate
     * @param implicitTls whether this is implicit TLS (only changes the advice in error messages)
     * @throws SmtpException CERTIFICATE_REJECTED (a {@link CertificateRejectedException} carrying the validation
     *                       result), TLS_HANDSHAKE_FAILED, TIMEOUT, or INVALID_ARGUMENT when the settings cannot be
     *                       applied
     */
    public TlsLayer handshake(Socket connected, String host, int port, boolean implicitTls) throws SmtpException {
        try {
            return establish(connected, new HandshakeRequest(host, port, settings.getSniHostName(), implicitTls,
                    readTimeoutMillis(connected)));
        } catch (SmtpException | RuntimeException e) {
            closeQuietly(connected, e);
            throw e;
        }
    }

    /**
     * Like {@link #handshake}, but always on JSSE, whatever {@link TlsSettings#getEngine()} says, so that the layer's
     * {@link TlsLayer#socket()} is present: for TLS that a second TLS runs inside, such as the TLS to an HTTPS proxy,
     * whose tunnel carries the SMTP connection's own TLS. Bouncy Castle's TLS API yields streams, not a socket another
     * TLS can be layered over. The server's chain is judged exactly as in {@link #handshake}.
     *
     * @throws SmtpException as {@link #handshake}
     */
    public TlsLayer handshakeOnJsse(Socket connected, String host, int port) throws SmtpException {
        try {
            HandshakeRequest request = new HandshakeRequest(host, port, settings.getSniHostName(), true,
                    readTimeoutMillis(connected));
            warnIfValidationDisabled(request);
            return new JsseEngine(settings).handshake(connected, request, verdict(request));
        } catch (SmtpException | RuntimeException e) {
            closeQuietly(connected, e);
            throw e;
        }
    }

    private TlsLayer establish(Socket connected, HandshakeRequest request) throws SmtpException {
        checkPreSharedKey();
        if (settings.getPreSharedKey() == null) {
            warnIfValidationDisabled(request);
        }
        checkClientCertificate();
        HandshakeVerdict verdict = verdict(request);
        // An application's SSLContext is a JSSE object: with one, the connection runs on JSSE.
        TlsLayer layer = settings.getEngine() == TlsEngine.JSSE || settings.getSslContext() != null
                ? new JsseEngine(settings).handshake(connected, request, verdict)
                : new BcEngine(settings).handshake(connected, request, verdict);
        return ClientAuthRefusals.watch(layer, request.host() + ":" + request.port(), settings);
    }

    /** A pre-shared key runs only on Bouncy Castle, and replaces certificates on both sides. */
    private void checkPreSharedKey() throws SmtpException {
        if (settings.getPreSharedKey() == null) {
            return;
        }
        if (settings.getEngine() == TlsEngine.JSSE || settings.getSslContext() != null) {
            throw new SmtpException(SmtpErrorCode.INVALID_ARGUMENT, "tls().preSharedKey is set, but the connection"
                    + " would run on JSSE (" + (settings.getSslContext() != null ? "tls().sslContext is set"
                            : "tls().engine is JSSE") + "), and neither JSSE provider has a pre-shared-key cipher"
                    + " suite; nothing was sent").withHint(Hint.of("Use {} for pre-shared keys.",
                            Setting.TLS_ENGINE.to("BOUNCY_CASTLE")));
        }
        if (settings.getClientCertificate() != null) {
            throw new SmtpException(SmtpErrorCode.INVALID_ARGUMENT, "tls().preSharedKey and tls().clientCertificate"
                    + " are both set, but a server authenticating with a pre-shared key asks for no certificate"
                    + " (RFC 8446 4.3.2, RFC 4279); remove one of the two settings").withHint(Hint.of("Remove {}.",
                            Setting.TLS_CLIENT_CERTIFICATE.mention()));
        }
    }

    private void checkClientCertificate() throws SmtpException {
        ClientCertificate own = settings.getClientCertificate();
        if (own == null) {
            return;
        }
        if (settings.getSslContext() != null) {
            throw new SmtpException(SmtpErrorCode.INVALID_ARGUMENT, "tls().clientCertificate and tls().sslContext are"
                    + " both set, but an application's SSLContext chooses the client certificate with its own key"
                    + " managers; remove one of the two settings").withHint(Hint.of("Remove {} or the SSLContext.",
                            Setting.TLS_CLIENT_CERTIFICATE.mention()));
        }
        if (own.externalSigner() != null && settings.getEngine() == TlsEngine.JSSE) {
            throw new SmtpException(SmtpErrorCode.INVALID_ARGUMENT, "tls().clientCertificate signs with an external"
                    + " signer, which only the Bouncy Castle TLS engine can call; JSSE signs with a PrivateKey of a JCA"
                    + " provider").withHint(Hint.of("Use {}, or give JSSE a key store's key (a PKCS#11 token's"
                            + " included).", Setting.TLS_ENGINE.to("BOUNCY_CASTLE")));
        }
        if (!settings.isCheckKeyIntegrityBeforeUse()) {
            return;
        }
        boolean matches;
        try {
            matches = own.keyMatchesCertificate();
        } catch (IllegalStateException cannotProbe) {
            throw new SmtpException(SmtpErrorCode.INVALID_ARGUMENT, "tls().checkKeyIntegrityBeforeUse cannot check the"
                    + " key of tls().clientCertificate: " + cannotProbe.getMessage(), cannotProbe).withHint(Hint.of(
                            "Switch the check off with {}.", Setting.TLS_CHECK_KEY_INTEGRITY_BEFORE_USE.to("false")));
        }
        if (!matches) {
            throw new SmtpException(SmtpErrorCode.INVALID_ARGUMENT, "the private key of tls().clientCertificate does"
                    + " not belong to its certificate " + own.leaf().getSubjectX500Principal().getName() + " (a probe"
                    + " signed with the key does not verify with the certificate's public key; checked because"
                    + " tls().checkKeyIntegrityBeforeUse is on); nothing was sent")
                    .withHint(Hint.of("Give the key that was certified with {}.", Setting.TLS_CLIENT_CERTIFICATE.mention()));
        }
    }

    private HandshakeVerdict verdict(HandshakeRequest request) throws SmtpException {
        if (!settings.isValidateCertificates()) {
            if (settings.getSslContext() != null) {
                throw new SmtpException(SmtpErrorCode.INVALID_ARGUMENT, "tls().validateCertificates is false but "
                        + "tls().sslContext is set, and the trust of an application's SSLContext cannot be switched off; "
                        + "remove one of the two settings");
            }
            return new HandshakeVerdict(request.host(), request.port(), request.referenceNames(),
                    HandshakeVerdict.Mode.OFF, null, listener);
        }
        if (settings.getSslContext() != null) {
            return new HandshakeVerdict(request.host(), request.port(), request.referenceNames(),
                    HandshakeVerdict.Mode.TRUSTED_BY_CONTEXT, new ChainValidator(identityOnlyPolicy()), listener);
        }
        return new HandshakeVerdict(request.host(), request.port(), request.referenceNames(), HandshakeVerdict.Mode.FULL,
                new ChainValidator(TrustSources.policy(settings)), listener);
    }

    private ValidationPolicy identityOnlyPolicy() {
        return ValidationPolicy.builder()
                .blocked(settings.getBlockedCertificates()).checkIdentity(settings.isVerifyHostname()).build();
    }

    private void warnIfValidationDisabled(HandshakeRequest request) {
        if (!settings.isValidateCertificates()) {
            ListenerCalls.deliver(listener::notification, new NotificationEvent(
                    NotificationEvent.Kind.CERTIFICATE_VALIDATION_DISABLED, "certificate validation is disabled "
                            + "(tls().validateCertificates=false): the certificate of " + request.host() + ":"
                            + request.port() + " is not checked, so anyone on the network path can impersonate the "
                            + "server and read this session, passwords included"));
        }
    }

    private static int readTimeoutMillis(Socket socket) {
        try {
            return socket.getSoTimeout();
        } catch (SocketException closed) {
            return 0;
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
