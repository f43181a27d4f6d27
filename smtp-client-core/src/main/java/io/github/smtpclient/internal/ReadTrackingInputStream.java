package io.github.smtpclient.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import io.github.smtpclient.SmtpClient;

/** Remembers whether anyone read from a stream, which decides whether a send from it may be tried again. */
public final class ReadTrackingInputStream extends FilterInputStream {

    private volatile boolean touched;

    /** @param in the caller's stream, read through */
    public ReadTrackingInputStream(InputStream in) {
        super(in);
    }

    /** Whether nothing has been read or skipped yet, so the stream is still whole. */
    public boolean isUntouched() {
        return !touched;
    }

    @Override
    public int read() throws IOException {
        touched = true;
        return super.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        touched = true;
        return super.read(b, off, len);
    }

    @Override
    public long skip(long n) throws IOException {
        touched = true;
        return super.skip(n);
    }

    /** Does not close the caller's stream: the caller owns it, as with {@link SmtpClient#sendStream}. */
    @Override
    public void close() {
    }
}
