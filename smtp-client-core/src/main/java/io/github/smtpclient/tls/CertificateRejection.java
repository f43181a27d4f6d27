package io.github.smtpclient.tls;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.github.smtpclient.Hint;
import io.github.smtpclient.Setting;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;

/** Explains a rejected server certificate: which server, why, and what to do about it. */
final class CertificateRejection {

    private static final Hint TRUST_ADVICE = Hint.of("If the server uses a private CA or a self-signed certificate,"
            + " trust it with {}; otherwise check that you connect to the right server.",
            Setting.TLS_TRUSTED_CERTIFICATES.mention());

    private CertificateRejection() {
    }

    static SmtpException byListener(String host, int port, List<X509Certificate> chain) {
        return rejected(host, port, "the SmtpListener rejected it in certificateValidate ("
                + (chain.isEmpty() ? "no certificate" : describe(chain.get(0))) + ").", null);
    }

    static SmtpException byApplicationContext(String host, int port, Exception failure) {
        return rejected(host, port, "the application's SSLContext (tls().sslContext) or the host name check "
                + "refused it. Detail: " + failure.getMessage(), failure);
    }

    static SmtpException hostMismatch(String host, int port, X509Certificate[] chain, CertificateException failure) {
        return rejected(host, port, "it is not valid for the host name '" + host + "': it names "
                + String.join(", ", namesOf(chain[0])) + " (" + failure.getMessage() + "). Connect using one of "
                + "those names, or have the server's certificate reissued for '" + host + "'.", failure);
    }

    static SmtpException invalidChain(String host, int port, X509Certificate[] chain, CertificateException failure) {
        String reason;
        Hint advice = null;
        if (Causes.contain(failure, CertificateExpiredException.class) || hasReason(failure, CertPathValidatorException.BasicReason.EXPIRED)) {
            reason = "a certificate in its chain has expired (" + describeValidity(chain) + "). Renew the server's "
                    + "certificate, and check this machine's clock.";
        } else if (Causes.contain(failure, CertificateNotYetValidException.class)
                || hasReason(failure, CertPathValidatorException.BasicReason.NOT_YET_VALID)) {
            reason = "a certificate in its chain is not yet valid (" + describeValidity(chain) + "). Check this "
                    + "machine's clock.";
        } else if (Causes.contain(failure, CertPathBuilderException.class)) {
            reason = "it is not issued by a certificate authority this client trusts (" + describe(chain[0]) + ").";
            advice = TRUST_ADVICE;
        } else {
            reason = "its certificate chain is invalid (" + describe(chain[0]) + ").";
            advice = TRUST_ADVICE;
        }
        SmtpException rejected = rejected(host, port, reason + " Detail: " + failure.getMessage(), failure);
        return advice == null ? rejected : rejected.withHint(advice);
    }

    private static SmtpException rejected(String host, int port, String reason, Exception cause) {
        return new SmtpException(SmtpErrorCode.CERTIFICATE_REJECTED,
                "the TLS certificate of " + host + ":" + port + " was rejected: " + reason, cause);
    }

    private static boolean hasReason(Throwable failure, CertPathValidatorException.BasicReason reason) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CertPathValidatorException e && e.getReason() == reason) {
                return true;
            }
        }
        return false;
    }

    private static String describe(X509Certificate certificate) {
        return "subject " + certificate.getSubjectX500Principal().getName() + ", issuer "
                + certificate.getIssuerX500Principal().getName();
    }

    private static String describeValidity(X509Certificate[] chain) {
        for (X509Certificate certificate : chain) {
            try {
                certificate.checkValidity();
            } catch (CertificateExpiredException | CertificateNotYetValidException e) {
                return certificate.getSubjectX500Principal().getName() + " is valid from "
                        + certificate.getNotBefore().toInstant() + " to " + certificate.getNotAfter().toInstant();
            }
        }
        return "as judged by the validator's clock";
    }

    /** The DNS names and IP addresses of the certificate's subjectAltName extension (types 2 and 7). */
    private static List<String> namesOf(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternativeNames = certificate.getSubjectAlternativeNames();
            if (alternativeNames != null) {
                for (List<?> name : alternativeNames) {
                    Object type = name.get(0);
                    if (Integer.valueOf(2).equals(type) || Integer.valueOf(7).equals(type)) {
                        names.add(String.valueOf(name.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            names.add("(unreadable subjectAltName: " + e.getMessage() + ")");
        }
        if (names.isEmpty()) {
            names.add("no host names (" + certificate.getSubjectX500Principal().getName() + ")");
        }
        return names;
    }
}
