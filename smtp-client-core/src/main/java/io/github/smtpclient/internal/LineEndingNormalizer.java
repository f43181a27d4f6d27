package io.github.smtpclient.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Message bytes in the form the data gate puts them on the wire: every bare CR and every bare LF becomes CRLF (a CRLF
 * split over two writes stays one), and {@link #finish()} completes a last line without a line break. What it writes
 * passes the gate unchanged, so a DKIM signature computed over it holds for the bytes the server receives. Counts
 * what it writes. Not thread-safe.
 */
final class LineEndingNormalizer extends FilterOutputStream {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte[] CRLF = {CR, LF};
    private static final byte[] LF_ONLY = {LF};

    private final byte[] single = new byte[1];
    private boolean crPending;
    private boolean atLineStart = true;
    private long written;

    LineEndingNormalizer(OutputStream out) {
        super(Objects.requireNonNull(out, "out"));
    }

    @Override
    public void write(int b) throws IOException {
        single[0] = (byte) b;
        write(single, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return;
        }
        int end = off + len;
        int i = off;
        if (crPending) {
            crPending = false;
            if (b[i] == LF) {
                i++;
            }
            pass(LF_ONLY, 0, 1);
        }
        int runStart = i;
        for (; i < end; i++) {
            byte c = b[i];
            if (c == CR) {
                if (i + 1 == end) {
                    pass(b, runStart, i + 1 - runStart);
                    crPending = true;
                    atLineStart = true;
                    return;
                }
                if (b[i + 1] == LF) {
                    i++;
                } else {
                    pass(b, runStart, i + 1 - runStart);
                    pass(LF_ONLY, 0, 1);
                    runStart = i + 1;
                }
            } else if (c == LF) {
                pass(b, runStart, i - runStart);
                pass(CRLF, 0, 2);
                runStart = i + 1;
            }
        }
        pass(b, runStart, end - runStart);
        byte last = b[end - 1];
        atLineStart = last == LF;
    }

    /** Completes the last line (a pending CR gets its LF, a line without a break gets CRLF). Does not flush. */
    void finish() throws IOException {
        if (crPending) {
            pass(LF_ONLY, 0, 1);
            crPending = false;
        } else if (!atLineStart) {
            pass(CRLF, 0, 2);
        }
        atLineStart = true;
    }

    /** The bytes written to the stream beneath. */
    long written() {
        return written;
    }

    private void pass(byte[] b, int off, int len) throws IOException {
        if (len > 0) {
            out.write(b, off, len);
            written += len;
        }
    }
}
