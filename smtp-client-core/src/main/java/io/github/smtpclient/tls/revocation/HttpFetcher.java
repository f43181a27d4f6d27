package io.github.smtpclient.tls.revocation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches OCSP responses and CRLs over plain HTTP (RFC 6960 A.1, RFC 5280 4.2.1.13), each exchange within one
 * deadline (connect, request, answer and the whole body) and a size limit. Only {@code http:} locations are asked:
 * HTTPS would need a certificate check of its own, and LDAP is not supported. The JVM's proxy settings
 * ({@code http.proxyHost}, a default {@code ProxySelector}) apply; redirects are followed, never from HTTPS to HTTP.
 */
final class HttpFetcher {

    /** One client for the process: it keeps connections to responders alive between exchanges. */
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    private final Duration timeout;
    private final int limit;

    HttpFetcher(Duration timeout, int limit) {
        this.timeout = timeout;
        this.limit = limit;
    }

    /** The body of a GET of {@code location}. */
    byte[] get(String location) throws IOException {
        return exchange(request(location).GET().build(), location);
    }

    /** The body of a POST of {@code body} to {@code location}. */
    byte[] post(String location, String contentType, byte[] body) throws IOException {
        return exchange(request(location).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), location);
    }

    static boolean isFetchable(String location) {
        return location.toLowerCase(Locale.ROOT).startsWith("http://");
    }

    private HttpRequest.Builder request(String location) throws IOException {
        if (!isFetchable(location)) {
            throw new IOException("only http: locations are fetched, not " + location);
        }
        try {
            return HttpRequest.newBuilder(new URI(location)).timeout(timeout);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("not a valid URL: " + location, e);
        }
    }

    private byte[] exchange(HttpRequest request, String location) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        CompletableFuture<HttpResponse<byte[]>> exchange = CLIENT.sendAsync(request,
                answer -> answer.statusCode() == 200 ? new LimitedBody(location, limit, announcedLength(answer))
                        : HttpResponse.BodySubscribers.replacing(null));
        try {
            HttpResponse<byte[]> response = exchange.get(Math.max(0, deadline - System.nanoTime()),
                    TimeUnit.NANOSECONDS);
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + " from " + location);
            }
            return response.body();
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new IOException(location + " did not answer within " + timeout + " (tls().revocation().timeout)", e);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while asking " + location);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io && io.getMessage() != null
                    && io.getMessage().contains(location)) {
                throw io;
            }
            throw new IOException(location + ": " + describe(e.getCause()), e.getCause());
        }
    }

    private static long announcedLength(HttpResponse.ResponseInfo answer) {
        return answer.headers().firstValueAsLong("Content-Length").orElse(-1);
    }

    private static String describe(Throwable cause) {
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    /** Collects a body of at most {@code limit} bytes, and fails as soon as it is larger. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {

        private final String location;
        private final int limit;
        private final long announced;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private Flow.Subscription subscription;

        LimitedBody(String location, int limit, long announced) {
            this.location = location;
            this.limit = limit;
            this.announced = announced;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (announced > limit) {
                tooLarge(location + " announced " + announced + " bytes, more than the limit of " + limit
                        + " (tls().revocation().downloadLimit)");
            } else {
                subscription.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (bytes.size() + buffer.remaining() > limit) {
                    tooLarge(location + " sent more than the limit of " + limit
                            + " bytes (tls().revocation().downloadLimit)");
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable failure) {
            body.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            body.complete(bytes.toByteArray());
        }

        private void tooLarge(String message) {
            subscription.cancel();
            body.completeExceptionally(new IOException(message));
        }
    }
}
