package io.github.smtpclient.interop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The DKIM test bed started by {@code scripts/testbed/start-dkim.sh}, as its {@code dkim.env} describes it: opendkim
 * verifying as a milter behind a Postfix of its own (one port with 8BITMIME and CHUNKING, one without 8BITMIME), the
 * keys to sign with, their public records, and the Maildir the messages reach.
 * <p>
 * The file is looked up at the path in the system property {@value #ENV_FILE_PROPERTY}, else the environment variable
 * {@value #ENV_FILE_VARIABLE}, else {@code dkim/dkim.env} next to the Postfix test bed's {@code testbed.env} (where
 * CI starts it).
 */
record DkimTestbed(Map<String, String> settings) {

    static final String ENV_FILE_PROPERTY = "smtp.dkim.env";
    static final String ENV_FILE_VARIABLE = "SMTP_DKIM_ENV";

    DkimTestbed {
        settings = Map.copyOf(settings);
    }

    static Path configuredEnvFile() {
        return EnvFile.configured(ENV_FILE_PROPERTY, ENV_FILE_VARIABLE)
                .orElseGet(() -> PostfixTestbed.configuredEnvFile().resolveSibling("dkim").resolve("dkim.env"));
    }

    static DkimTestbed load(Path envFile) throws IOException {
        return new DkimTestbed(EnvFile.read(envFile));
    }

    String host() {
        return setting("SMTP_DKIM_HOST");
    }

    /** Postfix offering 8BITMIME and CHUNKING. */
    int port() {
        return Integer.parseInt(setting("SMTP_DKIM_SMTP_PORT"));
    }

    /** Postfix withholding 8BITMIME, so composed messages are downgraded to 7-bit. */
    int sevenBitPort() {
        return Integer.parseInt(setting("SMTP_DKIM_SMTP7_PORT"));
    }

    String domain() {
        return setting("SMTP_DKIM_DOMAIN");
    }

    String recipient() {
        return setting("SMTP_DKIM_RECIPIENT");
    }

    Path maildir() {
        return Path.of(setting("SMTP_DKIM_MAILDIR"));
    }

    String authservId() {
        return setting("SMTP_DKIM_AUTHSERV_ID");
    }

    String rsaSelector() {
        return setting("SMTP_DKIM_RSA_SELECTOR");
    }

    /** PKCS#8 PEM, as openssl genpkey writes it. */
    Path rsaKey() {
        return Path.of(setting("SMTP_DKIM_RSA_KEY"));
    }

    String ed25519Selector() {
        return setting("SMTP_DKIM_ED25519_SELECTOR");
    }

    /** A base64 seed, as dkimpy's dknewkey writes it. */
    Path ed25519Key() {
        return Path.of(setting("SMTP_DKIM_ED25519_KEY"));
    }

    /** opendkim's TestPublicKeys file, which the dkimpy script reads too. */
    Path publicKeys() {
        return Path.of(setting("SMTP_DKIM_PUBLIC_KEYS"));
    }

    /** Debian's python with dkimpy (not a pyenv python on PATH). */
    String python() {
        return setting("SMTP_DKIM_PYTHON");
    }

    private String setting(String key) {
        String value = settings.get(key);
        if (value == null) {
            throw new IllegalStateException("dkim.env lacks " + key + ": restart scripts/testbed/start-dkim.sh");
        }
        return value;
    }
}
