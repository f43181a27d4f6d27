package io.github.smtpclient.tls.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.smtpclient.testing.TestPki;
import io.github.smtpclient.testing.TestRevocationServer;
import io.github.smtpclient.tls.revocation.RevocationCache;
import io.github.smtpclient.tls.revocation.RevocationCheck;
import io.github.smtpclient.tls.revocation.RevocationSettings;

/** Revocation as a step of chain validation: every certificate but the anchor, hard and soft fail. */
class RevocationValidationTests {

    private static final String HOST = "mail.example.test";

    private final TestPki.Issued root = TestPki.root("Revocation Root");
    private final TestRevocationServer rootServer = TestRevocationServer.start(root);
    private final TestPki.Issued intermediate = root.issue(TestPki.ca("Revocation Intermediate")
            .ocspUrl(rootServer.ocspUrl()).crlUrl(rootServer.crlUrl()));
    private final TestRevocationServer intermediateServer = TestRevocationServer.start(intermediate);

    @AfterEach
    void stopServers() {
        rootServer.close();
        intermediateServer.close();
    }

    @Test
    void aRevokedLeafMakesTheChainInvalid() {
        X509Certificate leaf = leaf(intermediateServer.ocspUrl());
        intermediateServer.revoke(leaf);

        ValidationResult result = validate(RevocationCheck.OCSP, false, leaf);

        assertThat(result.reasons()).containsExactly(ValidationReason.REVOKED);
        assertThat(result.failureSummary()).contains("revoked at", "keyCompromise", "OCSP " + intermediateServer.ocspUrl());
    }

    @Test
    void aRevokedIntermediateMakesTheChainInvalid() {
        X509Certificate leaf = leaf(intermediateServer.ocspUrl());
        rootServer.revoke(intermediate.certificate());

        ValidationResult result = validate(RevocationCheck.OCSP_THEN_CRL, false, leaf);

        assertThat(result.reasons()).containsExactly(ValidationReason.REVOKED);
        assertThat(result.log()).filteredOn(entry -> entry.outcome() == ValidationLogEntry.Outcome.FAIL)
                .singleElement().satisfies(entry -> assertThat(entry.certificate()).contains("Revocation Intermediate"));
    }

    @Test
    void everyCertificateButTheAnchorIsCheckedAndLogged() {
        X509Certificate leaf = leaf(intermediateServer.ocspUrl());

        ValidationResult result = validate(RevocationCheck.OCSP, false, leaf);

        assertThat(result.status()).isEqualTo(ValidationStatus.VALID);
        assertThat(result.log()).filteredOn(entry -> entry.check().equals("revocation")
                && entry.outcome() == ValidationLogEntry.Outcome.PASS).hasSize(2);
        assertThat(intermediateServer.ocspRequests()).isEqualTo(1);
        assertThat(rootServer.ocspRequests()).isEqualTo(1);
    }

    @Test
    void anUnknownStatusFailsUnlessSoftFailIsOn() {
        X509Certificate leaf = leaf(intermediateServer.ocspUrl());
        intermediateServer.forget(leaf);

        ValidationResult hard = validate(RevocationCheck.OCSP, false, leaf);
        ValidationResult soft = validate(RevocationCheck.OCSP, true, leaf);

        assertThat(hard.status()).isEqualTo(ValidationStatus.INVALID);
        assertThat(hard.reasons()).containsExactly(ValidationReason.REVOCATION_UNKNOWN);
        assertThat(soft.status()).isEqualTo(ValidationStatus.VALID);
        assertThat(soft.warnings()).containsExactly(ValidationReason.REVOCATION_UNKNOWN);
        assertThat(soft.logText()).contains("WARN revocation", "soft fail");
    }

    @Test
    void anUnreachableResponderIsUnknownStatus() {
        X509Certificate leaf = leaf(TestRevocationServer.unreachableUrl());

        assertThat(validate(RevocationCheck.OCSP, false, leaf).reasons())
                .containsExactly(ValidationReason.REVOCATION_UNKNOWN);
    }

    @Test
    void anAlreadyInvalidChainIsNotCheckedForRevocation() {
        X509Certificate leaf = intermediate.issue(TestPki.leaf("other", "other.example.test")
                .ocspUrl(intermediateServer.ocspUrl())).certificate();

        ValidationResult result = validate(RevocationCheck.OCSP, false, leaf);

        assertThat(result.reasons()).containsExactly(ValidationReason.NAME_MISMATCH);
        assertThat(result.logText()).contains("not checked: the chain is already invalid");
        assertThat(intermediateServer.ocspRequests()).isZero();
    }

    @Test
    void aStapledResponseAnswersForTheLeaf() {
        X509Certificate leaf = leaf(TestRevocationServer.unreachableUrl());
        byte[] staple = intermediateServer.responseFor(leaf);
        RevocationSettings settings = settings(RevocationCheck.OCSP, false);

        ValidationResult result = new ChainValidator(policy(settings)).validate(
                List.of(leaf, intermediate.certificate()), List.of(HOST), List.of(staple));

        assertThat(result.status()).isEqualTo(ValidationStatus.VALID);
        assertThat(result.logText()).contains("according to the stapled OCSP response");
    }

    private X509Certificate leaf(String ocspUrl) {
        return intermediate.issue(TestPki.leaf(HOST, HOST).ocspUrl(ocspUrl)).certificate();
    }

    private ValidationResult validate(RevocationCheck check, boolean softFail, X509Certificate leaf) {
        return new ChainValidator(policy(settings(check, softFail)))
                .validate(List.of(leaf, intermediate.certificate()), List.of(HOST));
    }

    private ValidationPolicy policy(RevocationSettings settings) {
        return ValidationPolicy.builder().anchors(List.of(root.certificate())).revocation(settings)
                .revocationCache(new RevocationCache(10)).build();
    }

    private static RevocationSettings settings(RevocationCheck check, boolean softFail) {
        RevocationSettings settings = new RevocationSettings();
        settings.setCheck(check);
        settings.setSoftFail(softFail);
        return settings;
    }
}
