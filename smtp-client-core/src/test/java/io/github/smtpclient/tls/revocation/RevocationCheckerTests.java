package io.github.smtpclient.tls.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;

import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.smtpclient.testing.TestPki;
import io.github.smtpclient.testing.TestRevocationServer;
import io.github.smtpclient.tls.revocation.RevocationAnswer.Status;

/** OCSP and CRL checks against an in-process responder and CRL server. */
class RevocationCheckerTests {

    private final TestPki.Issued ca = TestPki.root("Revocation Test CA");
    private TestRevocationServer server;
    private X509Certificate leaf;

    @BeforeEach
    void startServer() {
        server = TestRevocationServer.start(ca);
        leaf = issue(spec -> spec.ocspUrl(server.ocspUrl()).crlUrl(server.crlUrl()));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void theResponderSaysGoodRevokedOrUnknown() {
        X509Certificate revoked = issue(spec -> spec.ocspUrl(server.ocspUrl()));
        X509Certificate unknown = issue(spec -> spec.ocspUrl(server.ocspUrl()));
        server.revoke(revoked);
        server.forget(unknown);
        RevocationChecker checker = checker(RevocationCheck.OCSP, settings -> { });

        RevocationAnswer good = checker.check(leaf, ca.certificate(), List.of());
        RevocationAnswer bad = checker.check(revoked, ca.certificate(), List.of());
        RevocationAnswer unsure = checker.check(unknown, ca.certificate(), List.of());

        assertThat(good.status()).isEqualTo(Status.GOOD);
        assertThat(good.source()).isEqualTo("OCSP " + server.ocspUrl());
        assertThat(bad.status()).isEqualTo(Status.REVOKED);
        assertThat(bad.reason()).isEqualTo("keyCompromise");
        assertThat(bad.revokedAt()).isBefore(Instant.now());
        assertThat(unsure.status()).isEqualTo(Status.UNKNOWN);
        assertThat(unsure.attempts()).singleElement().asString().contains("does not know this certificate");
    }

    @Test
    void theCrlSaysGoodOrRevoked() {
        X509Certificate revoked = issue(spec -> spec.crlUrl(server.crlUrl()));
        server.revoke(revoked);
        RevocationChecker checker = checker(RevocationCheck.CRL, settings -> { });

        assertThat(checker.check(leaf, ca.certificate(), List.of()).status()).isEqualTo(Status.GOOD);
        RevocationAnswer bad = checker.check(revoked, ca.certificate(), List.of());
        assertThat(bad.status()).isEqualTo(Status.REVOKED);
        assertThat(bad.source()).isEqualTo("cached CRL " + server.crlUrl());
        assertThat(bad.reason()).isEqualTo("keyCompromise");
        assertThat(server.crlRequests()).isEqualTo(1);
        assertThat(server.ocspRequests()).isZero();
    }

    @Test
    void ocspThenCrlFallsBackWhenTheResponderDoesNotKnow() {
        server.forget(leaf);

        RevocationAnswer answer = checker(RevocationCheck.OCSP_THEN_CRL, settings -> { })
                .check(leaf, ca.certificate(), List.of());

        assertThat(answer.status()).isEqualTo(Status.GOOD);
        assertThat(answer.source()).startsWith("CRL ");
        assertThat(answer.attempts()).hasSize(2);
        assertThat(server.ocspRequests()).isEqualTo(1);
        assertThat(server.crlRequests()).isEqualTo(1);
    }

    @Test
    void anUnreachableResponderGivesNoAnswerWithinTheTimeout() {
        X509Certificate unreachable = issue(spec -> spec.ocspUrl(TestRevocationServer.unreachableUrl()));

        RevocationAnswer answer = checker(RevocationCheck.OCSP, settings -> { })
                .check(unreachable, ca.certificate(), List.of());

        assertThat(answer.status()).isEqualTo(Status.UNKNOWN);
        assertThat(answer.attempts()).singleElement().asString().contains("no answer");
    }

    @Test
    void aSlowResponderIsAbandonedAtTheTimeout() {
        server.delay(Duration.ofSeconds(3));

        long started = System.nanoTime();
        RevocationAnswer answer = checker(RevocationCheck.OCSP, settings -> settings.setTimeout(Duration.ofMillis(300)))
                .check(leaf, ca.certificate(), List.of());

        assertThat(answer.status()).isEqualTo(Status.UNKNOWN);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aResponderDrippingItsAnswerIsAbandonedAtTheTimeout() {
        server.drip(Duration.ofMillis(100));

        long started = System.nanoTime();
        RevocationAnswer answer = checker(RevocationCheck.OCSP, settings -> settings.setTimeout(Duration.ofMillis(500)))
                .check(leaf, ca.certificate(), List.of());

        assertThat(answer.status()).isEqualTo(Status.UNKNOWN);
        assertThat(answer.attempts()).singleElement().asString().contains("did not answer within PT0.5S");
        // The answer has hundreds of bytes, so it would take tens of seconds to arrive.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aCertificateWithoutLocationsHasNoSource() {
        X509Certificate bare = issue(spec -> spec);

        RevocationAnswer answer = checker(RevocationCheck.ANY, settings -> { }).check(bare, ca.certificate(), List.of());

        assertThat(answer.status()).isEqualTo(Status.UNKNOWN);
        assertThat(answer.attempts()).singleElement().asString().contains("names no OCSP responder or CRL");
    }

    @Test
    void aStapledResponseIsUsedWithoutAskingTheResponder() {
        server.revoke(leaf);
        byte[] staple = server.responseFor(leaf);

        RevocationAnswer answer = checker(RevocationCheck.OCSP, settings -> { }).check(leaf, ca.certificate(),
                List.of(staple));

        assertThat(answer.status()).isEqualTo(Status.REVOKED);
        assertThat(answer.source()).isEqualTo("stapled OCSP response");
        assertThat(server.ocspRequests()).isZero();
    }

    @Test
    void knownResponsesAndCrlsAnswerOffline() {
        byte[] response = server.responseFor(leaf);
        X509Certificate onlyCrl = issue(spec -> spec.crlUrl(TestRevocationServer.unreachableUrl()));
        server.revoke(onlyCrl);

        RevocationAnswer fromResponse = checker(RevocationCheck.OCSP,
                settings -> settings.setKnownOcspResponses(List.of(response))).check(leaf, ca.certificate(), List.of());
        RevocationAnswer fromCrl = checker(RevocationCheck.CRL, settings -> settings.setKnownCrls(List.of(server.crl())))
                .check(onlyCrl, ca.certificate(), List.of());

        assertThat(fromResponse.status()).isEqualTo(Status.GOOD);
        assertThat(fromResponse.source()).isEqualTo("known OCSP response");
        assertThat(fromCrl.status()).isEqualTo(Status.REVOKED);
        assertThat(fromCrl.source()).isEqualTo("known CRL");
        assertThat(server.ocspRequests() + server.crlRequests()).isZero();
    }

    @Test
    void answersAreCachedUntilTheirNextUpdate() {
        RevocationCache cache = new RevocationCache(10);
        Instant now = Instant.now();
        RevocationChecker checker = checker(RevocationCheck.OCSP, settings -> { }, cache, Clock.fixed(now, ZoneOffset.UTC));

        checker.check(leaf, ca.certificate(), List.of());
        RevocationAnswer second = checker.check(leaf, ca.certificate(), List.of());
        RevocationChecker later = checker(RevocationCheck.OCSP, settings -> { }, cache,
                Clock.fixed(now.plus(Duration.ofHours(2)), ZoneOffset.UTC));

        assertThat(second.source()).as(second.attempts().toString()).isEqualTo("cached OCSP response");
        assertThat(server.ocspRequests()).isEqualTo(1);
        // Past the nextUpdate the cached answer is gone and the responder is asked again.
        assertThat(later.check(leaf, ca.certificate(), List.of()).attempts()).noneMatch(a -> a.startsWith("cached"));
        assertThat(server.ocspRequests()).isEqualTo(2);
    }

    @Test
    void anAnswerWithoutNextUpdateIsNotCached() {
        server.nextUpdate(null);
        RevocationChecker checker = checker(RevocationCheck.CRL, settings -> { }, new RevocationCache(10), Clock.systemUTC());

        checker.check(leaf, ca.certificate(), List.of());
        checker.check(leaf, ca.certificate(), List.of());

        assertThat(server.crlRequests()).isEqualTo(2);
    }

    @Test
    void theCertIdHashIsSha1UnlessChosenOtherwise() {
        checker(RevocationCheck.OCSP, settings -> { }).check(leaf, ca.certificate(), List.of());
        checker(RevocationCheck.OCSP, settings -> settings.setOcspHashAlgorithm(OcspHashAlgorithm.SHA256))
                .check(leaf, ca.certificate(), List.of());

        assertThat(server.requestedHashes()).containsExactly(OIWObjectIdentifiers.idSHA1,
                NISTObjectIdentifiers.id_sha256);
    }

    @Test
    void aResponseSignedByAnotherKeyIsNoAnswer() {
        TestPki.Issued impostor = TestPki.root("Impostor");
        server.delegateTo(impostor);

        RevocationAnswer answer = checker(RevocationCheck.OCSP, settings -> { }).check(leaf, ca.certificate(), List.of());

        assertThat(answer.status()).isEqualTo(Status.UNKNOWN);
        assertThat(answer.attempts()).singleElement().asString().contains("signature does not verify");
    }

    @Test
    void aDelegatedResponderNeedsTheOcspSigningPurpose() {
        server.delegateTo(ca.issue(TestPki.leaf("Delegated Responder").keyUsage(KeyUsage.digitalSignature)
                .extendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning)));
        assertThat(checker(RevocationCheck.OCSP, settings -> { }).check(leaf, ca.certificate(), List.of()).status())
                .isEqualTo(Status.GOOD);

        server.delegateTo(ca.issue(TestPki.leaf("Not A Responder")));
        assertThat(checker(RevocationCheck.OCSP, settings -> { }).check(leaf, ca.certificate(), List.of()).status())
                .isEqualTo(Status.UNKNOWN);
    }

    @Test
    void aReplayedResponseWithAnotherNonceIsNoAnswer() {
        server.echoWrongNonce();

        RevocationAnswer answer = checker(RevocationCheck.OCSP, settings -> { }).check(leaf, ca.certificate(), List.of());

        assertThat(answer.attempts()).singleElement().asString().contains("different nonce");
    }

    @Test
    void anOutOfDateAnswerIsNoAnswer() {
        server.nextUpdate(Duration.ofMinutes(-30));

        RevocationAnswer answer = checker(RevocationCheck.OCSP_THEN_CRL, settings -> { })
                .check(leaf, ca.certificate(), List.of());

        assertThat(answer.status()).isEqualTo(Status.UNKNOWN);
        assertThat(answer.attempts()).allSatisfy(attempt -> assertThat(attempt).contains("out of date"));
    }

    @Test
    void aCrlLargerThanTheLimitIsAbandoned() {
        server.padCrl(2_000);

        RevocationAnswer answer = checker(RevocationCheck.CRL, settings -> settings.setDownloadLimit(4096))
                .check(leaf, ca.certificate(), List.of());

        assertThat(answer.status()).isEqualTo(Status.UNKNOWN);
        assertThat(answer.attempts()).singleElement().asString().contains("limit of 4096");
    }

    @Test
    void settingsRefuseValuesThatCannotWork() {
        RevocationSettings settings = new RevocationSettings();

        assertThatThrownBy(() -> settings.setTimeout(Duration.ZERO)).hasMessageContaining("tls().revocation().timeout");
        assertThatThrownBy(() -> settings.setDownloadLimit(10)).hasMessageContaining("downloadLimit");
        assertThatThrownBy(() -> settings.setKnownOcspResponses(List.of(new byte[] {1, 2, 3})))
                .hasMessageContaining("knownOcspResponses[0]");
        assertThat(settings.getCheck()).isEqualTo(RevocationCheck.NONE);
        assertThat(settings.getOcspHashAlgorithm()).isEqualTo(OcspHashAlgorithm.SHA1);
    }

    private X509Certificate issue(java.util.function.UnaryOperator<TestPki.Spec> spec) {
        return ca.issue(spec.apply(TestPki.leaf("mail.example.test", "mail.example.test"))).certificate();
    }

    private static RevocationChecker checker(RevocationCheck check, Consumer<RevocationSettings> configure) {
        return checker(check, configure, new RevocationCache(100), Clock.systemUTC());
    }

    private static RevocationChecker checker(RevocationCheck check, Consumer<RevocationSettings> configure,
            RevocationCache cache, Clock clock) {
        RevocationSettings settings = new RevocationSettings();
        settings.setCheck(check);
        configure.accept(settings);
        return new RevocationChecker(settings, cache, clock);
    }
}
