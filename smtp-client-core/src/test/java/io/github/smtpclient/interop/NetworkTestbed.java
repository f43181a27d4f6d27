package io.github.smtpclient.interop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Map;

/**
 * The network test bed started by {@code scripts/testbed/start-network.sh}, as its {@code network.env} describes it:
 * dnsmasq serving the zone example.test (and slow.example.test through a delaying stub), squid with Digest on HTTP
 * and HTTPS, and squid with NTLM.
 * <p>
 * The file is looked up at the path in the system property {@value #ENV_FILE_PROPERTY}, else the environment variable
 * {@value #ENV_FILE_VARIABLE}, else {@code network/network.env} next to the Postfix test bed's {@code testbed.env}
 * (where CI starts it).
 */
public record NetworkTestbed(Path envFile, Map<String, String> settings) {

    public static final String ENV_FILE_PROPERTY = "smtp.network.env";
    public static final String ENV_FILE_VARIABLE = "SMTP_NETWORK_ENV";

    public NetworkTestbed {
        settings = Map.copyOf(settings);
    }

    /** The {@code network.env} this run uses. */
    public static Path configuredEnvFile() {
        return EnvFile.configured(ENV_FILE_PROPERTY, ENV_FILE_VARIABLE)
                .orElseGet(() -> PostfixTestbed.configuredEnvFile().resolveSibling("network").resolve("network.env"));
    }

    public static NetworkTestbed load(Path envFile) throws IOException {
        return new NetworkTestbed(envFile, EnvFile.read(envFile));
    }

    public String dnsServer() {
        return setting("SMTP_DNS_HOST");
    }

    public int dnsPort() {
        return Integer.parseInt(setting("SMTP_DNS_PORT"));
    }

    /** How long dnsmasq's slow subzone takes to answer. */
    public int slowDelayMillis() {
        return Integer.parseInt(setting("SMTP_DNS_SLOW_DELAY_MS"));
    }

    public String squidHost() {
        return setting("SMTP_SQUID_HOST");
    }

    public int squidDigestPort() {
        return Integer.parseInt(setting("SMTP_SQUID_DIGEST_PORT"));
    }

    public int squidHttpsPort() {
        return Integer.parseInt(setting("SMTP_SQUID_HTTPS_PORT"));
    }

    public int squidNtlmPort() {
        return Integer.parseInt(setting("SMTP_SQUID_NTLM_PORT"));
    }

    public String squidUser() {
        return setting("SMTP_SQUID_USER");
    }

    public String squidPassword() {
        return setting("SMTP_SQUID_PASSWORD");
    }

    /** The CA that signed the certificate of squid's https_port. */
    public X509Certificate squidCa() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of(setting("SMTP_SQUID_CA")))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (CertificateException e) {
            throw new IOException("not a certificate: " + setting("SMTP_SQUID_CA"), e);
        }
    }

    /** The one SMTP port squid tunnels to; the tests run their in-process server on it. */
    public int targetPort() {
        return Integer.parseInt(setting("SMTP_PROXY_TARGET_PORT"));
    }

    private String setting(String key) {
        String value = settings.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(envFile + " has no " + key + "; restart scripts/testbed/start-network.sh");
        }
        return value;
    }
}
