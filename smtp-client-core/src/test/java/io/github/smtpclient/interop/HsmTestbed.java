package io.github.smtpclient.interop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The SoftHSM2 token made by {@code scripts/testbed/start-hsm.sh}, as its {@code hsm.env} describes it: the SoftHSM2
 * configuration a JVM must select with {@code SOFTHSM2_CONF}, the SunPKCS11 configuration, the user PIN and the alias
 * of the client key generated on the token.
 * <p>
 * The file is looked up at the path in the system property {@value #ENV_FILE_PROPERTY}, else the environment variable
 * {@value #ENV_FILE_VARIABLE}, else {@code hsm/hsm.env} next to the tls2 test bed's directory (where CI makes it).
 */
public record HsmTestbed(Path envFile, Map<String, String> settings) {

    public static final String ENV_FILE_PROPERTY = "smtp.hsm.env";
    public static final String ENV_FILE_VARIABLE = "SMTP_HSM_ENV";

    public HsmTestbed {
        settings = Map.copyOf(settings);
    }

    /** The {@code hsm.env} this run uses. */
    public static Path configuredEnvFile() {
        return EnvFile.configured(ENV_FILE_PROPERTY, ENV_FILE_VARIABLE)
                .orElseGet(() -> Tls2Testbed.configuredEnvFile().getParent().resolveSibling("hsm").resolve("hsm.env"));
    }

    public static HsmTestbed load(Path envFile) throws IOException {
        return new HsmTestbed(envFile, EnvFile.read(envFile));
    }

    /** The SoftHSM2 configuration; SoftHSM2 reads it only from the {@code SOFTHSM2_CONF} environment variable. */
    public String softHsm2Conf() {
        return setting("SOFTHSM2_CONF");
    }

    public String pkcs11Config() {
        return setting("SMTP_HSM_PKCS11_CONFIG");
    }

    public String pin() {
        return setting("SMTP_HSM_PIN");
    }

    public String alias() {
        return setting("SMTP_HSM_ALIAS");
    }

    private String setting(String key) {
        String value = settings.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(envFile + " has no " + key + "; rerun scripts/testbed/start-hsm.sh");
        }
        return value;
    }
}
