package io.github.smtpclient.tls.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

import io.github.smtpclient.testing.TestPki;

class ChainValidatorTests {

    private static final String HOST = "mail.example.test";
    private static final TestPki.Issued ROOT = TestPki.root("Validator Test Root");
    private static final TestPki.Issued INTERMEDIATE = ROOT.issue(TestPki.ca("Validator Test Intermediate"));
    private static final TestPki.Issued LEAF = INTERMEDIATE.issue(TestPki.leaf(HOST, HOST));

    @Test
    void aCompleteChainToATrustedRootIsValidAndEveryCheckIsLogged() {
        ValidationResult result = validate(policy(), LEAF, INTERMEDIATE);

        assertThat(result.status()).isEqualTo(ValidationStatus.VALID);
        assertThat(result.isValid()).isTrue();
        assertThat(result.reasons()).isEmpty();
        assertThat(result.path()).containsExactly(LEAF.certificate(), INTERMEDIATE.certificate(), ROOT.certificate());
        assertThat(result.log()).extracting(ValidationLogEntry::check)
                .contains("chain", "path", "validity", "key", "signature", "CA", "RFC 5280", "blocked", "identity");
        assertThat(result.log()).noneMatch(entry -> entry.outcome() == ValidationLogEntry.Outcome.FAIL);
        assertThat(result.logText()).contains("PASS identity", "'mail.example.test' matches");
        String leafSubject = LEAF.certificate().getSubjectX500Principal().getName();
        assertThat(result.log()).filteredOn(entry -> entry.check().equals("identity"))
                .singleElement().satisfies(entry -> assertThat(entry.certificate()).isEqualTo(leafSubject));
        assertThat(result.log()).filteredOn(entry -> entry.check().equals("path"))
                .singleElement().satisfies(entry -> assertThat(entry.certificate())
                        .isEqualTo(ROOT.certificate().getSubjectX500Principal().getName()));
    }

    @Test
    void anIncompleteChainFailsAsUnknownCaUnlessTheIntermediateIsKnown() {
        ValidationResult incomplete = validate(policy(), LEAF);
        ValidationResult completed = validate(policy().intermediates(List.of(INTERMEDIATE.certificate())), LEAF);

        assertThat(incomplete.status()).isEqualTo(ValidationStatus.INVALID);
        assertThat(incomplete.reasons()).containsExactly(ValidationReason.UNKNOWN_CA);
        assertThat(incomplete.failureSummary()).contains("Validator Test Intermediate", "setKnownCertificates");
        assertThat(completed.status()).isEqualTo(ValidationStatus.VALID);
        assertThat(completed.path()).containsExactly(LEAF.certificate(), INTERMEDIATE.certificate(), ROOT.certificate());
    }

    @Test
    void theChainMayArriveInAnyOrderWithExtraCertificates() {
        TestPki.Issued stranger = TestPki.root("Unrelated Root");

        ValidationResult result = validate(policy(), LEAF, stranger, ROOT, INTERMEDIATE);

        assertThat(result.status()).isEqualTo(ValidationStatus.VALID);
        assertThat(result.path()).containsExactly(LEAF.certificate(), INTERMEDIATE.certificate(), ROOT.certificate());
    }

    @Test
    void anUntrustedSelfSignedCertificateIsNamedAsSuch() {
        TestPki.Issued selfSigned = TestPki.selfSigned(TestPki.leaf(HOST, HOST));

        ValidationResult result = validate(policy(), selfSigned);

        assertThat(result.reasons()).containsExactly(ValidationReason.SELF_SIGNED);
    }

    @Test
    void aPinnedServerCertificateIsItsOwnTrustAnchor() {
        TestPki.Issued selfSigned = TestPki.selfSigned(TestPki.leaf(HOST, HOST));

        ValidationResult result = validate(ValidationPolicy.builder().anchors(List.of(selfSigned.certificate())),
                selfSigned);

        assertThat(result.status()).isEqualTo(ValidationStatus.VALID);
        assertThat(result.path()).containsExactly(selfSigned.certificate());
    }

    @Test
    void expiredAndNotYetValidCertificatesAreNamed() {
        Instant now = Instant.now();
        TestPki.Issued expired = INTERMEDIATE.issue(TestPki.leaf(HOST, HOST)
                .validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))));
        TestPki.Issued future = INTERMEDIATE.issue(TestPki.leaf(HOST, HOST)
                .validity(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(30))));

        assertThat(validate(policy(), expired, INTERMEDIATE).reasons()).containsExactly(ValidationReason.EXPIRED);
        assertThat(validate(policy(), future, INTERMEDIATE).reasons()).containsExactly(ValidationReason.NOT_YET_VALID);
    }

    @Test
    void anExpiredTrustedRootFailsUnlessThatIsTolerated() {
        Instant now = Instant.now();
        TestPki.Issued oldRoot = TestPki.selfSigned(TestPki.ca("Expired Root")
                .validity(now.minus(Duration.ofDays(3650)), now.minus(Duration.ofDays(1))));
        TestPki.Issued leaf = oldRoot.issue(TestPki.leaf(HOST, HOST));
        ValidationPolicy.Builder trusting = ValidationPolicy.builder().anchors(List.of(oldRoot.certificate()));

        ValidationResult strict = validate(trusting, leaf);
        ValidationResult tolerant = validate(trusting.tolerances(Set.of(ChainTolerance.EXPIRED_TRUSTED_ROOT)), leaf);

        assertThat(strict.reasons()).containsExactly(ValidationReason.EXPIRED);
        assertThat(tolerant.status()).isEqualTo(ValidationStatus.VALID);
        assertThat(tolerant.warnings()).containsExactly(ValidationReason.EXPIRED);
        assertThat(tolerant.logText()).contains("WARN validity", "EXPIRED_TRUSTED_ROOT");
    }

    @Test
    void anIssuerThatIsNotACaIsRefused() {
        TestPki.Issued notCa = ROOT.issue(TestPki.ca("Not A CA").ca(false));
        TestPki.Issued leaf = notCa.issue(TestPki.leaf(HOST, HOST));

        assertThat(validate(policy(), leaf, notCa).reasons()).containsExactly(ValidationReason.NOT_A_CA);
    }

    @Test
    void aCaWithoutKeyCertSignIsRefused() {
        TestPki.Issued noCertSign = ROOT.issue(TestPki.ca("No Cert Sign").keyUsage(KeyUsage.cRLSign));
        TestPki.Issued leaf = noCertSign.issue(TestPki.leaf(HOST, HOST));

        assertThat(validate(policy(), leaf, noCertSign).reasons()).containsExactly(ValidationReason.WRONG_KEY_USAGE);
    }

    @Test
    void aRootWithoutCaMarksFailsUnlessThatIsTolerated() {
        TestPki.Issued oldRoot = TestPki.selfSigned(TestPki.ca("Old Style Root").ca(false).keyUsage(-1));
        TestPki.Issued leaf = oldRoot.issue(TestPki.leaf(HOST, HOST));
        ValidationPolicy.Builder trusting = ValidationPolicy.builder().anchors(List.of(oldRoot.certificate()));

        assertThat(validate(trusting, leaf).reasons()).containsExactly(ValidationReason.NOT_A_CA);
        ValidationResult tolerant = validate(trusting.tolerances(Set.of(ChainTolerance.TRUSTED_ROOT_WITHOUT_CA_FLAGS)), leaf);
        assertThat(tolerant.status()).isEqualTo(ValidationStatus.VALID);
        assertThat(tolerant.warnings()).containsExactly(ValidationReason.NOT_A_CA);
    }

    @Test
    void aLeafForAnotherPurposeFailsUnlessThatIsTolerated() {
        TestPki.Issued clientOnly = INTERMEDIATE.issue(TestPki.leaf(HOST, HOST)
                .extendedKeyUsage(KeyPurposeId.id_kp_clientAuth));

        assertThat(validate(policy(), clientOnly, INTERMEDIATE).reasons()).containsExactly(ValidationReason.WRONG_KEY_USAGE);
        ValidationResult tolerant = validate(policy().tolerances(Set.of(ChainTolerance.LEAF_WITHOUT_SERVER_AUTH)),
                clientOnly, INTERMEDIATE);
        assertThat(tolerant.status()).isEqualTo(ValidationStatus.VALID);
        assertThat(tolerant.logText()).contains("LEAF_WITHOUT_SERVER_AUTH");
    }

    @Test
    void aPathLongerThanAPathLengthConstraintIsRefused() {
        TestPki.Issued constrained = ROOT.issue(TestPki.ca("Constrained").pathLength(0));
        TestPki.Issued below = constrained.issue(TestPki.ca("Below Constrained"));
        TestPki.Issued leaf = below.issue(TestPki.leaf(HOST, HOST));

        assertThat(validate(policy(), leaf, below, constrained).reasons()).containsExactly(ValidationReason.PATH_TOO_LONG);
    }

    @Test
    void weakKeysAndBrokenSignatureAlgorithmsAreRefused() {
        TestPki.Issued rsaRoot = TestPki.selfSigned(TestPki.ca("RSA Root").rsa(2048));
        TestPki.Issued shortKey = rsaRoot.issue(TestPki.leaf(HOST, HOST).rsa(1024));
        TestPki.Issued sha1 = rsaRoot.issue(TestPki.leaf(HOST, HOST).rsa(2048).signatureAlgorithm("SHA1withRSA"));
        ValidationPolicy.Builder trusting = ValidationPolicy.builder().anchors(List.of(rsaRoot.certificate()));

        assertThat(validate(trusting, shortKey).reasons()).contains(ValidationReason.WEAK_KEY);
        assertThat(validate(trusting, sha1).reasons()).containsExactly(ValidationReason.WEAK_ALGORITHM);
    }

    @Test
    void anEd25519LeafIsAccepted() {
        TestPki.Issued leaf = INTERMEDIATE.issue(TestPki.leaf(HOST, HOST).ed25519());

        ValidationResult result = validate(policy(), leaf, INTERMEDIATE);

        assertThat(result.status()).as(result.logText()).isEqualTo(ValidationStatus.VALID);
        assertThat(result.logText()).contains("key of 256 bits");
    }

    @Test
    void anUnknownCriticalExtensionIsRefused() {
        TestPki.Issued leaf = INTERMEDIATE.issue(TestPki.leaf(HOST, HOST)
                .extension(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"), true, TestPki.emptySequence()));

        assertThat(validate(policy(), leaf, INTERMEDIATE).reasons())
                .containsExactly(ValidationReason.UNRECOGNIZED_CRITICAL_EXTENSION);
    }

    @Test
    void aSignatureThatDoesNotVerifyIsNamed() {
        TestPki.Issued impostor = TestPki.selfSigned(TestPki.ca("Validator Test Intermediate"));
        TestPki.Issued forged = impostor.issue(TestPki.leaf(HOST, HOST).withoutAuthorityKeyId());

        assertThat(validate(policy(), forged, INTERMEDIATE).reasons()).containsExactly(ValidationReason.BAD_SIGNATURE);
    }

    @Test
    void aBlockedCertificateIsRefusedInAnOtherwiseValidChain() {
        ValidationResult leafBlocked = validate(policy().blocked(List.of(LEAF.certificate())), LEAF, INTERMEDIATE);
        ValidationResult intermediateBlocked = validate(policy().blocked(List.of(INTERMEDIATE.certificate())),
                LEAF, INTERMEDIATE);

        assertThat(leafBlocked.reasons()).containsExactly(ValidationReason.BLOCKED);
        assertThat(leafBlocked.failureSummary()).contains(Fingerprints.sha256(LEAF.certificate()));
        assertThat(intermediateBlocked.reasons()).containsExactly(ValidationReason.BLOCKED);
    }

    @Test
    void aCertificateWithOnlyACommonNameDoesNotNameTheServer() {
        TestPki.Issued cnOnly = INTERMEDIATE.issue(TestPki.leaf(HOST));

        ValidationResult result = validate(policy(), cnOnly, INTERMEDIATE);

        assertThat(result.reasons()).containsExactly(ValidationReason.NAME_MISMATCH);
        assertThat(result.failureSummary()).contains("no DNS or IP subjectAltName", "RFC 9525");
    }

    @Test
    void theSniNameIsAcceptedBesideTheHost() {
        ValidationResult result = new ChainValidator(policy().build())
                .validate(List.of(LEAF.certificate(), INTERMEDIATE.certificate()), List.of("192.0.2.1", HOST));

        assertThat(result.status()).isEqualTo(ValidationStatus.VALID);
    }

    @Test
    void theIdentityCheckCanBeSwitchedOff() {
        ValidationResult result = new ChainValidator(policy().checkIdentity(false).build())
                .validate(List.of(LEAF.certificate(), INTERMEDIATE.certificate()), List.of("other.example.test"));

        assertThat(result.status()).isEqualTo(ValidationStatus.VALID);
        assertThat(result.logText()).contains("INFO identity");
    }

    @Test
    void everyFailureIsCollectedNotOnlyTheFirst() {
        Instant now = Instant.now();
        TestPki.Issued expiredElsewhere = INTERMEDIATE.issue(TestPki.leaf("other", "other.example.test")
                .validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))));

        ValidationResult result = validate(policy().blocked(List.of(expiredElsewhere.certificate())),
                expiredElsewhere, INTERMEDIATE);

        assertThat(result.reasons()).containsExactlyInAnyOrder(ValidationReason.EXPIRED, ValidationReason.BLOCKED,
                ValidationReason.NAME_MISMATCH);
    }

    @Test
    void anEmptyChainIsMalformed() {
        ValidationResult result = new ChainValidator(policy().build()).validate(List.of(), List.of(HOST));

        assertThat(result.reasons()).containsExactly(ValidationReason.MALFORMED);
    }

    @Test
    void anInternalErrorIsAFailureThatRefusesTheChain() {
        Clock broken = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                throw new IllegalStateException("no time source");
            }
        };

        ValidationResult result = validate(policy().clock(broken), LEAF, INTERMEDIATE);

        assertThat(result.status()).isEqualTo(ValidationStatus.FAILED);
        assertThat(result.status().isAccepted()).isFalse();
        assertThat(result.reasons()).containsExactly(ValidationReason.VALIDATION_ERROR);
        assertThat(result.logText()).contains("FAIL validation", "no time source");
    }

    @Test
    void theListenerCanOverturnTheVerdictEitherWay() {
        ValidationResult invalid = validate(policy(), LEAF);
        ValidationResult valid = validate(policy(), LEAF, INTERMEDIATE);

        assertThat(invalid.withListenerDecision(true).status()).isEqualTo(ValidationStatus.VALID_BY_LISTENER);
        assertThat(invalid.withListenerDecision(true).isValid()).isFalse();
        assertThat(valid.withListenerDecision(false).status()).isEqualTo(ValidationStatus.INVALID);
        assertThat(valid.withListenerDecision(false).reasons()).containsExactly(ValidationReason.REJECTED_BY_LISTENER);
        assertThat(valid.withListenerDecision(true)).isSameAs(valid);
    }

    private static ValidationPolicy.Builder policy() {
        return ValidationPolicy.builder().anchors(List.of(ROOT.certificate()));
    }

    private static ValidationResult validate(ValidationPolicy.Builder policy, TestPki.Issued... chain) {
        List<X509Certificate> certificates = Arrays.stream(chain).map(TestPki.Issued::certificate).toList();
        return new ChainValidator(policy.build()).validate(certificates, List.of(HOST));
    }
}
