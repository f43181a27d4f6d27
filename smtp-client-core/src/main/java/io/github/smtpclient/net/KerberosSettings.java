package io.github.smtpclient.net;

import java.nio.file.Path;

import javax.security.auth.Subject;

/**
 * The Kerberos credentials for {@link ProxyAuthentication#NEGOTIATE Negotiate} (SPNEGO, RFC 4559) authentication to
 * an HTTP or HTTPS proxy, reached as {@code client.proxy().kerberos()}. Three ways to supply them, the first that is
 * set wins:
 * <ol>
 * <li>a {@link #setSubject(Subject) Subject} the application logged in itself (its own JAAS login), holding a
 * Kerberos ticket-granting ticket or keys;</li>
 * <li>a {@link #setPrincipal(String) principal} and a {@link #setKeytab(Path) keytab};</li>
 * <li>a principal and {@link ProxySettings#setPassword(String) proxy().password}.</li>
 * </ol>
 * For the last two the client logs in with the JDK's {@code Krb5LoginModule}, configured in code (no JAAS
 * configuration file is read or needed), and reuses that login on later connections while its ticket-granting
 * ticket is valid.
 *
 * <p>The proxy's service principal is {@code HTTP@<proxy host>} (host-based, the realm from krb5.conf), or
 * {@link #setServicePrincipal(String)} when the proxy's principal is named differently.
 *
 * <p>The JDK reads the Kerberos configuration (realms, KDCs) once per JVM, from the file named by the system
 * property {@code java.security.krb5.conf} (default {@code /etc/krb5.conf} on Linux), or from the system properties
 * {@code java.security.krb5.realm} and {@code java.security.krb5.kdc}. That is JVM-wide state: set it before the
 * first Kerberos use (at start-up, {@code -Djava.security.krb5.conf=...}); no per-client setting can change it
 * without changing it for everything else in the JVM. Without {@code dns_canonicalize_hostname = false} in that
 * file, the JDK turns the proxy's host name into its canonical name by DNS before it asks for the ticket.
 *
 * <p>Mutable and not thread-safe, like the {@link ProxySettings} that holds it; {@link #toString()} names the
 * principal and keytab, never a key.
 */
public final class KerberosSettings {

    private String principal;
    private Path keytab;
    private Subject subject;
    private String serviceName = "HTTP";
    private String servicePrincipal;
    private SpnegoContext.Factory contexts = JdkSpnegoContext::open;
    private KerberosLogins logins = new KerberosLogins();

    /** Creates settings with no Kerberos credentials: Negotiate is then not used. */
    public KerberosSettings() {
    }

    /** The client principal to log in as, such as {@code smtpuser@EXAMPLE.COM}, or {@code null} for none. */
    public String getPrincipal() {
        return principal;
    }

    /**
     * Sets the client principal to log in as, such as {@code smtpuser@EXAMPLE.COM} (without a realm, krb5.conf's
     * {@code default_realm} applies), with the {@link #setKeytab keytab} or, when none is set, with
     * {@code proxy().password}; {@code null} or blank clears it.
     *
     * @throws IllegalArgumentException if it contains spaces or control characters
     */
    public void setPrincipal(String principal) {
        this.principal = name(principal, "proxy().kerberos().principal");
        this.logins = new KerberosLogins();
    }

    /** The keytab file holding the principal's keys, or {@code null} to log in with {@code proxy().password}. */
    public Path getKeytab() {
        return keytab;
    }

    /** Sets the keytab file holding the principal's keys; {@code null} logs in with the password instead. */
    public void setKeytab(Path keytab) {
        this.keytab = keytab;
        this.logins = new KerberosLogins();
    }

    /** The application's own logged-in Subject, or {@code null}. */
    public Subject getSubject() {
        return subject;
    }

    /**
     * Sets a Subject the application logged in itself (for example with its own JAAS {@code LoginContext}); it must
     * hold the Kerberos credentials (a ticket-granting ticket, keys or a keytab). When set it is used instead of the
     * principal, keytab and password. Shared, not copied: the client only reads it.
     */
    public void setSubject(Subject subject) {
        this.subject = subject;
    }

    /** The service name of the proxy's host-based principal; {@code HTTP} (RFC 4559) by default. */
    public String getServiceName() {
        return serviceName;
    }

    /**
     * Sets the service name of the proxy's host-based principal ({@code <service>@<proxy host>}).
     *
     * @throws IllegalArgumentException if it is null, blank, or contains {@code @}, {@code /}, spaces or control
     *                                  characters
     */
    public void setServiceName(String serviceName) {
        String checked = name(serviceName, "proxy().kerberos().serviceName");
        if (checked == null || checked.indexOf('@') >= 0 || checked.indexOf('/') >= 0) {
            throw new IllegalArgumentException("proxy().kerberos().serviceName must be a plain service name such as"
                    + " HTTP (no '@' or '/'); use servicePrincipal for a full principal name");
        }
        this.serviceName = checked;
    }

    /**
     * The proxy's service principal as set, such as {@code HTTP/proxy.example.com@EXAMPLE.COM}, or {@code null} for
     * {@code <serviceName>@<proxy host>}.
     */
    public String getServicePrincipal() {
        return servicePrincipal;
    }

    /**
     * Sets the proxy's service principal, for a proxy whose principal does not follow its host name: a Kerberos
     * principal name ({@code HTTP/proxy.example.com@EXAMPLE.COM}, the realm optional) or a host-based name
     * ({@code HTTP@proxy.example.com}); {@code null} or blank returns to {@code <serviceName>@<proxy host>}.
     *
     * @throws IllegalArgumentException if it contains spaces or control characters
     */
    public void setServicePrincipal(String servicePrincipal) {
        this.servicePrincipal = name(servicePrincipal, "proxy().kerberos().servicePrincipal");
    }

    /** Whether any credentials are set: a Subject, or a principal (with a keytab or the proxy password). */
    public boolean isConfigured() {
        return subject != null || principal != null;
    }

    /** The proxy's service principal to ask a ticket for. */
    String serviceFor(String proxyHost) {
        return servicePrincipal != null ? servicePrincipal : serviceName + "@" + proxyHost;
    }

    /** The logins shared with this settings' copies; replaced when the principal or keytab changes. */
    KerberosLogins logins() {
        return logins;
    }

    SpnegoContext.Factory contexts() {
        return contexts;
    }

    /** Replaces the GSS-API behind Negotiate; for tests that script the proxy's side. */
    void setContexts(SpnegoContext.Factory contexts) {
        this.contexts = contexts;
    }

    /** An independent copy; the Subject is shared. */
    public KerberosSettings copy() {
        KerberosSettings copy = new KerberosSettings();
        copy.principal = principal;
        copy.keytab = keytab;
        copy.subject = subject;
        copy.serviceName = serviceName;
        copy.servicePrincipal = servicePrincipal;
        copy.contexts = contexts;
        copy.logins = logins;
        return copy;
    }

    private static String name(String value, String setting) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String stripped = value.strip();
        if (stripped.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new IllegalArgumentException(setting + " must not contain spaces or control characters");
        }
        return stripped;
    }

    /** Names the principal, keytab and service; says only whether a Subject is set. */
    @Override
    public String toString() {
        return "KerberosSettings[principal=" + principal + ", keytab=" + keytab + ", subject="
                + (subject == null ? "none" : "set") + ", service="
                + (servicePrincipal != null ? servicePrincipal : serviceName + "@<proxy host>") + "]";
    }
}
