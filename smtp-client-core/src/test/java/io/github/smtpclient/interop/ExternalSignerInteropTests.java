package io.github.smtpclient.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.smtpclient.SmtpClient;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.message.MailMessage;
import io.github.smtpclient.tls.ClientCertificate;
import io.github.smtpclient.tls.ExternalSignOptions;
import io.github.smtpclient.tls.ExternalSignRequest;
import io.github.smtpclient.tls.ExternalSigner;
import io.github.smtpclient.tls.TlsEngine;
import io.github.smtpclient.tls.TlsMode;

/**
 * An external signer restricted to some hashes ({@link ExternalSignOptions#withHashAlgorithms}) against the real
 * Postfix of {@code scripts/testbed/start-tls2.sh} that requires a client certificate: the signer holds the listed
 * client's P-256 key and signs the digests it is given. Skipped when the test bed is not running, failed instead under
 * the {@code interop} profile.
 */
// Guards against hangs only; no test asserts a duration.
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExternalSignerInteropTests {

    private static final String SEEN_BY_POSTFIX = "(Client CN \"tls2-client.example.test\", Issuer \"smtp-client tls2"
            + " test CA\" (verified OK))";

    private static Tls2Testbed testbed;
    private static ClientCertificate listed;

    private final List<ExternalSignRequest> requests = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void findTheTestbed() throws IOException {
        testbed = Tls2Testbed.loadOrSkip();
        listed = ClientCertificate.fromPem(testbed.path("SMTP_TLS2_CLIENT_CHAIN"), testbed.path("SMTP_TLS2_CLIENT_KEY"));
    }

    /** TLS 1.2 lets a P-256 key sign with any hash; Postfix offers SHA-256 first, the signer is asked for SHA-384. */
    @Test
    void inTls12TheSignerIsAskedOnlyForTheAllowedHashAndPostfixVerifiesTheSignature() throws Exception {
        String token = "restricted-" + UUID.randomUUID();
        try (SmtpClient client = client("TLSv1.2", Set.of("SHA-384"))) {
            client.connect(testbed.host(), testbed.port("REQUIRED"));
            assertThat(client.getConnectionInfo().orElseThrow().tls().orElseThrow().clientAuthenticated()).isTrue();
            client.sendMessage(MailMessage.builder().from("sender@example.test").to(testbed.recipient()).subject(token)
                    .plainText("Signed with SHA-384 only.\n").build());
            client.disconnect();
        }

        assertThat(testbed.awaitDelivery(token, Duration.ofSeconds(20))).contains(SEEN_BY_POSTFIX);
        // The key integrity probe, then the handshake's CertificateVerify.
        assertThat(requests).hasSize(2).allSatisfy(request -> assertThat(request.hashAlgorithm()).isEqualTo("SHA-384"));
        assertThat(requests.get(1).signatureScheme()).isEqualTo("ecdsa_secp384r1_sha384");
    }

    /** TLS 1.3 binds a P-256 key to SHA-256, so Postfix accepts nothing the restriction allows. */
    @Test
    void inTls13ARestrictionThePostfixSchemesMissFailsTheHandshakeNamingIt() {
        try (SmtpClient client = client("TLSv1.3", Set.of("SHA-384"))) {
            assertThatThrownBy(() -> client.connect(testbed.host(), testbed.port("REQUIRED")))
                    .isInstanceOfSatisfying(SmtpException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.TLS_HANDSHAKE_FAILED);
                        assertThat(e.getMessage()).contains("only with [SHA-256]")
                                .contains("ExternalSignOptions.hashAlgorithms allows only [SHA-384]")
                                .contains("client.tls().setClientCertificate(...)");
                    });
        }
        // Only the key integrity probe, with the allowed hash.
        assertThat(requests).singleElement()
                .satisfies(probe -> assertThat(probe.hashAlgorithm()).isEqualTo("SHA-384"));
    }

    private SmtpClient client(String version, Set<String> hashes) {
        SmtpClient client = new SmtpClient();
        client.tls().setEngine(TlsEngine.BOUNCY_CASTLE);
        client.tls().setMode(TlsMode.IMPLICIT);
        client.tls().setVersions(List.of(version));
        client.tls().setTrustedCertificates(List.of(testbed.ca()));
        client.tls().setClientCertificate(ClientCertificate.external(listed.chain(), signer(listed.privateKey()),
                ExternalSignRequest.Input.DIGEST, ExternalSignOptions.none().withHashAlgorithms(hashes)));
        return client;
    }

    /** Signs the digest it is given, as a KMS holding the key would, and records what it was asked. */
    private ExternalSigner signer(PrivateKey key) {
        return request -> {
            requests.add(request);
            try {
                Signature signature = Signature.getInstance("NONEwithECDSA");
                signature.initSign(key);
                signature.update(request.hash());
                return signature.sign();
            } catch (GeneralSecurityException e) {
                throw new IOException(e);
            }
        };
    }
}
