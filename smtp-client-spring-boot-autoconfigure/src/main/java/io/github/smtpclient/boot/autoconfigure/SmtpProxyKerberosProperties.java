package io.github.smtpclient.boot.autoconfigure;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * The {@code smtp.client.proxy.kerberos.*} properties: Kerberos credentials for Negotiate authentication to an HTTP
 * or HTTPS proxy; drives {@code client.proxy().kerberos()}. A principal with a keytab, or with
 * {@code smtp.client.proxy.password}; an application's own logged-in {@code javax.security.auth.Subject} is set
 * through an {@code SmtpClientCustomizer} instead. The JVM finds the realm's KDC in the krb5.conf named by the
 * system property {@code java.security.krb5.conf}, which no property here can set for one client only.
 */
public class SmtpProxyKerberosProperties {

    /** Kerberos principal to log in as for Negotiate, such as 'smtpuser@EXAMPLE.COM'; by default none (no Negotiate). */
    private @Nullable String principal;

    /** Keytab file holding the principal's keys; without one the principal logs in with 'smtp.client.proxy.password'. */
    private @Nullable Path keytab;

    /** Service name of the proxy's host-based principal, '<service-name>@<proxy host>'. */
    private String serviceName = "HTTP";

    /** The proxy's service principal, for a proxy whose principal does not follow its host name, such as 'HTTP/proxy.example.com@EXAMPLE.COM'. */
    private @Nullable String servicePrincipal;

    public @Nullable String getPrincipal() {
        return principal;
    }

    public void setPrincipal(@Nullable String principal) {
        this.principal = principal;
    }

    public @Nullable Path getKeytab() {
        return keytab;
    }

    public void setKeytab(@Nullable Path keytab) {
        this.keytab = keytab;
    }

    public String getServiceName() {
        return serviceName;
    }

    public void setServiceName(String serviceName) {
        this.serviceName = serviceName;
    }

    public @Nullable String getServicePrincipal() {
        return servicePrincipal;
    }

    public void setServicePrincipal(@Nullable String servicePrincipal) {
        this.servicePrincipal = servicePrincipal;
    }
}
