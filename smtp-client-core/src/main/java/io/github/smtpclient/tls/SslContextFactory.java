package io.github.smtpclient.tls;

import java.security.GeneralSecurityException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;

/**
 * Makes the client SSLContext for one handshake around a trust manager. The one place that picks the JSSE
 * provider and (later) the client's key managers.
 */
final class SslContextFactory {

    private static final String PROTOCOL = "TLS";

    private SslContextFactory() {
    }

    static SSLContext create(X509ExtendedTrustManager trustManager) throws SmtpException {
        try {
            SSLContext context = SSLContext.getInstance(PROTOCOL);
            context.init(null, new TrustManager[] {trustManager}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new SmtpException(SmtpErrorCode.TLS_HANDSHAKE_FAILED,
                    "the JDK offers no usable " + PROTOCOL + " SSLContext: " + e.getMessage(), e);
        }
    }
}
