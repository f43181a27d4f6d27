package io.github.smtpclient.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

import io.github.smtpclient.Hint;
import io.github.smtpclient.Setting;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;

/**
 * Builds the JDK's standard PKIX trust manager over the anchors the settings name: the JDK's default trust store,
 * the configured trusted certificates, or both. It checks the chain and, when the socket asks for it through
 * {@code SSLParameters.setEndpointIdentificationAlgorithm}, the host name.
 */
final class PkixTrustManagers {

    private PkixTrustManagers() {
    }

    static X509ExtendedTrustManager create(TlsSettings settings) throws SmtpException {
        if (!settings.isUseSystemTrust() && settings.getTrustedCertificates().isEmpty()) {
            throw new SmtpException(SmtpErrorCode.INVALID_ARGUMENT, "no certificate can be trusted: the system trust"
                    + " store is off and no trusted certificate is configured.").withHint(Hint.of("Add the server's CA"
                            + " with {} or turn the system trust store on with {}.",
                            Setting.TLS_TRUSTED_CERTIFICATES.mention(), Setting.TLS_USE_SYSTEM_TRUST.to("true")));
        }
        try {
            if (settings.getTrustedCertificates().isEmpty()) {
                return fromFactory(null);
            }
            List<X509Certificate> anchors = new ArrayList<>(settings.getTrustedCertificates());
            if (settings.isUseSystemTrust()) {
                anchors.addAll(List.of(fromFactory(null).getAcceptedIssuers()));
            }
            return fromFactory(keyStoreOf(anchors));
        } catch (GeneralSecurityException | IOException e) {
            throw new SmtpException(SmtpErrorCode.TLS_HANDSHAKE_FAILED,
                    "cannot set up certificate validation: " + e.getMessage(), e);
        }
    }

    /** The JDK's PKIX trust manager over {@code anchors}; {@code null} means the JDK's default trust store. */
    private static X509ExtendedTrustManager fromFactory(KeyStore anchors) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(anchors);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager extended) {
                return extended;
            }
        }
        throw new GeneralSecurityException("the TrustManagerFactory '" + factory.getAlgorithm() + "' offers no "
                + X509ExtendedTrustManager.class.getSimpleName() + ", so it cannot verify host names; found "
                + List.of(factory.getTrustManagers()) + " (need an " + X509TrustManager.class.getSimpleName()
                + " that extends X509ExtendedTrustManager)");
    }

    private static KeyStore keyStoreOf(List<X509Certificate> anchors) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        for (int i = 0; i < anchors.size(); i++) {
            store.setCertificateEntry("anchor-" + i, anchors.get(i));
        }
        return store;
    }
}
