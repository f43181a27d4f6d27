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
import io.github.smtpclient.tls.TlsLayer;
import io.github.smtpclient.tls.TlsMode;
import io.github.smtpclient.tls.TlsSettings;

/**
 * Opens the connection to an SMTP server: resolves the host, tries its addresses in order (IPv4 or IPv6 first as
 * {@link SocketSettings#isUseIPv6()} says) until one connects, applies the socket settings, and completes the TLS
 * handshake at once when the effective {@link TlsMode} is {@link TlsMode#IMPLICIT}. With a {@link ProxySettings
 * proxy} it connects to the proxy instead and opens a tunnel to the server first; TLS then runs through the tunnel
 * exactly as on a direct socket, checked against the server's host name. It never speaks SMTP.
 * Stateless and thread-safe.
 */
public final class Connector {

    private final AddressResolver resolver;

    /** A connector using the system's resolver. */
    public Connector() {
        this(AddressResolver.SYSTEM);
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
     * Each address (of the server, or of the proxy) gets {@link SocketSettings#getConnectTimeout()}; reads, writes,
     * the proxy handshake and the TLS handshake are bounded by {@link SocketSettings#getTimeout()}.
     *
     * @param host     the server's host name or IP address, also used for SNI and certificate host name checks;
     *                 through a SOCKS 5, SOCKS 4a or HTTP proxy the proxy resolves it
     * @param listener receives certificateValidate and notification events; {@code null} means none
     * @throws SmtpException INVALID_ARGUMENT, CONNECT_FAILED (unknown host, refused, unreachable, refused by the
     *                       proxy), AUTH_FAILED (the proxy rejected or requires credentials), TIMEOUT,
     *                       TLS_HANDSHAKE_FAILED or CERTIFICATE_REJECTED; the message says what to check
     */
    public SocketWire connect(String host, int port, SocketSettings socket, TlsSettings tls, ProxySettings proxy,
            SmtpListener listener) throws SmtpException {
        requireValid(host, port);
        SocketSettings settings = socket.copy();
        ProxySettings via = proxy.copy();
        Socket tcp = via.isEnabled() ? openTunnel(host, port, via, settings)
                : openFirst(host, port, addressesOf(host, settings.isUseIPv6()), settings);
        TlsHandshaker handshaker = new TlsHandshaker(tls, listener);
        TlsLayer implicitTls = tls.effectiveMode(port) == TlsMode.IMPLICIT ? handshaker.handshake(tcp, host, port, true)
                : null;
        try {
            return new SocketWire(tcp, implicitTls, host, port, handshaker, settings.getTimeout());
        } catch (IOException e) {
            closeQuietly(tcp, e);
            throw new SmtpException(SmtpErrorCode.IO_ERROR, "the connection to " + host + ":" + port
                    + " failed as it was set up: " + e.getMessage(), e);
        }
    }

    private Socket openTunnel(String host, int port, ProxySettings proxy, SocketSettings settings)
            throws SmtpException {
        if (proxy.getHost() == null) {
            throw new SmtpException(SmtpErrorCode.INVALID_ARGUMENT, "proxy().host must be set when proxy().type is "
                    + proxy.getType() + "; give the proxy's host name or IP address, or set ProxyType.NONE");
        }
        String proxyHost = proxy.getHost();
        // The proxy is named as such in connect failures, so nobody looks for a fault at the SMTP server.
        Socket tcp = openFirst("the proxy " + proxyHost, proxy.effectivePort(),
                addressesOf(proxyHost, proxy.isUseIPv6()), settings);
        try {
            ProxyTunnel.establish(tcp, proxy, host, port, resolver);
            return tcp;
        } catch (SmtpException e) {
            closeQuietly(tcp, e);
            throw e;
        }
    }

    private List<InetAddress> addressesOf(String host, boolean preferIpv6) throws SmtpException {
        try {
            List<InetAddress> addresses = resolver.resolve(host);
            if (addresses.isEmpty()) {
                throw new UnknownHostException(host + ": no addresses");
            }
            return AddressResolver.preferring(addresses, preferIpv6);
        } catch (UnknownHostException e) {
            throw ConnectFailures.unknownHost(host, e);
        }
    }

    private static Socket openFirst(String host, int port, List<InetAddress> addresses, SocketSettings settings)
            throws SmtpException {
        ConnectFailures failures = new ConnectFailures(host, port, settings.getConnectTimeout());
        for (InetAddress address : addresses) {
            Socket socket = new Socket();
            try {
                open(socket, new InetSocketAddress(address, port), settings);
                return socket;
            } catch (IOException e) {
                closeQuietly(socket, e);
                failures.add(address, e);
            }
        }
        throw failures.toException();
    }

    private static void open(Socket socket, InetSocketAddress remote, SocketSettings settings) throws IOException {
        if (settings.getLocalAddress() != null || settings.getLocalPort() != 0) {
            socket.setReuseAddress(settings.getLocalPort() != 0);
            socket.bind(new InetSocketAddress(settings.getLocalAddress(), settings.getLocalPort()));
        }
        socket.setTcpNoDelay(true);
        socket.setSoTimeout((int) settings.getTimeout().toMillis());
        socket.connect(remote, (int) settings.getConnectTimeout().toMillis());
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
