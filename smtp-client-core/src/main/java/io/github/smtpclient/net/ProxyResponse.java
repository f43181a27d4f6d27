package io.github.smtpclient.net;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An HTTP proxy's answer to CONNECT (the reference's ProxyResponseHeaders and ProxyResponseBody). For an open
 * tunnel it is the final 2xx answer, whose body is always empty: RFC 9110 section 9.3.6 lets no content precede the
 * tunnel's bytes. A refusal's status line, headers and body text are in the {@link io.github.smtpclient.SmtpException}
 * message instead.
 *
 * @param status     the status code, such as 200
 * @param statusLine the status line, such as {@code HTTP/1.1 200 Connection established}
 * @param headers    the header lines as received ({@code Name: value}), control characters replaced by {@code ?}
 * @param body       the body as text; empty for an open tunnel
 */
public record ProxyResponse(int status, String statusLine, List<String> headers, String body) {

    /** Copies the header list. */
    public ProxyResponse {
        headers = List.copyOf(headers);
    }

    /** The value of the first header named {@code name} (case-insensitive), without surrounding spaces. */
    public Optional<String> header(String name) {
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        return headers.stream().filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix))
                .map(h -> h.substring(prefix.length()).strip()).findFirst();
    }

    /** The values of every header named {@code name} (case-insensitive), in order. */
    public List<String> headers(String name) {
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        return headers.stream().filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix))
                .map(h -> h.substring(prefix.length()).strip()).toList();
    }
}
