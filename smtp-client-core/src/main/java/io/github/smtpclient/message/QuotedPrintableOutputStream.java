package io.github.smtpclient.message;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Encodes bytes as quoted-printable (RFC 2045 section 6.7) on their way to another stream. CRLF pairs are line
 * breaks; a lone CR or LF is encoded, so binary-safe. White space before a line break is encoded, lines are broken
 * with soft line breaks before 76 characters, and {@link #close()} finishes the encoding without closing the
 * underlying stream.
 */
final class QuotedPrintableOutputStream extends FilterOutputStream {

    private static final int MAX_LINE = 76;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private int lineLength;
    private int pendingWhitespace = -1;
    private boolean pendingCr;

    QuotedPrintableOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        int c = b & 0xff;
        if (pendingCr) {
            pendingCr = false;
            if (c == '\n') {
                flushWhitespace(true);
                out.write('\r');
                out.write('\n');
                lineLength = 0;
                return;
            }
            flushWhitespace(false);
            emitEncoded('\r');
        }
        if (c == '\r') {
            pendingCr = true;
        } else if (c == ' ' || c == '\t') {
            flushWhitespace(false);
            pendingWhitespace = c;
        } else {
            flushWhitespace(false);
            if (c > ' ' && c <= '~' && c != '=') {
                emit(c);
            } else {
                emitEncoded(c);
            }
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }

    /** Writes what is pending, as at the end of the data, and flushes; the underlying stream stays open. */
    @Override
    public void close() throws IOException {
        if (pendingCr) {
            pendingCr = false;
            flushWhitespace(false);
            emitEncoded('\r');
        }
        flushWhitespace(true);
        out.flush();
    }

    private void flushWhitespace(boolean atLineEnd) throws IOException {
        if (pendingWhitespace >= 0) {
            int c = pendingWhitespace;
            pendingWhitespace = -1;
            if (atLineEnd) {
                emitEncoded(c);
            } else {
                emit(c);
            }
        }
    }

    private void emit(int c) throws IOException {
        softBreakIfNeeded(1);
        out.write(c);
        lineLength++;
    }

    private void emitEncoded(int c) throws IOException {
        softBreakIfNeeded(3);
        out.write('=');
        out.write(HEX[c >> 4]);
        out.write(HEX[c & 0xf]);
        lineLength += 3;
    }

    private void softBreakIfNeeded(int needed) throws IOException {
        if (lineLength + needed > MAX_LINE - 1) {
            out.write('=');
            out.write('\r');
            out.write('\n');
            lineLength = 0;
        }
    }
}
