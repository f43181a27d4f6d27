package io.github.smtpclient.tls.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.junit.jupiter.api.Test;

import io.github.smtpclient.testing.TestPki;
import io.github.smtpclient.tls.validation.CertificateInfo.NameAttribute;

class CertificateInfoTests {

    private static final TestPki.Issued ROOT = TestPki.root("Info Test Root");

    @Test
    void fingerprintsAreSha256ByDefaultAndSha1OnRequest() throws Exception {
        TestPki.Issued leaf = ROOT.issue(TestPki.leaf("mail.example.test", "mail.example.test"));
        CertificateInfo info = CertificateInfo.of(leaf.certificate());
        byte[] der = leaf.certificate().getEncoded();

        assertThat(info.fingerprint()).isEqualTo(colonHex(MessageDigest.getInstance("SHA-256").digest(der)));
        assertThat(info.fingerprint("SHA-1")).isEqualTo(colonHex(MessageDigest.getInstance("SHA-1").digest(der)));
        assertThat(info.fingerprint("SHA-1")).hasSize(20 * 3 - 1);
        assertThat(info.keyFingerprint()).isEqualTo(colonHex(MessageDigest.getInstance("SHA-256")
                .digest(leaf.certificate().getPublicKey().getEncoded())));
        assertThat(info.encoded()).isEqualTo(der);
        assertThat(info.publicKeyBytes()).isEqualTo(leaf.certificate().getPublicKey().getEncoded());
    }

    @Test
    void keyAlgorithmAndBitsForRsaEcAndEdDsa() {
        CertificateInfo rsa = CertificateInfo.of(ROOT.issue(TestPki.leaf("rsa").rsa(3072)).certificate());
        CertificateInfo ec = CertificateInfo.of(ROOT.issue(TestPki.leaf("ec")).certificate());
        CertificateInfo ed = CertificateInfo.of(ROOT.issue(TestPki.leaf("ed").ed25519()).certificate());

        assertThat(rsa.keyAlgorithm()).isEqualTo("RSA");
        assertThat(rsa.keyBits()).hasValue(3072);
        assertThat(ec.keyAlgorithm()).isEqualTo("EC");
        assertThat(ec.keyBits()).hasValue(256);
        assertThat(ed.keyAlgorithm()).isEqualTo("Ed25519");
        assertThat(ed.keyBits()).hasValue(256);
    }

    @Test
    void keyUsageSelfSignedAndCaMarks() {
        CertificateInfo root = CertificateInfo.of(ROOT.certificate());
        CertificateInfo leaf = CertificateInfo.of(ROOT.issue(TestPki.leaf("leaf")
                .keyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement)).certificate());
        CertificateInfo noUsage = CertificateInfo.of(ROOT.issue(TestPki.leaf("free").keyUsage(-1)).certificate());

        assertThat(root.keyUsage()).containsExactlyInAnyOrder(CertificateInfo.KeyUsage.KEY_CERT_SIGN,
                CertificateInfo.KeyUsage.CRL_SIGN);
        assertThat(root.isSelfSigned()).isTrue();
        assertThat(root.isCa()).isTrue();
        assertThat(leaf.keyUsage()).containsExactlyInAnyOrder(CertificateInfo.KeyUsage.DIGITAL_SIGNATURE,
                CertificateInfo.KeyUsage.KEY_AGREEMENT);
        assertThat(leaf.isSelfSigned()).isFalse();
        assertThat(leaf.extendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(noUsage.hasKeyUsage()).isFalse();
        assertThat(noUsage.keyUsage()).isEmpty();
    }

    @Test
    void keyIdentifiersLinkACertificateToItsIssuer() throws Exception {
        CertificateInfo root = CertificateInfo.of(ROOT.certificate());
        CertificateInfo leaf = CertificateInfo.of(ROOT.issue(TestPki.leaf("leaf")).certificate());
        byte[] rootKeyId = new JcaX509ExtensionUtils().createSubjectKeyIdentifier(ROOT.certificate().getPublicKey())
                .getKeyIdentifier();

        assertThat(root.subjectKeyId()).contains(colonHex(rootKeyId));
        assertThat(leaf.caKeyId()).isEqualTo(root.subjectKeyId());
        assertThat(leaf.subjectKeyId()).isPresent().isNotEqualTo(root.subjectKeyId());
        assertThat(CertificateInfo.of(ROOT.issue(TestPki.leaf("x").withoutAuthorityKeyId()).certificate()).caKeyId())
                .isEmpty();
    }

    @Test
    void namesAsCommonNamesAndAsOrderedAttributes() {
        TestPki.Issued issuer = TestPki.selfSigned(TestPki.ca("Issuing CA Inc"));
        CertificateInfo leaf = CertificateInfo.of(issuer.issue(TestPki.leafWithSubject(
                "C=DE,O=Example GmbH,OU=Mail,CN=mail.example.test")).certificate());

        assertThat(leaf.subject()).isEqualTo("mail.example.test");
        assertThat(leaf.issuer()).isEqualTo("Issuing CA Inc");
        assertThat(leaf.subjectRdn()).containsExactly(new NameAttribute("2.5.4.6", "C", "DE"),
                new NameAttribute("2.5.4.10", "O", "Example GmbH"), new NameAttribute("2.5.4.11", "OU", "Mail"),
                new NameAttribute("2.5.4.3", "CN", "mail.example.test"));
        assertThat(leaf.issuerRdn()).containsExactly(new NameAttribute("2.5.4.3", "CN", "Issuing CA Inc"));
    }

    @Test
    void serialSignatureAlgorithmValidityAndNames() {
        Instant from = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        Instant to = from.plus(Duration.ofDays(90));
        CertificateInfo leaf = CertificateInfo.of(ROOT.issue(TestPki.leaf("leaf", "mail.example.test")
                .ipAddresses("192.0.2.25").serial(BigInteger.valueOf(0x1f2e)).validity(from, to)).certificate());

        assertThat(leaf.serialNumber()).isEqualTo(BigInteger.valueOf(0x1f2e));
        assertThat(leaf.serialNumberHex()).isEqualTo("1F:2E");
        assertThat(leaf.signatureAlgorithm()).isEqualTo("SHA256withECDSA");
        assertThat(leaf.validFrom()).isEqualTo(from);
        assertThat(leaf.validTo()).isEqualTo(to);
        assertThat(leaf.dnsNames()).containsExactly("mail.example.test");
        assertThat(leaf.ipAddresses()).containsExactly("192.0.2.25");
    }

    private static String colonHex(byte[] bytes) {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(bytes);
    }
}
