package io.github.smtpclient.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The TLS-PSK test bed started by {@code scripts/testbed/start-psk.sh}, as its {@code psk.env} describes it: stunnel4
 * with PSKsecrets in front of the Postfix test bed's plain port, one TLS 1.2 and one TLS 1.3 service.
 * <p>
 * The file is looked up at the path in the system property {@value #ENV_FILE_PROPERTY}, else the environment variable
 * {@value #ENV_FILE_VARIABLE}, else {@code psk/psk.env} next to the Postfix test bed's {@code testbed.env} (where CI
 * starts it).
 */
public record PskTestbed(Path envFile, Map<String, String> settings) {

    public static final String ENV_FILE_PROPERTY = "smtp.psk.env";
    public static final String ENV_FILE_VARIABLE = "SMTP_PSK_ENV";

    public PskTestbed {
        settings = Map.copyOf(settings);
    }

    /** The {@code psk.env} this run uses. */
    public static Path configuredEnvFile() {
        return EnvFile.configured(ENV_FILE_PROPERTY, ENV_FILE_VARIABLE)
                .orElseGet(() -> PostfixTestbed.configuredEnvFile().resolveSibling("psk").resolve("psk.env"));
    }

    public static PskTestbed load(Path envFile) throws IOException {
        return new PskTestbed(envFile, EnvFile.read(envFile));
    }

    public String host() {
        return setting("SMTP_PSK_HOST");
    }

    public String identity() {
        return setting("SMTP_PSK_IDENTITY");
    }

    /** The key in hex, read from the PSKsecrets file ({@code IDENTITY:HEXKEY}). */
    public String hexKey() throws IOException {
        String line = Files.readString(Path.of(setting("SMTP_PSK_KEY_FILE")), StandardCharsets.US_ASCII).strip();
        return line.substring(line.indexOf(':') + 1);
    }

    public int port(String version) {
        return Integer.parseInt(setting("SMTP_PSK_" + version + "_PORT"));
    }

    private String setting(String key) {
        String value = settings.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(envFile + " has no " + key + "; restart scripts/testbed/start-psk.sh");
        }
        return value;
    }
}
