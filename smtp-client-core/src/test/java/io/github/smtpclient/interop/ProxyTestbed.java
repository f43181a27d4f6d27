package io.github.smtpclient.interop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The real proxies started by {@code scripts/testbed/start-proxies.sh}, as its {@code proxies.env} describes them:
 * dante (SOCKS 5 with and without username/password) and tinyproxy (HTTP CONNECT with Basic authentication).
 * <p>
 * The file is looked up at the path in the system property {@value #ENV_FILE_PROPERTY}, else the environment variable
 * {@value #ENV_FILE_VARIABLE}, else {@code proxies/proxies.env} next to the Postfix test bed's {@code testbed.env}
 * (where CI starts them).
 */
public record ProxyTestbed(Path envFile, Map<String, String> settings) {

    public static final String ENV_FILE_PROPERTY = "smtp.proxies.env";
    public static final String ENV_FILE_VARIABLE = "SMTP_PROXIES_ENV";

    public ProxyTestbed {
        settings = Map.copyOf(settings);
    }

    /** The {@code proxies.env} this run uses. */
    public static Path configuredEnvFile() {
        return EnvFile.configured(ENV_FILE_PROPERTY, ENV_FILE_VARIABLE)
                .orElseGet(() -> PostfixTestbed.configuredEnvFile().resolveSibling("proxies").resolve("proxies.env"));
    }

    /** Reads {@code envFile}: {@code KEY=VALUE} lines; blank lines and {@code #} comments are ignored. */
    public static ProxyTestbed load(Path envFile) throws IOException {
        return new ProxyTestbed(envFile, EnvFile.read(envFile));
    }

    public String host() {
        return setting("SMTP_PROXY_HOST");
    }

    public int socksAuthPort() {
        return Integer.parseInt(setting("SMTP_PROXY_SOCKS_AUTH_PORT"));
    }

    public int socksOpenPort() {
        return Integer.parseInt(setting("SMTP_PROXY_SOCKS_OPEN_PORT"));
    }

    public String socksUser() {
        return setting("SMTP_PROXY_SOCKS_USER");
    }

    public String socksPassword() {
        return setting("SMTP_PROXY_SOCKS_PASSWORD");
    }

    public int httpPort() {
        return Integer.parseInt(setting("SMTP_PROXY_HTTP_PORT"));
    }

    public String httpUser() {
        return setting("SMTP_PROXY_HTTP_USER");
    }

    public String httpPassword() {
        return setting("SMTP_PROXY_HTTP_PASSWORD");
    }

    /** The only SMTP port the proxies tunnel to; the tests run their in-process server on it. */
    public int targetPort() {
        return Integer.parseInt(setting("SMTP_PROXY_TARGET_PORT"));
    }

    private String setting(String key) {
        String value = settings.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(envFile + " has no " + key + "; restart scripts/testbed/start-proxies.sh");
        }
        return value;
    }
}
