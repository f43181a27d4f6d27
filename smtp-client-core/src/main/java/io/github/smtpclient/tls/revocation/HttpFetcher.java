package io.github.smtpclient.tls.revocation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;

/**
 * Fetches OCSP responses and CRLs over plain HTTP (RFC 6960 A.1, RFC 5280 4.2.1.13), within one time limit per
 * exchange and a size limit. Only {@code http:} locations are used: HTTPS would need a certificate check of its own
 * (and could recurse), and LDAP is not supported.
 */
final class HttpFetcher {

    private final Duration timeout;
    private final int limit;

    HttpFetcher(Duration timeout, int limit) {
        this.timeout = timeout;
        this.limit = limit;
    }

    /** The body of a GET of {@code location}. */
    byte[] get(String location) throws IOException {
        return exchange(location, null, null);
    }

    /** The body of a POST of {@code body} to {@code location}. */
    byte[] post(String location, String contentType, byte[] body) throws IOException {
        return exchange(location, contentType, body);
    }

    static boolean isFetchable(String location) {
        return location.toLowerCase(Locale.ROOT).startsWith("http://");
    }

    private byte[] exchange(String location, String contentType, byte[] body) throws IOException {
        if (!isFetchable(location)) {
            throw new IOException("only http: locations are fetched, not " + location);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpURLConnection connection;
        try {
            connection = (HttpURLConnection) new URI(location).toURL().openConnection();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("not a valid URL: " + location, e);
        }
        try {
            int millis = (int) Math.max(1, timeout.toMillis());
            connection.setConnectTimeout(millis);
            connection.setReadTimeout(millis);
            connection.setUseCaches(false);
            if (body != null) {
                connection.setRequestMethod("POST");
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", contentType);
                connection.setFixedLengthStreamingMode(body.length);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = connection.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                throw new IOException("HTTP " + status + " from " + location);
            }
            if (connection.getContentLengthLong() > limit) {
                throw new IOException(location + " announced " + connection.getContentLengthLong()
                        + " bytes, more than the limit of " + limit + " (tls().revocation().downloadLimit)");
            }
            try (InputStream in = connection.getInputStream()) {
                return readLimited(in, location, deadline);
            }
        } finally {
            connection.disconnect();
        }
    }

    private byte[] readLimited(InputStream in, String location, long deadline) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            out.write(buffer, 0, n);
            if (out.size() > limit) {
                throw new IOException(location + " sent more than the limit of " + limit
                        + " bytes (tls().revocation().downloadLimit)");
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IOException(location + " did not finish within " + timeout
                        + " (tls().revocation().timeout)");
            }
        }
        return out.toByteArray();
    }
}
