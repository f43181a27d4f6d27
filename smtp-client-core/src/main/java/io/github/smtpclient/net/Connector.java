package io.github.smtpclient.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.List;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.event.SmtpListener;
import io.github.smtpclient.tls.TlsHandshaker;
import io.github.smtpclient.tls.TlsMode;
import io.github.smtpclient.tls.TlsSettings;

/**
 * Opens the connection to an SMTP server: resolves the host (with the JVM's resolver or the client's own, as
 * {@link SocketSettings#dns()} says), connects to its addresses as {@link SocketSettings#getIpVersion()} allows
 * (racing them, RFC 8305), applies the socket settings, and completes the TLS handshake at once when the effective
 * {@link TlsMode} is {@link TlsMode#IMPLICIT}. With a {@link ProxySettings proxy} it connects to the proxy instead
 * (over TLS for an HTTPS proxy) and opens a tunnel to the server first; TLS then runs through the tunnel exactly as
 * on a direct socket, checked against the server's host name. It never speaks SMTP. Stateless and thread-safe.
 */
public final class Connector {

    /** Fixed by tests; {@code null} means the resolver each connection's {@link DnsSettings} selects. */
    private final AddressResolver resolver;

    /** A connector resolving host names as each connection's {@link SocketSettings#dns()} says. */
    public Connector() {
        this(null);
    }

    Connector(AddressResolver resolver) {
        this.resolver = resolver;
    }

    /**
     * Connects to {@code host:port} directly; see {@link #connect(String, int, SocketSettings, TlsSettings,
     * ProxySettings, SmtpListener)}.
     */
    public SocketWire connect(String host, int port, SocketSettings socket, TlsSettings tls, SmtpListener listener)
            throws SmtpException {
        return connect(host, port, socket, tls, new ProxySettings(), listener);
    }

    /**
     * Connects to {@code host:port}, through {@code proxy} when it {@link ProxySettings#isEnabled() is enabled}.
     * {@link SocketSettings#getConnectTimeout()} bounds the connect to the server (or the proxy), all its addresses
     * together; reads, writes, the proxy handshake and the TLS handshake are bounded by
     * {@link SocketSettings#getTimeout()}.
     *
     * @param host     the server's host name or IP address, also used for SNI and certificate host name checks;
     *                 through a SOCKS 5, SOCKS 4a, HTTP or HTTPS proxy the proxy resolves it
     * @param listener receives certificateValidate and notification events; {@code null} means none
     * @throws SmtpException INVALID_ARGUMENT, CONNECT_FAILED (unknown host, no address of the allowed IP version,
     *                       refused, unreachable, refused by the proxy), PROXY_AUTH_FAILED (the proxy rejected or
     *                       requires credentials), TIMEOUT, TLS_HANDSHAKE_FAILED or CERTIFICATE_REJECTED; the
     *                       message says what to check
     */
    public SocketWire connect(String host, int port, SocketSettings socket, TlsSettings tls, ProxySettings proxy,
            SmtpListener listener) throws SmtpException {
        requireValid(host, port);
        SocketSettings settings = socket.copy();
        ProxySettings via = proxy.copy();
        AddressResolver names = resolver != null ? resolver : AddressResolver.of(settings.dns());
        Socket tcp;
        Route route;
        if (via.isEnabled()) {
            ProxyTunnel.Tunnel tunnel = openTunnel(host, port, via, settings, names, listener);
            tcp = tunnel.link().tcp();
            route = new Route(tunnel.link().transport(), serverBehindProxy(host, port), tunnel.info());
        } else {
            tcp = ConnectRace.connect(host, addressesOf(host, settings.getIpVersion(), names, settings), port,
                    settings);
            route = new Route(tcp, (InetSocketAddress) tcp.getRemoteSocketAddress(), null);
        }
        TlsHandshaker handshaker = new TlsHandshaker(tls, listener);
        try {
            return new SocketWire(tcp, host, port, handshaker, settings, route,
                    tls.effectiveMode(port) == TlsMode.IMPLICIT);
        } catch (SmtpException e) {
            throw e;
        } catch (IOException e) {
            closeQuietly(tcp, e);
            throw new SmtpException(SmtpErrorCode.IO_ERROR, "the connection to " + host + ":" + port
                    + " failed as it was set up: " + e.getMessage(), e);
        }
    }

    private ProxyTunnel.Tunnel openTunnel(String host, int port, ProxySettings proxy, SocketSettings settings,
            AddressResolver names, SmtpListener listener) throws SmtpException {
        if (proxy.getHost() == null) {
            throw new SmtpException(SmtpErrorCode.INVALID_ARGUMENT, "proxy().host must be set when proxy().type is "
                    + proxy.getType() + "; give the proxy's host name or IP address, or set ProxyType.NONE");
        }
        String proxyHost = proxy.getHost();
        int proxyPort = proxy.effectivePort();
        // The proxy is named as such in connect failures, so nobody looks for a fault at the SMTP server.
        String name = "the proxy " + proxyHost;
        List<InetAddress> addresses = addressesOf(proxyHost, proxy.getIpVersion(), names, settings);
        ProxyLink.Dialer dialer = () -> {
            Socket tcp = ConnectRace.connect(name, addresses, proxyPort, settings);
            return proxy.getType() == ProxyType.HTTPS ? ProxyTls.handshake(tcp, proxy, listener)
                    : new ProxyLink(tcp, tcp, null);
        };
        return ProxyTunnel.establish(dialer, proxy, host, port, names);
    }

    /** The server as the proxy will reach it: an address when {@code host} is a literal, else the name. */
    private static InetSocketAddress serverBehindProxy(String host, int port) {
        byte[] literal = IpLiterals.parse(host);
        return literal != null ? new InetSocketAddress(IpLiterals.toAddress(literal), port)
                : InetSocketAddress.createUnresolved(host, port);
    }

    /** The addresses to race for {@code host}, in order: only the allowed IP version, only the local address's. */
    private static List<InetAddress> addressesOf(String host, IpVersion version, AddressResolver names,
            SocketSettings settings) throws SmtpException {
        List<InetAddress> all;
        byte[] literal = IpLiterals.parse(host);
        if (literal != null) {
            all = List.of(IpLiterals.toAddress(literal));
        } else {
            try {
                all = names.resolve(host, version);
                if (all.isEmpty()) {
                    throw new UnknownHostException(host + ": no addresses");
                }
            } catch (UnknownHostException e) {
                throw ConnectFailures.unknownHost(host, e);
            }
        }
        List<InetAddress> usable = version.order(all);
        if (usable.isEmpty()) {
            throw new SmtpException(SmtpErrorCode.CONNECT_FAILED, host + " has only the addresses "
                    + all.stream().map(InetAddress::getHostAddress).toList() + ", which the IP version setting "
                    + version + " excludes; allow both with IpVersion.BOTH_IPV6_FIRST");
        }
        InetAddress local = settings.getLocalAddress();
        if (local != null && !local.isAnyLocalAddress()) {
            List<InetAddress> sameFamily = usable.stream()
                    .filter(a -> a.getClass() == local.getClass()).toList();
            if (sameFamily.isEmpty()) {
                throw new SmtpException(SmtpErrorCode.CONNECT_FAILED, "socket().localAddress "
                        + local.getHostAddress() + " cannot reach " + host + ", whose addresses "
                        + usable.stream().map(InetAddress::getHostAddress).toList() + " are of the other IP version");
            }
            return sameFamily;
        }
        return usable;
    }

    private static void requireValid(String host, int port) throws SmtpException {
        if (host == null || host.isBlank()) {
            throw new SmtpException(SmtpErrorCode.INVALID_ARGUMENT, "host must be a host name or IP address, was "
                    + (host == null ? "null" : "blank"));
        }
        if (host.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new SmtpException(SmtpErrorCode.INVALID_ARGUMENT,
                    "host must not contain spaces or control characters (CR and LF included)");
        }
        if (port < 1 || port > 65535) {
            throw new SmtpException(SmtpErrorCode.INVALID_ARGUMENT, "port must be 1-65535, was " + port
                    + " (SMTP uses 25, submission 587, implicit TLS 465)");
        }
    }

    private static void closeQuietly(Socket socket, Exception failure) {
        try {
            socket.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
