package io.github.smtpclient.tls;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.github.smtpclient.Hint;
import io.github.smtpclient.Setting;
import io.github.smtpclient.tls.validation.ValidationLogEntry;
import io.github.smtpclient.tls.validation.ValidationReason;
import io.github.smtpclient.tls.validation.ValidationResult;
import io.github.smtpclient.tls.validation.ValidationStatus;

/** Explains a rejected server certificate: which server, why, and what to do about it. */
final class CertificateRejection {

    private static final Hint TRUST_ADVICE = Hint.of("If the server uses a private CA or a self-signed certificate,"
            + " trust it with {}; otherwise check that you connect to the right server.",
            Setting.TLS_TRUSTED_CERTIFICATES.mention());

    private CertificateRejection() {
    }

    static CertificateRejectedException of(String host, int port, ValidationResult result) {
        return hinted(new CertificateRejectedException(message(host, port, result), result), result);
    }

    /** An unknown or self-signed issuer gets the advice to trust it, in the names the application configures by. */
    private static CertificateRejectedException hinted(CertificateRejectedException rejected, ValidationResult result) {
        if (result.reasons().contains(ValidationReason.UNKNOWN_CA)
                || result.reasons().contains(ValidationReason.SELF_SIGNED)) {
            rejected.withHint(TRUST_ADVICE);
        }
        return rejected;
    }

    private static String message(String host, int port, ValidationResult result) {
        String summary = result.failureSummary();
        return "the TLS certificate of " + host + ":" + port + " was rejected " + result.reasons() + ": "
                + (summary.isEmpty() ? result.status().toString() : summary) + "."
                + advice(host, result.reasons()).stream().map(line -> " " + line).reduce("", String::concat);
    }

    /** The application's SSLContext refused the chain inside the handshake: its trust managers say only why in text. */
    static CertificateRejectedException byApplicationContext(String host, int port, List<X509Certificate> chain,
            Exception failure) {
        ValidationResult result = new ValidationResult(ValidationStatus.INVALID, Set.of(ValidationReason.PKIX_OTHER),
                Set.of(), chain, List.of(new ValidationLogEntry(ValidationLogEntry.Outcome.FAIL, "trust", null,
                        "the application's SSLContext (tls().sslContext) refused the chain: " + failure.getMessage())));
        return hinted(new CertificateRejectedException(message(host, port, result), result, failure), result);
    }

    private static List<String> advice(String host, Set<ValidationReason> reasons) {
        List<String> advice = new ArrayList<>();
        if (reasons.contains(ValidationReason.NAME_MISMATCH)) {
            advice.add("Connect using a name the certificate lists, or have the server's certificate reissued for '"
                    + host + "'.");
        }
        if (reasons.contains(ValidationReason.EXPIRED) || reasons.contains(ValidationReason.NOT_YET_VALID)) {
            advice.add("Renew the server's certificate, and check this machine's clock.");
        }
        if (reasons.contains(ValidationReason.REVOKED)) {
            advice.add("Its CA revoked it: the server's operator must install a new certificate.");
        }
        if (reasons.contains(ValidationReason.REVOCATION_UNKNOWN)) {
            advice.add("Check that the OCSP responder or CRL location is reachable, supply responses with "
                    + "tls().revocation().setKnownOcspResponses/setKnownCrls, or allow soft fail with "
                    + "tls().revocation().setSoftFail(true).");
        }
        if (reasons.contains(ValidationReason.BLOCKED)) {
            advice.add("It is listed in tls().blockedCertificates.");
        }
        if (reasons.contains(ValidationReason.REJECTED_BY_LISTENER)) {
            advice.add("The SmtpListener rejected it in certificateValidate.");
        }
        return advice;
    }
}
