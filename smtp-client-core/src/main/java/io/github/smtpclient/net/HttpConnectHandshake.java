package io.github.smtpclient.net;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;

/**
 * The HTTP CONNECT handshake (RFC 9110 section 9.3.6) with Basic authentication (RFC 7617) when a user name is set.
 * The response head is read one byte at a time up to its blank line, never further: the SMTP server's greeting
 * may arrive in the same segment and belongs to the SMTP engine.
 */
final class HttpConnectHandshake {

    /** The longest response head accepted; a proxy sending more is broken or not an HTTP proxy. */
    static final int MAX_RESPONSE_HEAD = 16 * 1024;
    /** How much of a refusal's body is read for the error message (proxies explain the refusal there). */
    private static final int MAX_BODY_EXCERPT = 2048;

    private HttpConnectHandshake() {
    }

    static void establish(Socket socket, ProxySettings proxy, String host, int port, String proxyName)
            throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(request(proxy, host, port).getBytes(StandardCharsets.UTF_8));
        out.flush();
        List<String> head = readHead(socket.getInputStream(), proxyName);
        String statusLine = head.get(0);
        int status = statusOf(statusLine, proxyName);
        if (status / 100 == 2) {
            return;
        }
        String body = bodyExcerpt(socket.getInputStream(), head);
        String response = String.join(" | ", head) + (body.isEmpty() ? "" : "; body: " + body);
        if (status == 407) {
            throw ProxyTunnel.authFailed(proxy.getUsername() == null
                    ? "the " + proxyName + " requires authentication; set proxy().username and proxy().password ("
                            + response + ")"
                    : "the " + proxyName + " rejected the user name or password (" + response + ")");
        }
        if (status == 401 && proxy.getUsername() != null) {
            // tinyproxy answers wrong Basic credentials with 401 (not 407, which it keeps for missing ones).
            throw ProxyTunnel.authFailed("the " + proxyName + " rejected the user name or password: it answered 401"
                    + " (as tinyproxy does for wrong credentials); check proxy().username and proxy().password ("
                    + response + ")");
        }
        throw ProxyTunnel.refused("the " + proxyName + " refused to open a tunnel to " + host + ":" + port
                + ": " + response);
    }

    private static String request(ProxySettings proxy, String host, int port) {
        String authority = (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
        StringBuilder request = new StringBuilder()
                .append("CONNECT ").append(authority).append(" HTTP/1.1\r\n")
                .append("Host: ").append(authority).append("\r\n");
        if (proxy.getUsername() != null) {
            String password = proxy.getPassword() == null ? "" : proxy.getPassword();
            String token = Base64.getEncoder().encodeToString(
                    (proxy.getUsername() + ":" + password).getBytes(StandardCharsets.UTF_8));
            request.append("Proxy-Authorization: Basic ").append(token).append("\r\n");
        }
        proxy.getRequestHeaders().forEach((name, value) -> request.append(name).append(": ").append(value)
                .append("\r\n"));
        return request.append("\r\n").toString();
    }

    /** The status line and header lines, without line ends, read up to and including the blank line. */
    static List<String> readHead(InputStream in, String proxyName) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int total = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the proxy closed the connection in its response head"
                        + (lines.isEmpty() ? "" : " after " + lines.get(0)));
            }
            if (++total > MAX_RESPONSE_HEAD) {
                throw ProxyTunnel.refused("the " + proxyName + " sent a response head longer than "
                        + MAX_RESPONSE_HEAD + " bytes; is it an HTTP proxy?");
            }
            if (b != '\n') {
                line.write(b);
                continue;
            }
            String text = line.toString(StandardCharsets.ISO_8859_1);
            line.reset();
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            if (text.isEmpty() && !lines.isEmpty()) {
                return lines;
            }
            if (!text.isEmpty()) {
                lines.add(text.replaceAll("[\\x00-\\x1f\\x7f]", "?"));
            }
        }
    }

    /**
     * The text of a refusal's body, tags removed, when its end is known (Content-Length, or a connection the proxy
     * closes after it); reading is bounded by {@link #MAX_BODY_EXCERPT} and the socket timeout.
     */
    private static String bodyExcerpt(InputStream in, List<String> head) {
        int length = -1;
        boolean closes = head.get(0).toUpperCase(Locale.ROOT).startsWith("HTTP/1.0");
        for (String header : head.subList(1, head.size())) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:") && lower.substring(15).strip().matches("\\d{1,9}")) {
                length = Integer.parseInt(lower.substring(15).strip());
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                closes = true;
            }
        }
        if (length < 0 && !closes) {
            return "";
        }
        int limit = length < 0 ? MAX_BODY_EXCERPT : Math.min(length, MAX_BODY_EXCERPT);
        String body;
        try {
            body = new String(in.readNBytes(limit), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return ""; // the status line already says why; a body that does not arrive adds nothing
        }
        String text = body.replaceAll("(?s)<head>.*?</head>|<[^>]*>", " ").replaceAll("[\\s\\x00-\\x1f]+", " ")
                .strip();
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private static int statusOf(String statusLine, String proxyName) throws SmtpException {
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].toUpperCase(Locale.ROOT).startsWith("HTTP/")
                || !parts[1].matches("\\d{3}")) {
            throw new SmtpException(SmtpErrorCode.CONNECT_FAILED, "the " + proxyName + " did not answer with HTTP"
                    + " (it sent '" + statusLine + "'); check proxy().type and proxy().port");
        }
        return Integer.parseInt(parts[1]);
    }
}
