package io.github.smtpclient.tls;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLSocket;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlertReceived;

import io.github.smtpclient.ChannelBinding;
import io.github.smtpclient.Hint;
import io.github.smtpclient.Setting;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;

/**
 * Recognises a server refusing the client's certificate, or its lack of one, and says so as
 * {@link SmtpErrorCode#TLS_HANDSHAKE_FAILED}. In TLS 1.2 the refusal is an alert during the handshake; in TLS 1.3 the
 * client's handshake is over when it sends its Finished, so the server's alert arrives on the first read after it,
 * which {@link #watch} catches on either engine.
 */
final class ClientAuthRefusals {

    /** The alerts a server sends for a missing or unacceptable client certificate (RFC 8446 6.2). */
    private static final List<Short> CERTIFICATE_ALERTS = List.of(AlertDescription.certificate_required,
            AlertDescription.bad_certificate, AlertDescription.unsupported_certificate,
            AlertDescription.certificate_revoked, AlertDescription.certificate_expired,
            AlertDescription.certificate_unknown, AlertDescription.unknown_ca, AlertDescription.access_denied);

    private static final List<Short> ALERTS_BY_NAME = List.of(AlertDescription.certificate_required,
            AlertDescription.bad_certificate, AlertDescription.unsupported_certificate,
            AlertDescription.certificate_revoked, AlertDescription.certificate_expired,
            AlertDescription.certificate_unknown, AlertDescription.unknown_ca, AlertDescription.access_denied,
            AlertDescription.handshake_failure);

    private ClientAuthRefusals() {
    }

    /**
     * The refusal {@code failure} stands for, or {@code null} when it is no certificate alert.
     *
     * @param clientAuthRequested whether the server sent a CertificateRequest ({@code null}: unknown)
     */
    static SmtpException describe(IOException failure, String server, TlsSettings settings,
            Boolean clientAuthRequested) {
        Short alert = receivedAlert(failure);
        ClientCertificate own = settings.getClientCertificate();
        boolean noneConfigured = own == null && settings.getSslContext() == null;
        boolean requested = Boolean.TRUE.equals(clientAuthRequested);
        if (alert == null) {
            // A server that closes at once after its alert can reset the connection before the client reads it.
            return requested && noneConfigured && Causes.contain(failure, SocketException.class)
                    ? new SmtpException(SmtpErrorCode.TLS_HANDSHAKE_FAILED, "the TLS handshake with " + server
                            + " failed: the server asked for a client certificate, none is configured, and it then"
                            + " closed the connection; it probably requires one.", failure)
                            .withHint(Hint.of("Give the client a certificate the server trusts with {}.",
                                    Setting.TLS_CLIENT_CERTIFICATE.mention()))
                    : null;
        }
        // A server may answer a missing certificate with a plain handshake_failure (RFC 5246 7.4.6).
        boolean aboutTheCertificate = CERTIFICATE_ALERTS.contains(alert)
                || (noneConfigured && alert == AlertDescription.handshake_failure);
        if (!(alert == AlertDescription.certificate_required || (requested && aboutTheCertificate))) {
            return null;
        }
        String name = AlertDescription.getName(alert);
        if (noneConfigured) {
            return new SmtpException(SmtpErrorCode.TLS_HANDSHAKE_FAILED, "the TLS handshake with " + server
                    + " failed: the server requires a client certificate and none is configured (it asked for one"
                    + " and answered with the alert " + name + ").", failure)
                    .withHint(Hint.of("Give the client a certificate the server trusts with {}.",
                            Setting.TLS_CLIENT_CERTIFICATE.mention()));
        }
        return new SmtpException(SmtpErrorCode.TLS_HANDSHAKE_FAILED, "the TLS handshake with " + server
                + " failed: the server refused the client certificate"
                + (own == null ? " of the application's SSLContext" : " " + own.leaf().getSubjectX500Principal().getName())
                + " with the alert " + name + " (not issued by a CA it trusts, expired, revoked or of the wrong kind).",
                failure).withHint(Hint.of("Check the certificate given with {} against the server's list of trusted CAs.",
                        Setting.TLS_CLIENT_CERTIFICATE.mention()));
    }

    /** The fatal alert the server sent, in Bouncy Castle's type or JSSE's words; {@code null} if it sent none. */
    private static Short receivedAlert(IOException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TlsFatalAlertReceived received) {
                return received.getAlertDescription();
            }
            String message = String.valueOf(cause.getMessage());
            if (message.contains("Received fatal alert: ")) {
                for (short alert : ALERTS_BY_NAME) {
                    if (message.endsWith("Received fatal alert: " + AlertDescription.getName(alert))) {
                        return alert;
                    }
                }
                return null;
            }
        }
        return null;
    }

    /** {@code layer}, whose first reads turn a certificate alert into a {@link SmtpException}. */
    static TlsLayer watch(TlsLayer layer, String server, TlsSettings settings) {
        return new WatchedLayer(layer, server, settings);
    }

    /** A layer whose input is watched until the first byte arrives. */
    private static final class WatchedLayer implements TlsLayer {

        private final TlsLayer layer;
        private final String server;
        private final TlsSettings settings;
        private InputStream input;

        WatchedLayer(TlsLayer layer, String server, TlsSettings settings) {
            this.layer = layer;
            this.server = server;
            this.settings = settings;
        }

        @Override
        public synchronized InputStream input() throws IOException {
            if (input == null) {
                input = new FirstReadInput(layer.input());
            }
            return input;
        }

        @Override
        public OutputStream output() throws IOException {
            return layer.output();
        }

        @Override
        public TlsConnectionInfo info() {
            return layer.info();
        }

        /**
         * The wrapped layer's: the default would give tls-server-end-point where the Bouncy Castle layer gives
         * tls-exporter, and the server would refuse the binding type (a wrapper forgetting this once looked like
         * Bouncy Castle's exporter not matching OpenSSL's).
         */
        @Override
        public Optional<ChannelBinding> channelBinding() {
            return layer.channelBinding();
        }

        @Override
        public Optional<SSLSocket> socket() {
            return layer.socket();
        }

        @Override
        public void close() throws IOException {
            layer.close();
        }

        @Override
        public boolean closeNotifyReceived() {
            return layer.closeNotifyReceived();
        }

        /** Watches reads until one returns data; later reads pass straight through. */
        private final class FirstReadInput extends FilterInputStream {

            private volatile boolean dataSeen;

            FirstReadInput(InputStream in) {
                super(in);
            }

            @Override
            public int read() throws IOException {
                try {
                    int b = super.read();
                    dataSeen = true;
                    return b;
                } catch (IOException e) {
                    throw translated(e);
                }
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                try {
                    int n = super.read(buffer, offset, length);
                    dataSeen |= n > 0;
                    return n;
                } catch (IOException e) {
                    throw translated(e);
                }
            }

            private IOException translated(IOException e) {
                if (dataSeen || e instanceof SmtpException) {
                    return e;
                }
                SmtpException refusal = describe(e, server, settings, layer.info().clientAuthRequested().orElse(null));
                return refusal == null ? e : refusal;
            }
        }
    }
}
