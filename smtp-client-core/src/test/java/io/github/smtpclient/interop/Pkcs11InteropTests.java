package io.github.smtpclient.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.smtpclient.SmtpClient;
import io.github.smtpclient.message.MailMessage;
import io.github.smtpclient.tls.ClientCertificate;
import io.github.smtpclient.tls.ExternalSignRequest;
import io.github.smtpclient.tls.ExternalSigner;
import io.github.smtpclient.tls.TlsEngine;
import io.github.smtpclient.tls.TlsMode;

/**
 * A client key generated on a SoftHSM2 token ({@code scripts/testbed/start-hsm.sh}: never extractable, in no file the
 * JVM reads), used through the JDK's SunPKCS11 provider, relaying through the tls2 Postfix that requires a client
 * certificate: on both engines as a key store's key, and on Bouncy Castle as an external signer given digests. The
 * Received header shows Postfix verified the certificate. Skipped when the test bed is not running (or the JVM lacks
 * {@code SOFTHSM2_CONF}), failed instead under the {@code interop} profile.
 */
// Guards against hangs only; no test asserts a duration.
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Pkcs11InteropTests {

    private static final String SEEN_BY_POSTFIX = "(Client CN \"hsm-client.example.test\", Issuer \"smtp-client tls2"
            + " test CA\" (verified OK))";

    private static Tls2Testbed tls2;
    private static ClientCertificate onToken;
    private static KeyStore token;

    @BeforeAll
    static void openTheToken() throws IOException, GeneralSecurityException {
        tls2 = Tls2Testbed.load(present(Tls2Testbed.configuredEnvFile(), "scripts/testbed/start-tls2.sh"));
        HsmTestbed hsm = HsmTestbed.load(present(HsmTestbed.configuredEnvFile(), "scripts/testbed/start-hsm.sh"));
        if (!hsm.softHsm2Conf().equals(System.getenv("SOFTHSM2_CONF"))) {
            skipOrFail("the test JVM needs SOFTHSM2_CONF=" + hsm.softHsm2Conf() + " (SoftHSM2 reads only that"
                    + " variable), has " + System.getenv("SOFTHSM2_CONF"));
        }
        Provider provider = Security.getProvider("SunPKCS11").configure(hsm.pkcs11Config());
        // JSSE and JCA's delayed provider selection find the token's signatures among the installed providers.
        Security.addProvider(provider);
        KeyStore store = KeyStore.getInstance("PKCS11", provider);
        store.load(null, hsm.pin().toCharArray());
        token = store;
        onToken = ClientCertificate.fromKeyStore(store, hsm.alias(), null);
    }

    private static Path present(Path envFile, String script) {
        if (!Files.exists(envFile)) {
            skipOrFail("HSM test bed not running: start it with " + script + " (no " + envFile + ")");
        }
        return envFile;
    }

    private static void skipOrFail(String message) {
        if (Boolean.getBoolean(PostfixTestbedExtension.REQUIRED_PROPERTY)) {
            throw new IllegalStateException(message + "; -D" + PostfixTestbedExtension.REQUIRED_PROPERTY
                    + "=true forbids skipping");
        }
        Assumptions.abort(message);
    }

    @Test
    void theKeyStaysOnTheToken() {
        assertThat(onToken.privateKey().getEncoded()).isNull();
        assertThat(onToken.privateKey().getClass().getName()).contains("P11");
    }

    @Test
    void aMissingAliasIsATypedErrorListingTheTokensKeys() {
        assertThatThrownBy(() -> ClientCertificate.fromKeyStore(token, "nobody", null))
                .isInstanceOf(IOException.class).hasMessageContaining("no private key entry 'nobody'")
                .hasMessageContaining("hsm-client");
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void theTokensKeyRelaysThroughPostfixRequiringAClientCertificate(TlsEngine engine) throws Exception {
        assertThat(sendAndReceive(engine, onToken)).contains(SEEN_BY_POSTFIX);
    }

    @Test
    void anExternalSignerGivenDigestsRelaysOnBouncyCastle() throws Exception {
        PrivateKey key = onToken.privateKey();
        ExternalSigner signer = request -> {
            assertThat(request.input()).isEqualTo(ExternalSignRequest.Input.DIGEST);
            try {
                // CKM_ECDSA on the token: it signs the digest it is given.
                Signature signature = Signature.getInstance("NONEwithECDSA");
                signature.initSign(key);
                signature.update(request.hash());
                return signature.sign();
            } catch (GeneralSecurityException e) {
                throw new IOException(e);
            }
        };
        ClientCertificate external = ClientCertificate.external(onToken.chain(), signer,
                ExternalSignRequest.Input.DIGEST);

        assertThat(sendAndReceive(TlsEngine.BOUNCY_CASTLE, external)).contains(SEEN_BY_POSTFIX);
    }

    private static String sendAndReceive(TlsEngine engine, ClientCertificate certificate) throws Exception {
        String token = "hsm-" + UUID.randomUUID();
        try (SmtpClient client = new SmtpClient()) {
            client.tls().setEngine(engine);
            client.tls().setMode(TlsMode.IMPLICIT);
            client.tls().setTrustedCertificates(List.of(tls2.ca()));
            client.tls().setClientCertificate(certificate);
            client.connect(tls2.host(), tls2.port("REQUIRED"));
            assertThat(client.getConnectionInfo().orElseThrow().tls().orElseThrow().clientAuthenticated()).isTrue();
            client.sendMessage(MailMessage.builder().from("sender@example.test").to(tls2.recipient()).subject(token)
                    .plainText("Signed by a SoftHSM2 key on " + engine + ".\n").build());
            client.disconnect();
        }
        return tls2.awaitDelivery(token, Duration.ofSeconds(20));
    }
}
