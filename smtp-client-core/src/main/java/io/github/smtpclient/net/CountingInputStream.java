package io.github.smtpclient.net;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/** Adds every byte read (or skipped) from the wrapped stream to a counter. */
final class CountingInputStream extends FilterInputStream {

    private final AtomicLong counter;

    CountingInputStream(InputStream in, AtomicLong counter) {
        super(in);
        this.counter = counter;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            counter.incrementAndGet();
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            counter.addAndGet(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(n);
        counter.addAndGet(skipped);
        return skipped;
    }
}
