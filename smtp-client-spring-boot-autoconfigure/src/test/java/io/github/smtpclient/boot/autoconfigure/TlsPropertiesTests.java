package io.github.smtpclient.boot.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;

import io.github.smtpclient.SmtpClient;
import io.github.smtpclient.boot.client.SmtpClientFactory;
import io.github.smtpclient.testing.InProcessSmtpServer;
import io.github.smtpclient.testing.TestCertificates;
import io.github.smtpclient.testing.TestPki;
import io.github.smtpclient.testing.TestRevocationServer;
import io.github.smtpclient.tls.CertificateRejectedException;
import io.github.smtpclient.tls.ExtendedMasterSecret;
import io.github.smtpclient.tls.PreSharedKey;
import io.github.smtpclient.tls.SecureRenegotiation;
import io.github.smtpclient.tls.TlsBaseConfiguration;
import io.github.smtpclient.tls.TlsEngine;
import io.github.smtpclient.tls.TlsSettings;
import io.github.smtpclient.tls.revocation.OcspHashAlgorithm;
import io.github.smtpclient.tls.revocation.RevocationCheck;
import io.github.smtpclient.tls.revocation.RevocationSettings;
import io.github.smtpclient.tls.validation.ChainTolerance;
import io.github.smtpclient.tls.validation.ValidationReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code smtp.client.tls.*}: every certificate, trust, resumption and revocation setting reaches {@code client.tls()}. */
class TlsPropertiesTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SmtpClientAutoConfiguration.class, SslAutoConfiguration.class));

    @TempDir
    Path temp;

    @Test
    void whenTlsPropertiesAreSetShouldApplyThemToEveryClient() throws Exception {
        TestPki.Issued root = TestPki.root("Properties Root");
        TestPki.Issued intermediate = root.issue(TestPki.ca("Properties Intermediate"));
        TestPki.Issued blocked = intermediate.issue(TestPki.leaf("blocked.example.test", "blocked.example.test"));
        TestPki.Issued leaf = intermediate.issue(TestPki.leaf("mail.example.test", "mail.example.test"));
        byte[] response;
        String crlPem;
        try (TestRevocationServer revocation = TestRevocationServer.start(intermediate)) {
            response = revocation.responseFor(leaf.certificate());
            crlPem = pem("X509 CRL", revocation.crl().getEncoded());
        }
        Path known = write("known.pem", pem(intermediate.certificate()));
        Path blockedPem = write("blocked.pem", pem(blocked.certificate()));
        Path crl = write("int.crl.pem", crlPem);
        Path ocsp = Files.write(temp.resolve("leaf.ocsp.der"), response);

        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test", "smtp.client.tls.engine=jsse",
                "smtp.client.tls.known-certificates=file:" + known, "smtp.client.tls.blocked-certificates=file:" + blockedPem,
                "smtp.client.tls.ignore-system-trust=true",
                "smtp.client.tls.tolerances=expired-trusted-root,leaf-without-server-auth",
                "smtp.client.tls.use-session-resumption=false", "smtp.client.tls.force-resume-if-destination-changes=true",
                "smtp.client.tls.revocation.check=ocsp-then-crl", "smtp.client.tls.revocation.soft-fail=true",
                "smtp.client.tls.revocation.timeout=2s", "smtp.client.tls.revocation.download-limit=64KB",
                "smtp.client.tls.revocation.ocsp-hash-algorithm=sha256",
                "smtp.client.tls.revocation.known-crls=file:" + crl,
                "smtp.client.tls.revocation.known-ocsp-responses=file:" + ocsp).run(context -> {
                    try (SmtpClient client = context.getBean(SmtpClientFactory.class).createClient()) {
                        assertThat(client.tls().getEngine()).isEqualTo(TlsEngine.JSSE);
                        assertThat(client.tls().getKnownCertificates()).containsExactly(intermediate.certificate());
                        assertThat(client.tls().getBlockedCertificates()).containsExactly(blocked.certificate());
                        assertThat(client.tls().isIgnoreSystemTrust()).isTrue();
                        assertThat(client.tls().getTolerances()).containsExactlyInAnyOrder(
                                ChainTolerance.EXPIRED_TRUSTED_ROOT, ChainTolerance.LEAF_WITHOUT_SERVER_AUTH);
                        assertThat(client.tls().isUseSessionResumption()).isFalse();
                        assertThat(client.tls().isForceResumeIfDestinationChanges()).isTrue();
                        RevocationSettings revocation = client.tls().revocation();
                        assertThat(revocation.getCheck()).isEqualTo(RevocationCheck.OCSP_THEN_CRL);
                        assertThat(revocation.isSoftFail()).isTrue();
                        assertThat(revocation.getTimeout()).isEqualTo(Duration.ofSeconds(2));
                        assertThat(revocation.getDownloadLimit()).isEqualTo(64 * 1024);
                        assertThat(revocation.getOcspHashAlgorithm()).isEqualTo(OcspHashAlgorithm.SHA256);
                        assertThat(revocation.getKnownCrls()).singleElement()
                                .satisfies(c -> assertThat(c.getIssuerX500Principal())
                                        .isEqualTo(intermediate.certificate().getSubjectX500Principal()));
                        assertThat(revocation.getKnownOcspResponses()).singleElement().isEqualTo(response);
                    }
                });
    }

    @Test
    void whenNothingIsSetShouldKeepTheSecureDefaults() {
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test").run(context -> {
            try (SmtpClient client = context.getBean(SmtpClientFactory.class).createClient()) {
                assertThat(client.tls().getEngine()).isEqualTo(TlsEngine.BOUNCY_CASTLE);
                assertThat(client.tls().isUseSystemCertificates()).isTrue();
                assertThat(client.tls().isIgnoreSystemTrust()).isFalse();
                assertThat(client.tls().getTolerances()).isEmpty();
                assertThat(client.tls().isUseSessionResumption()).isTrue();
                assertThat(client.tls().revocation().getCheck()).isEqualTo(RevocationCheck.NONE);
                assertThat(client.tls().revocation().isSoftFail()).isFalse();
            }
        });
    }

    @Test
    void whenABlockedCertificateIsConfiguredShouldRefuseTheServerPresentingIt() throws Exception {
        TestCertificates certificates = TestCertificates.forLocalhost();
        Path ca = write("ca.pem", certificates.caPem());
        Path blocked = write("server.pem", pem(certificates.serverCertificate()));
        try (InProcessSmtpServer server = InProcessSmtpServer.start(certificates)) {
            contextRunner.withPropertyValues("smtp.client.host=localhost", "smtp.client.port=" + server.port(),
                    "smtp.client.tls.trusted-certificates=file:" + ca,
                    "smtp.client.tls.blocked-certificates=file:" + blocked).run(context -> {
                        try (SmtpClient client = context.getBean(SmtpClientFactory.class).createClient()) {
                            assertThatThrownBy(() -> client.connect("localhost", server.port()))
                                    .isInstanceOfSatisfying(CertificateRejectedException.class, e -> assertThat(
                                            e.validation().reasons()).containsExactly(ValidationReason.BLOCKED));
                        }
                    });
        }
    }

    @Test
    void whenAKnownFileIsMalformedShouldFailNamingTheProperty() throws Exception {
        Path garbage = write("garbage.bin", "not a CRL, not an OCSP response");
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test",
                "smtp.client.tls.revocation.known-crls=file:" + garbage).run(context -> assertThat(context)
                        .getFailure().rootCause().isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessageContaining("smtp.client.tls.revocation.known-crls[0]"));
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test",
                "smtp.client.tls.revocation.known-ocsp-responses=file:" + garbage).run(context -> assertThat(context)
                        .getFailure().rootCause().isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessageContaining("smtp.client.tls.revocation.known-ocsp-responses[0]"));
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test",
                "smtp.client.tls.known-certificates=file:" + garbage).run(context -> assertThat(context)
                        .getFailure().rootCause().isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessageContaining("smtp.client.tls.known-certificates[0]"));
    }

    @Test
    void whenARevocationValueIsOutOfRangeShouldFailNamingTheProperty() {
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test",
                "smtp.client.tls.revocation.timeout=0s").run(context -> assertThat(context)
                        .getFailure().rootCause().isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessageContaining("smtp.client.tls.revocation.timeout"));
    }

    @Test
    void whenAClientCertificateAndTheTlsKnobsAreSetShouldApplyThem() throws Exception {
        TestPki.Issued ca = TestPki.root("Client CA");
        TestPki.Issued client = ca.issue(TestPki.leaf("client"));
        Path chain = write("client-chain.pem", pem(client.certificate()) + pem(ca.certificate()));
        Path key = write("client.key", pem("PRIVATE KEY", client.keys().getPrivate().getEncoded()));

        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test",
                "smtp.client.tls.client-certificate.certificate-chain=file:" + chain,
                "smtp.client.tls.client-certificate.private-key=file:" + key,
                "smtp.client.tls.check-key-integrity-before-use=false",
                "smtp.client.tls.base-configuration=highly-secure", "smtp.client.tls.named-groups=x25519",
                "smtp.client.tls.extended-master-secret=required", "smtp.client.tls.use-system-random=true")
                .run(context -> {
                    try (SmtpClient smtp = context.getBean(SmtpClientFactory.class).createClient()) {
                        TlsSettings tls = smtp.tls();
                        assertThat(tls.getClientCertificate().chain()).containsExactly(client.certificate(),
                                ca.certificate());
                        assertThat(tls.getClientCertificate().privateKey()).isEqualTo(client.keys().getPrivate());
                        assertThat(tls.isCheckKeyIntegrityBeforeUse()).isFalse();
                        assertThat(tls.getBaseConfiguration()).isEqualTo(TlsBaseConfiguration.HIGHLY_SECURE);
                        assertThat(tls.getVersions()).containsExactly("TLSv1.3");
                        assertThat(tls.getCipherSuites()).isEqualTo(TlsBaseConfiguration.HIGHLY_SECURE.cipherSuites());
                        assertThat(tls.getNamedGroups()).containsExactly("x25519");
                        assertThat(tls.isFiniteFieldDhe()).isFalse();
                        assertThat(tls.getExtendedMasterSecret()).isEqualTo(ExtendedMasterSecret.REQUIRED);
                        assertThat(tls.getSecureRandom()).isNotNull();
                    }
                });
    }

    @Test
    void whenTheRenegotiationAndCloseNotifyPropertiesAreSetShouldApplyThem() {
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test").run(context -> {
            try (SmtpClient smtp = context.getBean(SmtpClientFactory.class).createClient()) {
                assertThat(smtp.tls().getSecureRenegotiation()).isEqualTo(SecureRenegotiation.REQUIRED);
                assertThat(smtp.tls().getCloseNotifyWait()).isZero();
            }
        });
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test",
                "smtp.client.tls.secure-renegotiation=preferred", "smtp.client.tls.close-notify-wait=2s")
                .run(context -> {
                    try (SmtpClient smtp = context.getBean(SmtpClientFactory.class).createClient()) {
                        assertThat(smtp.tls().getSecureRenegotiation()).isEqualTo(SecureRenegotiation.PREFERRED);
                        assertThat(smtp.tls().getCloseNotifyWait()).hasSeconds(2);
                    }
                });
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test",
                "smtp.client.tls.close-notify-wait=-1s").run(context -> assertThat(context)
                        .getFailure().rootCause().isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessageContaining("smtp.client.tls.close-notify-wait"));
    }

    @Test
    void whenThePkcs11ConfigIsMissingOrCombinedWithFilesShouldFailNamingTheProperty() throws Exception {
        Path chain = write("pkcs11-chain.pem", pem(TestPki.root("Token").certificate()));
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test",
                "smtp.client.tls.client-certificate.pkcs11-config=" + chain.resolveSibling("absent.cfg"),
                "smtp.client.tls.client-certificate.pkcs11-password=1234").run(context -> assertThat(context)
                        .getFailure().rootCause().isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessageContaining("smtp.client.tls.client-certificate.pkcs11-config")
                        .hasMessageContaining("No readable SunPKCS11 configuration file"));
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test",
                "smtp.client.tls.client-certificate.pkcs11-config=" + chain,
                "smtp.client.tls.client-certificate.certificate-chain=file:" + chain).run(context -> assertThat(context)
                        .getFailure().rootCause().isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessageContaining("Give either 'pkcs11-config' or files"));
    }

    @Test
    void whenTheClientCertificateIsIncompleteShouldFailNamingTheProperty() throws Exception {
        Path chain = write("only-chain.pem", pem(TestPki.root("Lonely").certificate()));
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test",
                "smtp.client.tls.client-certificate.certificate-chain=file:" + chain).run(context -> assertThat(context)
                        .getFailure().rootCause().isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessageContaining("smtp.client.tls.client-certificate.private-key"));
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test",
                "smtp.client.tls.client-certificate.key-store=file:" + chain,
                "smtp.client.tls.client-certificate.key-store-password=x").run(context -> assertThat(context)
                        .getFailure().rootCause().isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessageContaining("smtp.client.tls.client-certificate.key-store"));
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test",
                "smtp.client.tls.named-groups=brainpool").run(context -> assertThat(context)
                        .getFailure().rootCause().hasMessageContaining("smtp.client.tls.named-groups"));
    }

    @Test
    void whenThePskPropertiesAreSetShouldApplyTheKeyAndSuiteAndNeverShowTheKey() {
        String hex = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test", "smtp.client.tls.engine=bouncy-castle",
                "smtp.client.tls.psk.identity=client-1", "smtp.client.tls.psk.key=" + hex,
                "smtp.client.tls.psk.cipher-suite=TLS_PSK_WITH_AES_128_GCM_SHA256").run(context -> {
                    try (SmtpClient client = context.getBean(SmtpClientFactory.class).createClient()) {
                        assertThat(client.tls().getPreSharedKey())
                                .isEqualTo(PreSharedKey.ofHex("client-1", hex));
                        assertThat(client.tls().getPreSharedKey().toString()).doesNotContain(hex.substring(0, 8));
                        assertThat(client.tls().getPreSharedKeyCipherSuite())
                                .isEqualTo("TLS_PSK_WITH_AES_128_GCM_SHA256");
                    }
                });
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test").run(context -> {
            try (SmtpClient client = context.getBean(SmtpClientFactory.class).createClient()) {
                assertThat(client.tls().getPreSharedKey()).isNull();
            }
        });
    }

    @Test
    void whenThePskIsIncompleteOrNotHexShouldFailNamingThePropertyWithoutTheKey() {
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test", "smtp.client.tls.psk.key=00ff")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessageContaining("smtp.client.tls.psk.identity"));
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test", "smtp.client.tls.psk.identity=c",
                "smtp.client.tls.psk.key=secret-not-hex!").run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessageContaining("smtp.client.tls.psk.key").hasMessageNotContaining("secret-not-hex"));
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test",
                "smtp.client.tls.psk.cipher-suite=TLS_RSA_WITH_AES_128_GCM_SHA256").run(context -> assertThat(context)
                        .getFailure().rootCause().hasMessageContaining("smtp.client.tls.psk.cipher-suite"));
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(temp.resolve(name), content, StandardCharsets.US_ASCII);
    }

    private static String pem(X509Certificate certificate) throws Exception {
        return pem("CERTIFICATE", certificate.getEncoded());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
