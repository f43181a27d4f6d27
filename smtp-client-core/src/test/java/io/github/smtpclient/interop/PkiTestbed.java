package io.github.smtpclient.interop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Map;

/**
 * The throwaway PKI started by {@code scripts/testbed/start-pki.sh}, as its {@code pki.env} describes it: a root and an
 * intermediate CA, {@code openssl ocsp} responders, a CRL web server, a Postfix instance serving each leaf on its own
 * implicit-TLS port, and {@code openssl s_server} stapling OCSP responses.
 * <p>
 * The file is looked up at the path in the system property {@value #ENV_FILE_PROPERTY}, else the environment variable
 * {@value #ENV_FILE_VARIABLE}, else {@code pki/pki.env} next to the Postfix test bed's {@code testbed.env} (where CI
 * starts it).
 */
public record PkiTestbed(Path envFile, Map<String, String> settings) {

    public static final String ENV_FILE_PROPERTY = "smtp.pki.env";
    public static final String ENV_FILE_VARIABLE = "SMTP_PKI_ENV";

    public PkiTestbed {
        settings = Map.copyOf(settings);
    }

    /** The {@code pki.env} this run uses. */
    public static Path configuredEnvFile() {
        return EnvFile.configured(ENV_FILE_PROPERTY, ENV_FILE_VARIABLE)
                .orElseGet(() -> PostfixTestbed.configuredEnvFile().resolveSibling("pki").resolve("pki.env"));
    }

    /** Reads {@code envFile}. */
    public static PkiTestbed load(Path envFile) throws IOException {
        return new PkiTestbed(envFile, EnvFile.read(envFile));
    }

    public String host() {
        return setting("SMTP_PKI_HOST");
    }

    public X509Certificate root() {
        return certificate("SMTP_PKI_ROOT_CERT");
    }

    public X509Certificate intermediate() {
        return certificate("SMTP_PKI_INTERMEDIATE_CERT");
    }

    public X509Certificate goodLeaf() {
        return certificate("SMTP_PKI_GOOD_CERT");
    }

    public X509Certificate revokedLeaf() {
        return certificate("SMTP_PKI_REVOKED_CERT");
    }

    /** The intermediate's CRL, as the web server serves it. */
    public X509CRL intermediateCrl() {
        try (InputStream in = Files.newInputStream(Path.of(setting("SMTP_PKI_INT_CRL")))) {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the CRL named in " + envFile, e);
        }
    }

    /** A good OCSP response for the "unreachable" leaf, made by {@code openssl ocsp -respout}. */
    public byte[] goodStaple() {
        try {
            return Files.readAllBytes(Path.of(setting("SMTP_PKI_GOOD_STAPLE")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String ocspUrl() {
        return setting("SMTP_PKI_OCSP_URL");
    }

    public String crlUrl() {
        return setting("SMTP_PKI_CRL_URL");
    }

    public int port(String name) {
        return Integer.parseInt(setting("SMTP_PKI_" + name + "_PORT"));
    }

    private X509Certificate certificate(String key) {
        try (InputStream in = Files.newInputStream(Path.of(setting(key)))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read " + key + " named in " + envFile, e);
        }
    }

    private String setting(String key) {
        String value = settings.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(envFile + " has no " + key + "; restart scripts/testbed/start-pki.sh");
        }
        return value;
    }
}
