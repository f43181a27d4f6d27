package io.github.smtpclient.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.CertificateException;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.tls.validation.ValidationLogEntry;
import io.github.smtpclient.tls.validation.ValidationReason;
import io.github.smtpclient.tls.validation.ValidationResult;
import io.github.smtpclient.tls.validation.ValidationStatus;

class CertificateRejectionTests {

    @Test
    void unknownIssuerAdvisesTrustingTheCa() {
        CertificateRejectedException e = CertificateRejection.of("mail.example.test", 465,
                invalid(ValidationReason.UNKNOWN_CA, "its issuer CN=Private CA is neither trusted, known, nor sent"));

        assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.CERTIFICATE_REJECTED);
        assertThat(e.getMessage()).contains("mail.example.test:465", "[UNKNOWN_CA]", "CN=Private CA",
                "tls().setTrustedCertificates");
        assertThat(e.validation().reasons()).containsExactly(ValidationReason.UNKNOWN_CA);
    }

    @Test
    void expiryAdvisesRenewalAndTheClock() {
        CertificateRejectedException e = CertificateRejection.of("mail.example.test", 465,
                invalid(ValidationReason.EXPIRED, "expired at 2020-01-01T00:00:00Z"));

        assertThat(e.getMessage()).contains("expired at 2020", "Renew", "clock");
    }

    @Test
    void hostMismatchAdvisesTheRightName() {
        CertificateRejectedException e = CertificateRejection.of("smtp.example.test", 587,
                invalid(ValidationReason.NAME_MISMATCH, "its subjectAltName lists [mail.example.test]"));

        assertThat(e.getMessage()).contains("[mail.example.test]", "reissued for 'smtp.example.test'");
    }

    @Test
    void revocationProblemsSayWhatToDo() {
        assertThat(CertificateRejection.of("h", 1, invalid(ValidationReason.REVOKED, "revoked")).getMessage())
                .contains("install a new certificate");
        assertThat(CertificateRejection.of("h", 1, invalid(ValidationReason.REVOCATION_UNKNOWN, "unknown")).getMessage())
                .contains("setSoftFail(true)");
    }

    @Test
    void listenerRejectionSaysSo() {
        CertificateRejectedException e = CertificateRejection.of("mail.example.test", 465,
                invalid(ValidationReason.UNKNOWN_CA, "x").withListenerDecision(true).withListenerDecision(false));

        assertThat(e.getMessage()).contains("SmtpListener rejected it");
    }

    @Test
    void anApplicationContextsRefusalKeepsItsDetail() {
        CertificateRejectedException e = CertificateRejection.byApplicationContext("h", 1, List.of(),
                new CertificateException("PKIX path building failed"));

        assertThat(e.getMessage()).contains("application's SSLContext", "PKIX path building failed");
        assertThat(e.getCause()).isInstanceOf(CertificateException.class);
    }

    private static ValidationResult invalid(ValidationReason reason, String message) {
        return new ValidationResult(ValidationStatus.INVALID, Set.of(reason), Set.of(), List.of(),
                List.of(new ValidationLogEntry(ValidationLogEntry.Outcome.FAIL, "check", null, message)));
    }
}
