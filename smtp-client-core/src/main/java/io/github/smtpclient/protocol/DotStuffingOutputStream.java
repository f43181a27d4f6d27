package io.github.smtpclient.protocol;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The one gate for message data sent after DATA (RFC 5321 4.5.2). Every byte of the message passes through it,
 * and it enforces two rules:
 * <ul>
 * <li>Every bare CR and every bare LF becomes CRLF; a CRLF stays one CRLF, even when its CR ends one
 *     {@code write} and its LF starts the next. The output therefore has no line ending a server could read
 *     differently from the client (the SMTP smuggling attacks of 2023 rely on exactly that).</li>
 * <li>A {@code '.'} at the start of a line (including the very first line) is doubled, so no input can produce
 *     the end-of-data line {@code "."}: the output contains {@code "\r\n.\r\n"} only once {@link #finish()} wrote
 *     it.</li>
 * </ul>
 * {@link #finish()} ends the data: it completes the last line with CRLF if the data did not end with a line
 * ending, then writes {@code ".\r\n"} (empty data produces just {@code ".\r\n"}). It does not flush, so a
 * pipelined command may follow in the same segment.
 *
 * <p>Runs of ordinary bytes are passed on with one {@code write} call; only bare line endings and leading dots
 * interrupt a run. {@link #close()} neither finishes the data nor closes the connection: a message whose
 * copying failed half way must never be terminated by accident, it must be abandoned with the connection.
 * Not thread-safe.
 */
final class DotStuffingOutputStream extends FilterOutputStream {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte DOT = '.';
    private static final byte[] CRLF = {CR, LF};
    private static final byte[] CR_ONLY = {CR};
    private static final byte[] LF_ONLY = {LF};
    private static final byte[] DOT_ONLY = {DOT};
    private static final byte[] TERMINATOR = {DOT, CR, LF};

    private final byte[] single = new byte[1];
    private boolean atLineStart = true;
    /** A CR was passed on and its LF has not been seen yet; the next byte decides whether to add one. */
    private boolean crPending;
    private long messageBytes;
    private boolean finished;
    private boolean closed;

    DotStuffingOutputStream(OutputStream out) {
        super(Objects.requireNonNull(out, "out"));
    }

    @Override
    public void write(int b) throws IOException {
        single[0] = (byte) b;
        write(single, 0, 1);
    }

    /**
     * Bytes that need no repair (including well-formed CRLFs) pass through in runs; only a missing CR or LF or a
     * stuffing dot breaks a run, so a well-formed message costs one underlying write per buffer, not per line.
     */
    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureWritable();
        int end = off + len;
        int runStart = off;
        // Locals, written back at the end: the loop runs once per byte and must stay in registers.
        boolean lineStart = atLineStart;
        boolean pending = crPending;
        for (int i = off; i < end; i++) {
            byte c = b[i];
            if (c > DOT && !pending) {
                // Above '.' in ASCII: letters, digits and most punctuation (all of base64 but '+') need no repair.
                lineStart = false;
                continue;
            }
            if (pending) {
                pending = false;
                if (c == LF) {
                    lineStart = true;
                    continue;
                }
                runStart = passOn(b, runStart, i);
                out.write(LF_ONLY);
                lineStart = true;
            }
            if (c == CR) {
                pending = true;
            } else if (c == LF) {
                runStart = passOn(b, runStart, i);
                out.write(CR_ONLY);
                lineStart = true;
            } else if (c == DOT && lineStart) {
                // The dot stays at the head of the next run; the extra one goes out now.
                runStart = passOn(b, runStart, i);
                out.write(DOT_ONLY);
                lineStart = false;
            } else {
                lineStart = false;
            }
        }
        atLineStart = lineStart;
        crPending = pending;
        passOn(b, runStart, end);
        messageBytes += len;
    }

    /**
     * Ends the message data: completes the last line if needed and writes the terminating {@code ".\r\n"}.
     * Does not flush. Further writes throw {@link IllegalStateException}.
     */
    void finish() throws IOException {
        ensureWritable();
        if (crPending) {
            out.write(LF_ONLY);
            crPending = false;
        } else if (!atLineStart) {
            out.write(CRLF);
        }
        out.write(TERMINATOR);
        finished = true;
    }

    /** Message bytes accepted so far, before stuffing and line-ending repair. */
    long messageBytes() {
        return messageBytes;
    }

    /** Marks this stream unusable without finishing the data and without closing the connection. */
    @Override
    public void close() {
        closed = true;
    }

    private int passOn(byte[] b, int from, int to) throws IOException {
        if (to > from) {
            out.write(b, from, to - from);
        }
        return to;
    }

    private void ensureWritable() {
        if (finished) {
            throw new IllegalStateException("the message data is already finished");
        }
        if (closed) {
            throw new IllegalStateException("the message data stream is closed");
        }
    }
}
