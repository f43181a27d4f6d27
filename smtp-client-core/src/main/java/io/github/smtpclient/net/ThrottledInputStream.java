package io.github.smtpclient.net;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Reads no faster than every one of its {@link RateLimiter}s allows: each read asks for at most the smallest
 * piece size, and after it returns waits until the bytes read are paid for. While the reader waits the socket's
 * receive buffer fills, and TCP flow control slows the sender down.
 */
final class ThrottledInputStream extends FilterInputStream {

    private final List<RateLimiter> limiters;
    private final int piece;

    ThrottledInputStream(InputStream in, List<RateLimiter> limiters) {
        super(in);
        this.limiters = List.copyOf(limiters);
        this.piece = Throttling.pieceSize(this.limiters);
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            Throttling.acquire(limiters, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, Math.min(len, piece));
        if (n > 0) {
            Throttling.acquire(limiters, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(Math.min(n, piece));
        if (skipped > 0) {
            Throttling.acquire(limiters, (int) skipped);
        }
        return skipped;
    }
}
