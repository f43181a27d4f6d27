package io.github.smtpclient.net;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.smtpclient.tls.TlsSettings;

/**
 * The proxy the connection goes through, reached as {@code client.proxy()}: SOCKS 4/4a/5, or an HTTP CONNECT
 * tunnel through an HTTP or HTTPS proxy. Mutable and not thread-safe: configure it before connecting; a connection
 * works on a {@link #copy()}. {@link #toString()} never shows the password.
 *
 * <p>The TLS of the SMTP connection (STARTTLS or implicit) runs end to end through the tunnel and checks the
 * certificate against the SMTP server's host name, never the proxy's. The proxy credentials are protected only by
 * the scheme: SOCKS 5 username/password (RFC 1929) and HTTP Basic send them in clear text by design, Digest, NTLM
 * and Negotiate ({@link #kerberos() Kerberos}) do not send the password, and an {@link ProxyType#HTTPS HTTPS
 * proxy} encrypts everything on the way to it. Use clear-text schemes only on a network you trust (loopback, a VPN,
 * the local network).
 *
 * <p>With a SOCKS 4a, SOCKS 5, HTTP or HTTPS proxy the client resolves only the proxy's host name; the proxy resolves
 * the SMTP server's. SOCKS 4 carries only IPv4 addresses, so there the client resolves the server too.
 *
 * <p>Setters reject values that cannot be right with an {@link IllegalArgumentException} naming the setting.
 */
public final class ProxySettings {

    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Set<String> RESERVED_HEADERS = Set.of("host", "proxy-authorization");

    private ProxyType type = ProxyType.NONE;
    private String host;
    private int port;
    private String username;
    private String password;
    private IpVersion ipVersion = IpVersion.BOTH_IPV6_FIRST;
    private ProxyAuthentication authentication = ProxyAuthentication.AUTO;
    private Map<String, String> requestHeaders = Map.of();
    private TlsSettings tls = new TlsSettings();
    private KerberosSettings kerberos = new KerberosSettings();

    /** Creates settings for a direct connection (type {@link ProxyType#NONE}). */
    public ProxySettings() {
    }

    /** The proxy type (the reference's ProxyProxyType); {@link ProxyType#NONE} (the default) connects directly. */
    public ProxyType getType() {
        return type;
    }

    /**
     * Sets the proxy type; {@link ProxyType#NONE} switches the proxy off without forgetting the other settings.
     *
     * @throws IllegalArgumentException if it is null
     */
    public void setType(ProxyType type) {
        if (type == null) {
            throw new IllegalArgumentException("proxy().type must not be null; use ProxyType.NONE for no proxy");
        }
        this.type = type;
    }

    /** Whether connections go through the proxy (the reference's ProxyUseProxy): the type is not NONE. */
    public boolean isEnabled() {
        return type != ProxyType.NONE;
    }

    /** The proxy's host name or IP address (the reference's ProxyAddress), or {@code null} when none is set. */
    public String getHost() {
        return host;
    }

    /**
     * Sets the proxy's host name or IP address, for example {@code "proxy.example.com"} or {@code "127.0.0.1"};
     * {@code null} or blank clears it.
     *
     * @throws IllegalArgumentException if it contains spaces or control characters
     */
    public void setHost(String host) {
        if (host == null || host.isBlank()) {
            this.host = null;
            return;
        }
        String stripped = host.strip();
        if (stripped.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new IllegalArgumentException("proxy().host must not contain spaces or control characters");
        }
        this.host = stripped.startsWith("[") && stripped.endsWith("]")
                ? stripped.substring(1, stripped.length() - 1) : stripped;
    }

    /**
     * The proxy's port as set (the reference's ProxyPort); 0 means the type's {@link ProxyType#defaultPort()}.
     */
    public int getPort() {
        return port;
    }

    /** The port actually connected to: {@link #getPort()}, or the type's default port when it is 0. */
    public int effectivePort() {
        return port != 0 ? port : type.defaultPort();
    }

    /**
     * Sets the proxy's port; 0 (the default) uses 1080 for SOCKS, 8080 for HTTP and 443 for HTTPS.
     *
     * @throws IllegalArgumentException if the port is outside 0-65535
     */
    public void setPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("proxy().port must be 0 (the type's default) or 1-65535, was " + port);
        }
        this.port = port;
    }

    /**
     * The user name for the proxy (the reference's ProxyUsername), or {@code null} for none. Setting one switches
     * authentication on: username/password for SOCKS 5, {@link #getAuthentication()} for HTTP and HTTPS, the USERID
     * field for SOCKS 4. For NTLM it may name the domain as <code>DOMAIN&#92;user</code>.
     */
    public String getUsername() {
        return username;
    }

    /**
     * Sets the user name for the proxy; {@code null} or empty means no authentication.
     *
     * @throws IllegalArgumentException if it is longer than 255 bytes in UTF-8 (the SOCKS limit) or contains
     *                                  control characters
     */
    public void setUsername(String username) {
        this.username = credential(username, "proxy().username");
    }

    /** The password for the proxy (the reference's ProxyPassword), or {@code null} for none. */
    public String getPassword() {
        return password;
    }

    /**
     * Sets the password for the proxy; {@code null} clears it. It is used only together with a user name.
     *
     * @throws IllegalArgumentException if it is longer than 255 bytes in UTF-8 (the SOCKS limit) or contains
     *                                  control characters
     */
    public void setPassword(String password) {
        this.password = credential(password, "proxy().password");
    }

    /**
     * Which IP versions the connection to the proxy uses (the reference's ProxyUseIPv6), as
     * {@link SocketSettings#getIpVersion()} does for a direct connection; {@link IpVersion#BOTH_IPV6_FIRST} by
     * default.
     */
    public IpVersion getIpVersion() {
        return ipVersion;
    }

    /**
     * Sets which IP versions the connection to the proxy uses.
     *
     * @throws IllegalArgumentException if it is null
     */
    public void setIpVersion(IpVersion ipVersion) {
        if (ipVersion == null) {
            throw new IllegalArgumentException("proxy().ipVersion must not be null; use IpVersion.BOTH_IPV6_FIRST for"
                    + " both");
        }
        this.ipVersion = ipVersion;
    }

    /**
     * How the client authenticates to an HTTP or HTTPS proxy (the reference's ProxyAuthentication) when a user name
     * is set: {@link ProxyAuthentication#AUTO} (the default) answers the proxy's strongest challenge.
     */
    public ProxyAuthentication getAuthentication() {
        return authentication;
    }

    /**
     * Sets the HTTP proxy authentication scheme.
     *
     * @throws IllegalArgumentException if it is null
     */
    public void setAuthentication(ProxyAuthentication authentication) {
        if (authentication == null) {
            throw new IllegalArgumentException("proxy().authentication must not be null; use ProxyAuthentication.AUTO"
                    + " to answer what the proxy asks for");
        }
        this.authentication = authentication;
    }

    /**
     * How the TLS to an {@link ProxyType#HTTPS HTTPS proxy} is set up and its certificate checked (versions, trust,
     * host name, SNI), independently of {@code client.tls()}, which applies to the SMTP server inside the tunnel.
     * Its mode and its {@link TlsSettings#getEngine() engine} are not used: this TLS always runs on JSSE, because the
     * SMTP connection's own TLS is layered over it and needs a socket to layer over. Secure by default: the certificate must be valid for the proxy's host name and trusted by
     * the JDK's trust store or {@link TlsSettings#setTrustedCertificates}.
     */
    public TlsSettings tls() {
        return tls;
    }

    /**
     * The Kerberos credentials and service principal for {@link ProxyAuthentication#NEGOTIATE Negotiate}
     * authentication to an HTTP or HTTPS proxy; none by default. Setting credentials here is enough for Negotiate:
     * no {@link #setUsername user name} is needed.
     */
    public KerberosSettings kerberos() {
        return kerberos;
    }

    /** Extra headers sent with an HTTP CONNECT request (the reference's ProxyRequestHeaders); unmodifiable. */
    public Map<String, String> getRequestHeaders() {
        return requestHeaders;
    }

    /**
     * Replaces the extra headers sent with an HTTP CONNECT request, in the map's order; {@code null} clears them.
     * {@code Host} and {@code Proxy-Authorization} are written by the client and cannot be set here.
     *
     * @throws IllegalArgumentException if a name is not an HTTP token, a name is reserved, or a value contains CR,
     *                                  LF or another control character
     */
    public void setRequestHeaders(Map<String, String> headers) {
        if (headers == null) {
            this.requestHeaders = Map.of();
            return;
        }
        Map<String, String> checked = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (name == null || !HEADER_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("proxy().requestHeaders: '" + printable(name)
                        + "' is not an HTTP header name (letters, digits and !#$%&'*+.^_`|~-)");
            }
            if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("proxy().requestHeaders: " + name + " is written by the client;"
                        + " set proxy().username and password for Proxy-Authorization");
            }
            if (value == null || value.chars().anyMatch(c -> (c < ' ' && c != '\t') || c == 0x7f)) {
                throw new IllegalArgumentException("proxy().requestHeaders: the value of " + name
                        + " must not be null or contain CR, LF or other control characters");
            }
            checked.put(name, value.strip());
        });
        this.requestHeaders = Collections.unmodifiableMap(checked);
    }

    /** An independent copy. */
    public ProxySettings copy() {
        ProxySettings copy = new ProxySettings();
        copy.type = type;
        copy.host = host;
        copy.port = port;
        copy.username = username;
        copy.password = password;
        copy.ipVersion = ipVersion;
        copy.authentication = authentication;
        copy.requestHeaders = requestHeaders;
        copy.tls = tls.copy();
        copy.kerberos = kerberos.copy();
        return copy;
    }

    private static String credential(String value, String setting) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.chars().anyMatch(c -> c < ' ' || c == 0x7f)) {
            throw new IllegalArgumentException(setting + " must not contain control characters (CR, LF and NUL"
                    + " included)");
        }
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > 255) {
            throw new IllegalArgumentException(setting + " must be at most 255 bytes in UTF-8 (the SOCKS limit), was "
                    + bytes);
        }
        return value;
    }

    private static String printable(String value) {
        return value == null ? "null" : value.replaceAll("[\\x00-\\x1f\\x7f]", "?");
    }

    /** Describes the settings with the password masked and only the names of the request headers. */
    @Override
    public String toString() {
        return "ProxySettings[type=" + type + ", host=" + host + ", port=" + effectivePort() + ", username=" + username
                + ", password=" + (password == null ? "none" : "****") + ", authentication=" + authentication
                + ", ipVersion=" + ipVersion + ", requestHeaders=" + requestHeaders.keySet()
                + (type == ProxyType.HTTPS ? ", tls=" + tls : "")
                + (kerberos.isConfigured() ? ", kerberos=" + kerberos : "") + "]";
    }
}
