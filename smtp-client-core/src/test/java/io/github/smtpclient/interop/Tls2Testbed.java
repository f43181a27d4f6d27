package io.github.smtpclient.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * The client-certificate test bed started by {@code scripts/testbed/start-tls2.sh}, as its {@code tls2.env} describes
 * it: a Postfix that requires (or asks for) a client certificate and admits a recipient only for the fingerprint it
 * lists, and the certificates and keys of a listed and an unlisted client.
 * <p>
 * The file is looked up at the path in the system property {@value #ENV_FILE_PROPERTY}, else the environment variable
 * {@value #ENV_FILE_VARIABLE}, else {@code tls2/tls2.env} next to the Postfix test bed's {@code testbed.env} (where CI
 * starts it).
 */
public record Tls2Testbed(Path envFile, Map<String, String> settings) {

    public static final String ENV_FILE_PROPERTY = "smtp.tls2.env";
    public static final String ENV_FILE_VARIABLE = "SMTP_TLS2_ENV";

    public Tls2Testbed {
        settings = Map.copyOf(settings);
    }

    /** The {@code tls2.env} this run uses. */
    public static Path configuredEnvFile() {
        return EnvFile.configured(ENV_FILE_PROPERTY, ENV_FILE_VARIABLE)
                .orElseGet(() -> PostfixTestbed.configuredEnvFile().resolveSibling("tls2").resolve("tls2.env"));
    }

    public static Tls2Testbed load(Path envFile) throws IOException {
        return new Tls2Testbed(envFile, EnvFile.read(envFile));
    }

    /**
     * The test bed of this run, for a test class's {@code @BeforeAll}: without it the class is skipped, or fails when
     * {@code -Dsmtp.testbed.required=true} forbids skipping.
     */
    public static Tls2Testbed loadOrSkip() throws IOException {
        Path envFile = configuredEnvFile();
        if (!Files.exists(envFile)) {
            String message = "client-certificate test bed not running: start it with scripts/testbed/start-tls2.sh"
                    + " (no " + envFile + ")";
            if (Boolean.getBoolean(PostfixTestbedExtension.REQUIRED_PROPERTY)) {
                throw new IllegalStateException(message + "; -D" + PostfixTestbedExtension.REQUIRED_PROPERTY
                        + "=true forbids skipping");
            }
            Assumptions.abort(message);
        }
        return load(envFile);
    }

    public String host() {
        return setting("SMTP_TLS2_HOST");
    }

    public X509Certificate ca() {
        try (InputStream in = Files.newInputStream(path("SMTP_TLS2_CA_CERT"))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the CA named in " + envFile, e);
        }
    }

    public Path path(String key) {
        return Path.of(setting(key));
    }

    public String recipient() {
        return setting("SMTP_TLS2_RECIPIENT");
    }

    public String p12Password() {
        return setting("SMTP_TLS2_P12_PASSWORD");
    }

    public int port(String name) {
        return Integer.parseInt(setting("SMTP_TLS2_" + name + "_PORT"));
    }

    /** Waits for the delivered message that contains {@code token} and returns its text. */
    public String awaitDelivery(String token, Duration timeout) throws InterruptedException {
        Path newDir = path("SMTP_TLS2_MAILDIR").resolve("new");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            for (Path file : list(newDir)) {
                String text = read(file);
                if (text.contains(token)) {
                    return text;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no message containing " + token + " arrived in " + newDir + " within " + timeout
                + "; see " + setting("SMTP_TLS2_POSTFIX_LOG"));
    }

    private static List<Path> list(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String setting(String key) {
        String value = settings.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(envFile + " has no " + key + "; restart scripts/testbed/start-tls2.sh");
        }
        return value;
    }
}
