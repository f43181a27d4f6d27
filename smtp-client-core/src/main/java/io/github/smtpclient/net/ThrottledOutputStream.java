package io.github.smtpclient.net;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes no faster than every one of its {@link RateLimiter}s allows: writes are cut to the smallest piece size and
 * each piece waits for its permits before it is written. Sits above the write deadline, so the waiting is never
 * mistaken for a server that stopped reading.
 */
final class ThrottledOutputStream extends OutputStream {

    private final OutputStream out;
    private final List<RateLimiter> limiters;
    private final int piece;

    ThrottledOutputStream(OutputStream out, List<RateLimiter> limiters) {
        this.out = out;
        this.limiters = List.copyOf(limiters);
        this.piece = Throttling.pieceSize(this.limiters);
    }

    @Override
    public void write(int b) throws IOException {
        Throttling.acquire(limiters, 1);
        out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, piece);
            Throttling.acquire(limiters, n);
            out.write(b, off, n);
            off += n;
            len -= n;
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
