package io.github.smtpclient.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import io.github.smtpclient.Hint;
import io.github.smtpclient.Setting;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.tls.validation.ValidationPolicy;

/**
 * Turns the trust settings into a {@link ValidationPolicy}: the configured trusted certificates, plus the JDK's
 * trust store as anchors ({@code useSystemCertificates} without {@code ignoreSystemTrust}) or only as path material
 * ({@code ignoreSystemTrust}), the known intermediates, the blocked certificates and the tolerances.
 */
final class TrustSources {

    private TrustSources() {
    }

    static ValidationPolicy policy(TlsSettings settings) throws SmtpException {
        List<X509Certificate> anchors = new ArrayList<>(settings.getTrustedCertificates());
        List<X509Certificate> intermediates = new ArrayList<>(settings.getKnownCertificates());
        if (settings.isUseSystemCertificates()) {
            (settings.isIgnoreSystemTrust() ? intermediates : anchors).addAll(SystemStore.CERTIFICATES);
        }
        if (anchors.isEmpty()) {
            throw new SmtpException(SmtpErrorCode.INVALID_ARGUMENT, "no certificate can be trusted: no trusted"
                    + " certificate is configured and the JDK's trust store is "
                    + (settings.isUseSystemCertificates() ? "ignored as a source of trust." : "not used."))
                    .withHint(settings.isUseSystemCertificates()
                            ? Hint.of("Add the server's CA with {}, or trust the JDK's store again with {}.",
                                    Setting.TLS_TRUSTED_CERTIFICATES.mention(), Setting.TLS_IGNORE_SYSTEM_TRUST.to("false"))
                            : Hint.of("Add the server's CA with {}, or use the JDK's store with {}.",
                                    Setting.TLS_TRUSTED_CERTIFICATES.mention(),
                                    Setting.TLS_USE_SYSTEM_CERTIFICATES.to("true")));
        }
        return ValidationPolicy.builder().anchors(anchors).intermediates(intermediates)
                .blocked(settings.getBlockedCertificates()).tolerances(settings.getTolerances())
                .checkIdentity(settings.isVerifyHostname()).revocation(settings.revocation()).build();
    }

    /** The JDK's default trust store (cacerts, or javax.net.ssl.trustStore), read once. */
    private static final class SystemStore {

        static final List<X509Certificate> CERTIFICATES = load();

        private static List<X509Certificate> load() {
            try {
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init((KeyStore) null);
                for (TrustManager manager : factory.getTrustManagers()) {
                    if (manager instanceof X509TrustManager x509) {
                        return List.of(x509.getAcceptedIssuers());
                    }
                }
                return List.of();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK's default trust store cannot be read: " + e.getMessage(), e);
            }
        }
    }
}
