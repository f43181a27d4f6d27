package io.github.smtpclient.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.testing.TestCertificates;

class CertificateRejectionTests {

    private static final TestCertificates CERTIFICATES = TestCertificates.forNames("mail.example.test");
    private final X509Certificate[] chain = {CERTIFICATES.serverCertificate(), CERTIFICATES.caCertificate()};

    @Test
    void unknownIssuerAdvisesTrustingTheCa() {
        SmtpException e = CertificateRejection.invalidChain("mail.example.test", 465, chain,
                pkixFailure(new CertPathBuilderException("unable to find valid certification path")));

        assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.CERTIFICATE_REJECTED);
        assertThat(e.getMessage()).contains("mail.example.test:465", "not issued by a certificate authority",
                "tls().setTrustedCertificates");
        assertThat(e.getCause()).isInstanceOf(CertificateException.class);
    }

    @Test
    void expiredCertificateIsNamedAsSuch() {
        SmtpException e = CertificateRejection.invalidChain("mail.example.test", 465, chain, pkixFailure(
                new CertPathValidatorException("validity check failed", new CertificateExpiredException("NotAfter"),
                        null, -1, CertPathValidatorException.BasicReason.EXPIRED)));

        assertThat(e.getMessage()).contains("has expired", "clock");
    }

    @Test
    void notYetValidCertificateIsNamedAsSuch() {
        SmtpException e = CertificateRejection.invalidChain("mail.example.test", 465, chain,
                pkixFailure(new CertificateNotYetValidException("NotBefore")));

        assertThat(e.getMessage()).contains("not yet valid");
    }

    @Test
    void otherChainProblemsKeepTheValidatorsDetail() {
        SmtpException e = CertificateRejection.invalidChain("mail.example.test", 465, chain,
                new CertificateException("Algorithm constraints check failed"));

        assertThat(e.getMessage()).contains("chain is invalid", "Algorithm constraints check failed");
    }

    @Test
    void hostMismatchListsTheNamesTheCertificateHas() {
        SmtpException e = CertificateRejection.hostMismatch("smtp.example.test", 587, chain,
                new CertificateException("No subject alternative DNS name matching smtp.example.test found."));

        assertThat(e.getMessage()).contains("not valid for the host name 'smtp.example.test'", "mail.example.test",
                "127.0.0.1");
    }

    @Test
    void listenerRejectionSaysSo() {
        SmtpException e = CertificateRejection.byListener("mail.example.test", 465, List.of(chain));

        assertThat(e.getMessage()).contains("SmtpListener rejected it");
        assertThat(e.getCause()).isNull();
    }

    private static CertificateException pkixFailure(Exception cause) {
        return new CertificateException("PKIX validation failed: " + cause.getMessage(), cause);
    }
}
