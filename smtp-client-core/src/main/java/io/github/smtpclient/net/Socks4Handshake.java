package io.github.smtpclient.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

import io.github.smtpclient.SmtpException;

/**
 * The SOCKS 4 handshake, and SOCKS 4a, which sends the host name for the proxy to resolve. SOCKS 4 has no password;
 * {@link ProxySettings#getUsername()} goes in the USERID field.
 */
final class Socks4Handshake {

    private static final int VERSION = 4;
    private static final int CONNECT = 1;
    private static final int GRANTED = 0x5A;

    private Socks4Handshake() {
    }

    static void establish(Socket socket, ProxySettings proxy, String host, int port, String proxyName,
            AddressResolver resolver) throws IOException {
        byte[] literal = IpLiterals.parse(host);
        boolean proxyResolves = proxy.getType() == ProxyType.SOCKS4A && literal == null;
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write(VERSION);
        request.write(CONNECT);
        request.write(port >> 8);
        request.write(port & 0xFF);
        // SOCKS 4a: the address 0.0.0.x (x not 0) tells the proxy that the host name follows the USERID.
        request.writeBytes(proxyResolves ? new byte[] {0, 0, 0, 1} : ipv4Of(host, literal, resolver, proxyName));
        if (proxy.getUsername() != null) {
            request.writeBytes(proxy.getUsername().getBytes(StandardCharsets.UTF_8));
        }
        request.write(0);
        if (proxyResolves) {
            request.writeBytes(host.getBytes(StandardCharsets.US_ASCII));
            request.write(0);
        }
        socket.getOutputStream().write(request.toByteArray());
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        byte[] reply = ProxyTunnel.readExactly(in, 8);
        int code = reply[1] & 0xFF;
        if (code != GRANTED) {
            throw ProxyTunnel.refused("SOCKS4 proxy refused: " + explain(code) + " (code " + code + "); the "
                    + proxyName + " did not connect to " + host + ":" + port);
        }
    }

    private static byte[] ipv4Of(String host, byte[] literal, AddressResolver resolver, String proxyName)
            throws SmtpException {
        if (literal != null) {
            if (literal.length != 4) {
                throw ProxyTunnel.refused("SOCKS 4 cannot reach the IPv6 address " + host + "; use ProxyType.SOCKS5");
            }
            return literal;
        }
        try {
            for (InetAddress address : resolver.resolve(host, IpVersion.IPV4_ONLY)) {
                if (address instanceof Inet4Address) {
                    return address.getAddress();
                }
            }
            throw ProxyTunnel.refused("SOCKS 4 needs an IPv4 address, and " + host + " has none; use SOCKS5 or"
                    + " SOCKS4A so that the " + proxyName + " resolves the name");
        } catch (UnknownHostException e) {
            throw ConnectFailures.unknownHost(host, e);
        }
    }

    private static String explain(int code) {
        return switch (code) {
            case 0x5B -> "request rejected or failed";
            case 0x5C -> "the proxy cannot reach the client's identd";
            case 0x5D -> "identd reported a different user ID";
            default -> "unknown reply code";
        };
    }
}
