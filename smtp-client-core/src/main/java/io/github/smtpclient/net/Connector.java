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
 * Opens the connection to an SMTP server: resolves the host, tries its addresses in order (IPv4 or IPv6 first as
 * {@link SocketSettings#isUseIPv6()} says) until one connects, applies the socket settings, and completes the TLS
 * handshake at once when the effective {@link TlsMode} is {@link TlsMode#IMPLICIT}. It never speaks SMTP.
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
     * Connects to {@code host:port}. Each address gets {@link SocketSettings#getConnectTimeout()}; reads, writes
     * and the TLS handshake are bounded by {@link SocketSettings#getTimeout()}.
     *
     * @param host     the server's host name or IP address, also used for SNI and certificate host name checks
     * @param listener receives certificateValidate and notification events; {@code null} means none
     * @throws SmtpException INVALID_ARGUMENT, CONNECT_FAILED (unknown host, refused, unreachable), TIMEOUT,
     *                       TLS_HANDSHAKE_FAILED or CERTIFICATE_REJECTED; the message says what to check
     */
    public SocketWire connect(String host, int port, SocketSettings socket, TlsSettings tls, SmtpListener listener)
            throws SmtpException {
        requireValid(host, port);
        SocketSettings settings = socket.copy();
        Socket tcp = openFirst(host, port, addressesOf(host, settings), settings);
        TlsHandshaker handshaker = new TlsHandshaker(tls, listener);
        Socket current = tls.effectiveMode(port) == TlsMode.IMPLICIT ? handshaker.handshake(tcp, host, port, true) : tcp;
        try {
            return new SocketWire(tcp, current, host, port, handshaker, settings.getTimeout());
        } catch (IOException e) {
            closeQuietly(tcp, e);
            throw new SmtpException(SmtpErrorCode.IO_ERROR, "the connection to " + host + ":" + port
                    + " failed as it was set up: " + e.getMessage(), e);
        }
    }

    private List<InetAddress> addressesOf(String host, SocketSettings settings) throws SmtpException {
        try {
            List<InetAddress> addresses = resolver.resolve(host);
            if (addresses.isEmpty()) {
                throw new UnknownHostException(host + ": no addresses");
            }
            return AddressResolver.preferring(addresses, settings.isUseIPv6());
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
