package io.github.smtpclient.tls;

import java.io.IOException;
import java.util.List;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlertReceived;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;

/**
 * Says why a pre-shared-key handshake failed. A server that does not know the key cannot say so directly: in TLS 1.2
 * the Finished messages no longer match (bad_record_mac or decrypt_error), in TLS 1.3 the binder does not verify
 * (illegal_parameter or decrypt_error); OpenSSL answers an unknown identity the same way. Failures that are not
 * about the key (timeouts, plaintext, closed connections) are described as for any handshake.
 */
final class PskFailures {

    private static final List<Short> KEY_ALERTS = List.of(AlertDescription.bad_record_mac,
            AlertDescription.decrypt_error, AlertDescription.illegal_parameter, AlertDescription.unknown_psk_identity);

    private static final List<Short> NOTHING_IN_COMMON_ALERTS = List.of(AlertDescription.handshake_failure,
            AlertDescription.insufficient_security, AlertDescription.protocol_version);

    private PskFailures() {
    }

    static SmtpException describe(IOException failure, HandshakeRequest request, TlsSettings settings,
            boolean refusedInTls13) {
        String server = request.host() + ":" + request.port();
        String identity = settings.getPreSharedKey().identity();
        if (refusedInTls13) {
            return new SmtpException(SmtpErrorCode.TLS_HANDSHAKE_FAILED, "the TLS handshake with " + server
                    + " failed: the server negotiated TLS 1.3 but did not accept the pre-shared key of identity '"
                    + identity + "' (tls().preSharedKey); it knows no such identity or authenticates only with a"
                    + " certificate, and a client with a pre-shared key does not fall back to one.", failure);
        }
        Short alert = failure instanceof TlsFatalAlertReceived received ? received.getAlertDescription() : null;
        if (alert != null && KEY_ALERTS.contains(alert)) {
            return new SmtpException(SmtpErrorCode.TLS_HANDSHAKE_FAILED, "the TLS handshake with " + server
                    + " failed: the server refused the pre-shared key of identity '" + identity + "' (alert "
                    + AlertDescription.getName(alert) + "): the key in tls().preSharedKey is not the one the server"
                    + " holds for this identity, or the server knows no such identity.", failure);
        }
        if (alert != null && NOTHING_IN_COMMON_ALERTS.contains(alert)) {
            String suite = settings.getPreSharedKeyCipherSuite();
            return new SmtpException(SmtpErrorCode.TLS_HANDSHAKE_FAILED, "the TLS handshake with " + server
                    + " failed: the server shares no pre-shared-key cipher suite or version with the client (alert "
                    + AlertDescription.getName(alert) + "; offered " + settings.getVersions() + " with "
                    + (suite == null ? "the automatic PSK suites" : suite) + ", tls().preSharedKeyCipherSuite), or"
                    + " it has no pre-shared keys at all.", failure);
        }
        return HandshakeFailures.describe(failure, request, settings, List.of(), null);
    }
}
