package io.github.smtpclient.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;

/**
 * The SOCKS 5 handshake (RFC 1928) with no authentication or username/password (RFC 1929). The server's host name
 * is sent as a name, so the proxy resolves it; IP literals are sent as addresses.
 */
final class Socks5Handshake {

    private static final int VERSION = 5;
    private static final int NO_AUTHENTICATION = 0;
    private static final int USERNAME_PASSWORD = 2;
    private static final int NO_ACCEPTABLE_METHOD = 0xFF;
    private static final int CONNECT = 1;
    private static final int IPV4 = 1;
    private static final int DOMAIN_NAME = 3;
    private static final int IPV6 = 4;

    private Socks5Handshake() {
    }

    /** Opens the tunnel; returns the authentication used ({@code "username/password"}), or null for none. */
    static String establish(Socket socket, ProxySettings proxy, String host, int port, String proxyName)
            throws IOException {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        boolean credentials = proxy.getUsername() != null;
        out.write(credentials
                ? new byte[] {VERSION, 2, NO_AUTHENTICATION, USERNAME_PASSWORD}
                : new byte[] {VERSION, 1, NO_AUTHENTICATION});
        out.flush();
        byte[] choice = ProxyTunnel.readExactly(in, 2);
        if (choice[0] != VERSION) {
            throw ProxyTunnel.refused("the " + proxyName + " does not speak SOCKS 5 (it answered version "
                    + (choice[0] & 0xFF) + "); check proxy().type and proxy().port");
        }
        int method = choice[1] & 0xFF;
        if (method == USERNAME_PASSWORD && credentials) {
            authenticate(in, out, proxy, proxyName);
        } else if (method == NO_ACCEPTABLE_METHOD && !credentials) {
            throw ProxyTunnel.authFailed("the " + proxyName + " requires authentication; set proxy().username and"
                    + " proxy().password");
        } else if (method != NO_AUTHENTICATION) {
            throw ProxyTunnel.refused("the " + proxyName + " accepts none of the offered authentication methods"
                    + " (no authentication" + (credentials ? ", username/password" : "") + "); it chose method "
                    + method);
        }
        out.write(connectRequest(host, port));
        out.flush();
        readReply(in, host, port, proxyName);
        return method == USERNAME_PASSWORD ? "username/password" : null;
    }

    private static void authenticate(InputStream in, OutputStream out, ProxySettings proxy, String proxyName)
            throws IOException {
        byte[] user = proxy.getUsername().getBytes(StandardCharsets.UTF_8);
        byte[] password = proxy.getPassword() == null ? new byte[0]
                : proxy.getPassword().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write(1);
        request.write(user.length);
        request.write(user);
        request.write(password.length);
        request.write(password);
        out.write(request.toByteArray());
        out.flush();
        byte[] status = ProxyTunnel.readExactly(in, 2);
        if (status[1] != 0) {
            throw ProxyTunnel.authFailed("the " + proxyName + " rejected the user name or password (status "
                    + (status[1] & 0xFF) + "); check proxy().username and proxy().password");
        }
    }

    private static byte[] connectRequest(String host, int port) throws SmtpException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write(VERSION);
        request.write(CONNECT);
        request.write(0);
        byte[] literal = IpLiterals.parse(host);
        if (literal != null) {
            request.write(literal.length == 4 ? IPV4 : IPV6);
            request.writeBytes(literal);
        } else {
            byte[] name = host.getBytes(StandardCharsets.US_ASCII);
            if (name.length > 255) {
                throw new SmtpException(SmtpErrorCode.INVALID_ARGUMENT, "the host name " + host + " is longer than"
                        + " the 255 bytes SOCKS 5 allows");
            }
            request.write(DOMAIN_NAME);
            request.write(name.length);
            request.writeBytes(name);
        }
        request.write(port >> 8);
        request.write(port & 0xFF);
        return request.toByteArray();
    }

    private static void readReply(InputStream in, String host, int port, String proxyName) throws IOException {
        byte[] head = ProxyTunnel.readExactly(in, 4);
        if (head[0] != VERSION) {
            throw ProxyTunnel.refused("the " + proxyName + " sent a malformed SOCKS 5 reply (version "
                    + (head[0] & 0xFF) + ")");
        }
        int code = head[1] & 0xFF;
        if (code != 0) {
            throw ProxyTunnel.refused("SOCKS5 proxy refused: " + explain(code) + " (code " + code + "); the "
                    + proxyName + " could not connect to " + host + ":" + port);
        }
        int addressLength = switch (head[3]) {
            case IPV4 -> 4;
            case IPV6 -> 16;
            case DOMAIN_NAME -> ProxyTunnel.readExactly(in, 1)[0] & 0xFF;
            default -> throw ProxyTunnel.refused("the " + proxyName + " sent a SOCKS 5 reply with the unknown"
                    + " address type " + (head[3] & 0xFF));
        };
        ProxyTunnel.readExactly(in, addressLength + 2);
    }

    static String explain(int code) {
        return switch (code) {
            case 1 -> "general SOCKS server failure";
            case 2 -> "connection not allowed by ruleset";
            case 3 -> "network unreachable";
            case 4 -> "host unreachable";
            case 5 -> "connection refused";
            case 6 -> "TTL expired";
            case 7 -> "command not supported";
            case 8 -> "address type not supported";
            default -> "unassigned reply code";
        };
    }
}
