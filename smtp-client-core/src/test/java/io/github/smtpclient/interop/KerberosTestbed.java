package io.github.smtpclient.interop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The Kerberos test bed started by {@code scripts/testbed/start-kerberos.sh}, as its {@code kerberos.env} describes
 * it: an MIT KDC for the realm SMTP.TEST with a client principal (password and keytab), and squid accepting only
 * Negotiate, tunnelling to the Postfix test bed.
 * <p>
 * The file is looked up at the path in the system property {@value #ENV_FILE_PROPERTY}, else the environment variable
 * {@value #ENV_FILE_VARIABLE}, else {@code kerberos/kerberos.env} next to the Postfix test bed's {@code testbed.env}
 * (where CI starts it).
 */
public record KerberosTestbed(Path envFile, Map<String, String> settings) {

    public static final String ENV_FILE_PROPERTY = "smtp.kerberos.env";
    public static final String ENV_FILE_VARIABLE = "SMTP_KERBEROS_ENV";

    public KerberosTestbed {
        settings = Map.copyOf(settings);
    }

    /** The {@code kerberos.env} this run uses. */
    public static Path configuredEnvFile() {
        return EnvFile.configured(ENV_FILE_PROPERTY, ENV_FILE_VARIABLE)
                .orElseGet(() -> PostfixTestbed.configuredEnvFile().resolveSibling("kerberos")
                        .resolve("kerberos.env"));
    }

    public static KerberosTestbed load(Path envFile) throws IOException {
        return new KerberosTestbed(envFile, EnvFile.read(envFile));
    }

    /** The krb5.conf naming the realm's KDC, for the system property {@code java.security.krb5.conf}. */
    public Path krb5Conf() {
        return Path.of(setting("SMTP_KRB5_CONF"));
    }

    public String realm() {
        return setting("SMTP_KRB5_REALM");
    }

    /** A realm whose KDC port has no listener. */
    public String unreachableRealm() {
        return setting("SMTP_KRB5_UNREACHABLE_REALM");
    }

    /** A service principal the KDC knows but squid has no key for. */
    public String unkeyedService() {
        return setting("SMTP_KRB5_UNKEYED_SERVICE");
    }

    /** The client principal, with its realm. */
    public String client() {
        return setting("SMTP_KRB5_CLIENT");
    }

    public String clientPassword() {
        return setting("SMTP_KRB5_CLIENT_PASSWORD");
    }

    public Path clientKeytab() {
        return Path.of(setting("SMTP_KRB5_CLIENT_KEYTAB"));
    }

    public String squidHost() {
        return setting("SMTP_SQUID_HOST");
    }

    public int squidNegotiatePort() {
        return Integer.parseInt(setting("SMTP_SQUID_NEGOTIATE_PORT"));
    }

    /** The KDC's log: one {@code AS_REQ ... ISSUE} line per ticket-granting ticket it issued. */
    public Path kdcLog() {
        return Path.of(setting("SMTP_KDC_LOG"));
    }

    public Path squidAccessLog() {
        return Path.of(setting("SMTP_SQUID_NEGOTIATE_ACCESS_LOG"));
    }

    private String setting(String key) {
        String value = settings.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(envFile + " has no " + key + "; restart scripts/testbed/start-kerberos.sh");
        }
        return value;
    }
}
