package io.github.smtpclient.boot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.smtpclient.net.IpVersion;
import io.github.smtpclient.net.ProxyAuthentication;
import io.github.smtpclient.net.ProxyType;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * The {@code smtp.client.proxy.*} properties: the proxy connections go through; drives {@code client.proxy()}.
 * SOCKS 5 username/password and HTTP Basic send the proxy credentials in clear text by design; Digest, NTLM and
 * Negotiate (Kerberos, {@code smtp.client.proxy.kerberos.*}) do not, and an HTTPS proxy encrypts the way to it.
 */
public class SmtpProxyProperties {

    /** Proxy type: NONE (direct connection), SOCKS4, SOCKS4A, SOCKS5, HTTP (CONNECT) or HTTPS (CONNECT over TLS to the proxy). */
    private ProxyType type = ProxyType.NONE;

    /** Host name or IP address of the proxy. */
    private @Nullable String host;

    /** Port of the proxy, 0 for the type's default (1080 for SOCKS, 8080 for HTTP, 443 for HTTPS). */
    private int port;

    /** User name for the proxy (SOCKS 5 username/password, HTTP authentication, SOCKS 4 user ID), for NTLM with the domain before a backslash; by default none. */
    private @Nullable String username;

    /** Password for the proxy. */
    private @Nullable String password;

    /** HTTP proxy authentication: AUTO (the strongest the proxy offers: Negotiate when Kerberos credentials are set, then Digest, NTLM, Basic), BASIC, DIGEST, NTLM or NEGOTIATE. */
    private ProxyAuthentication authentication = ProxyAuthentication.AUTO;

    /** IP versions to connect to the proxy over: IPV4_ONLY, IPV6_ONLY, or BOTH_IPV6_FIRST. */
    private IpVersion ipVersion = IpVersion.BOTH_IPV6_FIRST;

    /** Extra headers sent with each HTTP CONNECT request, such as a User-Agent. */
    private Map<String, String> requestHeaders = new LinkedHashMap<>();

    @NestedConfigurationProperty
    private final SmtpProxyTlsProperties tls = new SmtpProxyTlsProperties();

    @NestedConfigurationProperty
    private final SmtpProxyKerberosProperties kerberos = new SmtpProxyKerberosProperties();

    public ProxyType getType() {
        return type;
    }

    public void setType(ProxyType type) {
        this.type = type;
    }

    public @Nullable String getHost() {
        return host;
    }

    public void setHost(@Nullable String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public @Nullable String getUsername() {
        return username;
    }

    public void setUsername(@Nullable String username) {
        this.username = username;
    }

    public @Nullable String getPassword() {
        return password;
    }

    public void setPassword(@Nullable String password) {
        this.password = password;
    }

    public ProxyAuthentication getAuthentication() {
        return authentication;
    }

    public void setAuthentication(ProxyAuthentication authentication) {
        this.authentication = authentication;
    }

    public IpVersion getIpVersion() {
        return ipVersion;
    }

    public void setIpVersion(IpVersion ipVersion) {
        this.ipVersion = ipVersion;
    }

    public Map<String, String> getRequestHeaders() {
        return requestHeaders;
    }

    public void setRequestHeaders(Map<String, String> requestHeaders) {
        this.requestHeaders = requestHeaders;
    }

    public SmtpProxyTlsProperties getTls() {
        return tls;
    }

    public SmtpProxyKerberosProperties getKerberos() {
        return kerberos;
    }
}
