package io.github.smtpclient.net;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicLong;

/** Adds every byte successfully written to the wrapped stream to a counter. */
final class CountingOutputStream extends OutputStream {

    private final OutputStream out;
    private final AtomicLong counter;

    CountingOutputStream(OutputStream out, AtomicLong counter) {
        this.out = out;
        this.counter = counter;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        counter.incrementAndGet();
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        counter.addAndGet(len);
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
