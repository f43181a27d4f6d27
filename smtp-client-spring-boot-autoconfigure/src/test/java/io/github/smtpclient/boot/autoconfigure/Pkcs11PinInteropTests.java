package io.github.smtpclient.boot.autoconfigure;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.smtpclient.interop.HsmTestbed;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's PKCS#11 client key ({@code smtp.client.tls.client-certificate.pkcs11-*}) on the real SoftHSM2 token of
 * {@code scripts/testbed/start-hsm.sh}, through the JDK's SunPKCS11 provider. SunPKCS11 keeps a token's login for the
 * whole JVM (a JVM that logged in once is not asked again), so each PIN is tried in a JVM of its own
 * ({@link Pkcs11LoginMain}, on this test's class path) and its output is read here. Skipped when the token was not
 * made, failed instead under the {@code interop} profile.
 */
// Guards against hangs only; no test asserts a duration.
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Pkcs11PinInteropTests {

    /** Never the token's PIN, and nothing any output would contain by chance. */
    private static final String WRONG_PIN = "Wr0ng-PIN-4719-x";

    private static HsmTestbed hsm;

    @BeforeAll
    static void findTheToken() throws IOException {
        Path envFile = HsmTestbed.configuredEnvFile();
        if (!Files.exists(envFile)) {
            String message = "HSM test bed not running: start it with scripts/testbed/start-hsm.sh (no " + envFile + ")";
            if (Boolean.getBoolean("smtp.testbed.required")) {
                throw new IllegalStateException(message + "; -Dsmtp.testbed.required=true forbids skipping");
            }
            Assumptions.abort(message);
        }
        hsm = HsmTestbed.load(envFile);
    }

    @Test
    void aWrongPinFailsStartUpNamingThePinPropertyAndNeverShowsThePin() throws Exception {
        String output = login(WRONG_PIN);

        assertThat(output).contains("refused: InvalidConfigurationPropertyValueException"
                + " property=smtp.client.tls.client-certificate.pkcs11-password value=******")
                .contains("The token refused the login with this PIN")
                .contains("CKR_PIN_INCORRECT")
                .contains("Set smtp.client.tls.client-certificate.pkcs11-password to the token's user PIN")
                .doesNotContain(WRONG_PIN);
    }

    /** The control: the same JVM set-up with the right PIN opens the key, so the refusal above is the PIN's. */
    @Test
    void theRightPinOpensTheKeyOnTheToken() throws Exception {
        String output = login(hsm.pin());

        assertThat(output).contains("started: ClientCertificate[CN=hsm-client.example.test").contains("EC key");
    }

    /** Runs {@link Pkcs11LoginMain} in a new JVM, the PIN on its standard input, and returns all it printed. */
    private static String login(String pin) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-cp",
                System.getProperty("java.class.path"), Pkcs11LoginMain.class.getName(), hsm.pkcs11Config(),
                hsm.alias())).redirectErrorStream(true);
        // SoftHSM2 finds its tokens only through this variable, so the child works whatever this JVM was given.
        builder.environment().put("SOFTHSM2_CONF", hsm.softHsm2Conf());
        Process process = builder.start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write((pin + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the login JVM ended").isTrue();
        assertThat(process.exitValue()).as("exit status of the login JVM; it printed:%n%s", output).isZero();
        return output;
    }
}
