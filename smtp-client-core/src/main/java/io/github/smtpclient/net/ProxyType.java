package io.github.smtpclient.net;

/** The kind of proxy the connection goes through (the reference's ProxyProxyType); see {@link ProxySettings}. */
public enum ProxyType {
    /** A direct connection, no proxy (the default). */
    NONE(0),
    /** SOCKS 4: the client resolves the server's name (IPv4 only); no password, the user name is sent as USERID. */
    SOCKS4(1080),
    /** SOCKS 4a: like SOCKS 4, but the proxy resolves the server's name. */
    SOCKS4A(1080),
    /** SOCKS 5 (RFC 1928), with no authentication or username/password (RFC 1929); the proxy resolves the name. */
    SOCKS5(1080),
    /**
     * An HTTP proxy's CONNECT tunnel (RFC 9110), authenticated as {@link ProxySettings#getAuthentication()} says
     * (Basic, Digest or NTLM) when a user name is set.
     */
    HTTP(8080),
    /**
     * An HTTP proxy reached over TLS (an HTTPS proxy): TLS to the proxy, checked as {@link ProxySettings#tls()}
     * says, then the CONNECT tunnel as for {@link #HTTP}, then the SMTP connection's own TLS inside the tunnel. The
     * proxy credentials and the CONNECT request are encrypted on the way to the proxy.
     */
    HTTPS(443);

    private final int defaultPort;

    ProxyType(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    /** Whether the tunnel is opened with HTTP CONNECT (HTTP and HTTPS proxies). */
    public boolean isHttp() {
        return this == HTTP || this == HTTPS;
    }

    /** The port used when {@link ProxySettings#getPort()} is 0: 1080 for SOCKS, 8080 for HTTP, 443 for HTTPS, 0 for NONE. */
    public int defaultPort() {
        return defaultPort;
    }
}
