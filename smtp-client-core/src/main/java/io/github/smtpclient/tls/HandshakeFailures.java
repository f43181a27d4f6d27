package io.github.smtpclient.tls;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;

import io.github.smtpclient.Hint;
import io.github.smtpclient.Setting;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;

/** Turns a failed TLS handshake into an {@link SmtpException} that says what probably went wrong. */
final class HandshakeFailures {

    private static final Hint PLAINTEXT_PORT_ADVICE = Hint.of("Use STARTTLS with {}, or connect to the server's"
            + " implicit-TLS port (usually 465).", Setting.TLS_MODE.to("EXPLICIT"));

    /** The detail both engines fail with when a TLS 1.2 server lacks RFC 5746. */
    static final String NO_SECURE_RENEGOTIATION = "the server does not support secure renegotiation (RFC 5746)";

    private HandshakeFailures() {
    }

    /**
     * @param clientAuthRequested whether the server sent a CertificateRequest ({@code null}: unknown)
     */
    static SmtpException describe(IOException failure, HandshakeRequest request, TlsSettings settings,
            List<X509Certificate> chain, Boolean clientAuthRequested) {
        String server = request.host() + ":" + request.port();
        if (failure instanceof BcClientCredentials.NoAllowedHash refused) {
            return new SmtpException(SmtpErrorCode.TLS_HANDSHAKE_FAILED, "the TLS handshake with " + server
                    + " failed: " + refused.reason(), failure)
                    .withHint(Hint.of("Allow one of the server's hashes in the ExternalSignOptions given with {}.",
                            Setting.TLS_CLIENT_CERTIFICATE.mention()));
        }
        SmtpException refusedClientAuth = ClientAuthRefusals.describe(failure, server, settings, clientAuthRequested);
        if (refusedClientAuth != null) {
            return refusedClientAuth;
        }
        boolean implicitTls = request.implicitTls();
        int timeoutMillis = request.timeoutMillis();
        if (Causes.contain(failure, CertificateException.class)) {
            // Only an application's SSLContext rejects a chain without the HandshakeVerdict recording why.
            return CertificateRejection.byApplicationContext(request.host(), request.port(), chain, failure);
        }
        if (Causes.contain(failure, SocketTimeoutException.class)) {
            return new SmtpException(SmtpErrorCode.TIMEOUT, "the TLS handshake with " + server
                    + " did not finish within " + timeoutMillis + " ms; the server accepted the connection but did not"
                    + " answer" + (implicitTls ? " (a plaintext server waiting for a command behaves like this)." : "."),
                    failure).withHint(Hint.raiseIfSlow(Setting.SOCKET_TIMEOUT.mention()));
        }
        if (implicitTls && answeredInPlaintext(failure)) {
            return new SmtpException(SmtpErrorCode.TLS_MODE_MISMATCH, "the TLS handshake with " + server + " failed: "
                    + server + " answered in plaintext, not TLS: the port expects plaintext first (such as 25 or 587,"
                    + " where the server greets with 220 and may offer STARTTLS). Detail: " + failure.getMessage(),
                    failure).withHint(PLAINTEXT_PORT_ADVICE);
        }
        String reason = reason(failure, server, settings, implicitTls);
        return new SmtpException(SmtpErrorCode.TLS_HANDSHAKE_FAILED, "the TLS handshake with " + server + " failed: "
                + (reason == null ? failure.getMessage() : reason + " Detail: " + failure.getMessage()), failure);
    }

    /** Whether the first record was no TLS at all, such as an SMTP greeting, in JSSE's or Bouncy Castle's words. */
    private static boolean answeredInPlaintext(IOException failure) {
        return String.valueOf(failure.getMessage()).contains("Unsupported or unrecognized SSL message")
                || isNotATlsRecord(failure);
    }

    /** A likely explanation with advice, or {@code null} when the JSSE message is all there is to say. */
    private static String reason(IOException failure, String server, TlsSettings settings, boolean implicitTls) {
        String message = String.valueOf(failure.getMessage());
        if (answeredInPlaintext(failure)) {
            return server + " accepted STARTTLS but then sent plaintext instead of a TLS handshake.";
        }
        if (message.contains("protocol_version") || message.contains("No appropriate protocol")) {
            return "the client and the server share no TLS version; the client allows " + settings.getVersions()
                    + " (tls().versions)" + cipherSuiteNote(settings) + ".";
        }
        if (message.contains("Extended Master Secret extension is required")) {
            return server + " does not support the extended master secret of RFC 7627, which"
                    + " tls().extendedMasterSecret=REQUIRED demands in TLS 1.2.";
        }
        // SunJSSE's words when the JVM runs with sun.security.ssl.allowLegacyHelloMessages=false.
        if (message.contains(NO_SECURE_RENEGOTIATION) || message.contains("Failed to negotiate the use of secure renegotiation")) {
            return noSecureRenegotiation(server);
        }
        if (message.contains("handshake_failure")) {
            return "the server refused the handshake: no cipher suite in common" + cipherSuiteNote(settings)
                    + ", or the server requires a client certificate.";
        }
        if (Causes.contain(failure, EOFException.class) || message.contains("Remote host terminated")) {
            return server + " closed the connection during the handshake"
                    + (implicitTls ? "; check that this port speaks implicit TLS." : ".");
        }
        return null;
    }

    /** Why a TLS 1.2 server without RFC 5746 was refused, and the way out for that one server. */
    static String noSecureRenegotiation(String server) {
        return server + " negotiated TLS 1.2 without the renegotiation_info extension of RFC 5746, so a man in the"
                + " middle could prefix commands to the session; tls().secureRenegotiation=REQUIRED (the default)"
                + " refuses such a server. Upgrade the server or enable TLS 1.3 on it; to accept this server anyway,"
                + " set tls().setSecureRenegotiation(SecureRenegotiation.PREFERRED) for it alone.";
    }

    /** Bouncy Castle's word for a first record that is no TLS record at all (plaintext such as "220 ..."). */
    private static boolean isNotATlsRecord(IOException failure) {
        return failure instanceof TlsFatalAlert alert && !(failure instanceof TlsFatalAlertReceived)
                && alert.getAlertDescription() == AlertDescription.unexpected_message
                && String.valueOf(failure.getMessage()).contains("Unsupported");
    }

    private static String cipherSuiteNote(TlsSettings settings) {
        return settings.getCipherSuites().isEmpty() ? "" : " with cipher suites " + settings.getCipherSuites()
                + " (tls().cipherSuites)";
    }
}
