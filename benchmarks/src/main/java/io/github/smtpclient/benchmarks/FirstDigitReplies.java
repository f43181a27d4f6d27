package io.github.smtpclient.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads SMTP replies, multi-line ones included, checking only the first digit of each: the minimal clients' reading. */
public final class FirstDigitReplies {

    private final InputStream in;
    private final byte[] buffer = new byte[8192];
    private int start;
    private int end;
    /** Start of the line {@link #lineEnd()} consumed last. */
    private int lineStart;

    public FirstDigitReplies(InputStream in) {
        this.in = in;
    }

    /** Reads one reply; throws when its first digit is not {@code firstDigit} or the connection closed. */
    public void expect(int firstDigit) throws IOException {
        while (true) {
            int lf = lineEnd();
            boolean last = lf - lineStart < 4 || buffer[lineStart + 3] != '-';
            if (buffer[lineStart] != '0' + firstDigit) {
                throw new IOException("unexpected reply: "
                        + new String(buffer, lineStart, lf - lineStart, StandardCharsets.US_ASCII));
            }
            if (last) {
                return;
            }
        }
    }

    /** Index of the LF ending the next line; consumes the line. */
    private int lineEnd() throws IOException {
        while (true) {
            for (int i = start; i < end; i++) {
                if (buffer[i] == '\n') {
                    lineStart = start;
                    start = i + 1;
                    return i;
                }
            }
            if (start > 0) {
                System.arraycopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            int n = in.read(buffer, end, buffer.length - end);
            if (n < 0) {
                throw new IOException("connection closed");
            }
            end += n;
        }
    }
}
