package io.github.smtpclient.net;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;

/**
 * Reads an HTTP proxy's answer to CONNECT. The head is read one byte at a time up to its blank line, never further:
 * after a 2xx the SMTP server's greeting may follow in the same segment and belongs to the SMTP engine. A refusal's
 * body is read as far as its length says (Content-Length or chunked, at most {@value #MAX_BODY} bytes), so the
 * connection can carry the next CONNECT, as Digest and NTLM need.
 */
final class HttpResponses {

    /** The longest response head accepted; a proxy sending more is broken or not an HTTP proxy. */
    /** A token68 after a scheme that carries one (RFC 9110 section 11.2), in a header line. */
    private static final Pattern AUTHENTICATION_TOKEN = Pattern.compile(
            "(?i)\\b(Negotiate|NTLM|Kerberos)[ \\t]+[A-Za-z0-9+/._~-]+=*");
    private static final String MASK = "****";

    static final int MAX_RESPONSE_HEAD = 16 * 1024;
    /** The longest body read from a refusal; a longer one leaves the connection unusable for another request. */
    static final int MAX_BODY = 64 * 1024;

    private HttpResponses() {
    }

    /** A response and whether its connection can carry another request. */
    record Received(ProxyResponse response, boolean reusable) {
    }

    static Received read(InputStream in, String proxyName) throws IOException {
        List<String> head = readHead(in, proxyName);
        String statusLine = head.get(0);
        int status = statusOf(statusLine, proxyName);
        List<String> headers = head.subList(1, head.size());
        ProxyResponse headOnly = new ProxyResponse(status, statusLine, headers, "");
        if (status / 100 == 2) {
            return new Received(headOnly, false); // the tunnel's bytes follow; nothing more is read here
        }
        boolean http11 = statusLine.toUpperCase(Locale.ROOT).startsWith("HTTP/1.1");
        boolean closes = !http11 || headOnly.header("Connection").map(v -> v.toLowerCase(Locale.ROOT)
                .contains("close")).orElse(false);
        Body body = body(in, headOnly, closes);
        return new Received(new ProxyResponse(status, statusLine, headers, body.text()), !closes && body.complete());
    }

    private record Body(String text, boolean complete) {
    }

    private static Body body(InputStream in, ProxyResponse head, boolean closes) {
        try {
            if (head.header("Transfer-Encoding").map(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))
                    .orElse(false)) {
                return chunked(in);
            }
            String length = head.header("Content-Length").orElse(null);
            if (length != null && length.matches("\\d{1,9}")) {
                int size = Integer.parseInt(length);
                byte[] bytes = in.readNBytes(Math.min(size, MAX_BODY));
                return new Body(new String(bytes, StandardCharsets.UTF_8), bytes.length == size);
            }
            if (closes) {
                // The body ends where the proxy closes the connection.
                return new Body(new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8), false);
            }
            return new Body("", false); // no length on a kept-alive connection: do not wait for one to end
        } catch (IOException e) {
            return new Body("", false); // the status line already says why; a body that does not arrive adds nothing
        }
    }

    private static Body chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in);
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip();
            if (!hex.matches("[0-9A-Fa-f]{1,6}")) {
                return new Body(body.toString(StandardCharsets.UTF_8), false);
            }
            int size = Integer.parseInt(hex, 16);
            if (size == 0) {
                String trailer; // trailer fields are read past, not kept
                do {
                    trailer = line(in);
                } while (!trailer.isEmpty());
                return new Body(body.toString(StandardCharsets.UTF_8), true);
            }
            if (body.size() + size > MAX_BODY) {
                return new Body(body.toString(StandardCharsets.UTF_8), false);
            }
            body.write(ProxyTunnel.readExactly(in, size));
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the proxy closed the connection in a chunked body");
            }
            if (line.size() > 1024) {
                throw new IOException("a chunk line longer than 1024 bytes");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.ISO_8859_1).strip();
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
     * A refusal's status line, headers and body text (tags removed, shortened), for an error message. The tokens of
     * NTLM and Negotiate challenges are masked ({@code Negotiate ****}): they are parts of an authentication
     * exchange, and an error message ends up in logs.
     */
    static String describe(ProxyResponse response) {
        String text = response.body().replaceAll("(?s)<head>.*?</head>|<[^>]*>", " ")
                .replaceAll("[\\s\\x00-\\x1f]+", " ").strip();
        String excerpt = text.length() > 300 ? text.substring(0, 300) + "..." : text;
        List<String> headers = response.headers().stream()
                .map(header -> AUTHENTICATION_TOKEN.matcher(header).replaceAll("$1 " + MASK)).toList();
        return response.statusLine() + (headers.isEmpty() ? "" : " | " + String.join(" | ", headers))
                + (excerpt.isEmpty() ? "" : "; body: " + excerpt);
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
