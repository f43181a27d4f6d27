package io.github.smtpclient.protocol;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Objects;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;

/**
 * The one gate for message data that is not BINARYMIME, on both paths: after DATA (RFC 5321 4.5.2) and inside BDAT
 * chunks (RFC 3030). Every byte of such a message passes through it, and it enforces these rules:
 * <ul>
 * <li>Every bare CR and every bare LF becomes CRLF; a CRLF stays one CRLF, even when its CR ends one {@code write}
 *     and its LF starts the next. The output therefore has no line ending a server could read differently from
 *     the client (the SMTP smuggling attacks of 2023 rely on exactly that), and DATA and BDAT deliver the same
 *     bytes.</li>
 * <li>No NUL, no line longer than 998 octets before its CRLF (RFC 5321 4.5.3.1.6), and no octet above 127 unless
 *     8-bit data was declared. A byte that breaks a rule is never passed on: the write throws an
 *     {@link SmtpException} with {@link SmtpErrorCode#ILLEGAL_WIRE_VALUE}, the data is not ended, and the engine
 *     closes the connection so the server discards what it holds.</li>
 * <li>With dot-stuffing (the DATA path), a {@code '.'} at the start of a line (including the very first line) is
 *     doubled, so no input can produce the end-of-data line {@code "."}: the output contains {@code "\r\n.\r\n"}
 *     only once {@link #finish()} wrote it.</li>
 * </ul>
 * {@link #finish()} completes the last line with CRLF if the data did not end with a line ending and, with
 * dot-stuffing, writes {@code ".\r\n"} (empty data produces just {@code ".\r\n"}). It does not flush, so a pipelined
 * command may follow in the same segment.
 *
 * <p>The scan runs a word at a time ({@link Octets#nextLineBreakOrIllegal}); runs of ordinary bytes, well-formed
 * CRLFs included, are passed on with one {@code write} call, and only bare line endings and leading dots interrupt
 * a run. {@link #close()} neither finishes the data nor closes the connection: a message whose copying failed half
 * way must never be terminated by accident, it must be abandoned with the connection. Not thread-safe.
 */
final class MessageDataOutputStream extends FilterOutputStream {

    /** RFC 5321 4.5.3.1.6: 1000 octets per line including the CRLF. */
    static final int MAX_LINE_OCTETS = 998;

    /**
     * Octets gated and passed on at a time: well within a core's L2 cache, as much as the JDK's socket writes at a
     * time, and more than the command writer buffers, so a clean slice goes to the socket without another copy.
     */
    static final int SLICE = 128 * 1024;

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte DOT = '.';
    private static final byte[] CRLF = {CR, LF};
    private static final byte[] CR_ONLY = {CR};
    private static final byte[] LF_ONLY = {LF};
    private static final byte[] DOT_ONLY = {DOT};
    private static final byte[] TERMINATOR = {DOT, CR, LF};

    private final boolean eightBit;
    private final boolean dotStuffing;
    private final byte[] single = new byte[1];
    /** The next byte starts a line (and, with dot-stuffing, is checked for a leading dot). */
    private boolean atLineStart = true;
    /** A CR was passed on and its LF has not been seen yet; the next byte decides whether to add one. */
    private boolean crPending;
    /** Octets of the current line so far, when neither {@link #atLineStart} nor {@link #crPending}. */
    private int lineLength;
    private long lines = 1;
    private long messageBytes;
    private boolean finished;
    private boolean closed;

    private MessageDataOutputStream(OutputStream out, boolean eightBit, boolean dotStuffing) {
        super(Objects.requireNonNull(out, "out"));
        this.eightBit = eightBit;
        this.dotStuffing = dotStuffing;
    }

    /**
     * The data after DATA: normalised, checked, dot-stuffed, ended by {@code ".\r\n"}.
     *
     * @param eightBit whether octets above 127 may pass (BODY=8BITMIME or SMTPUTF8 declared)
     */
    static MessageDataOutputStream dotStuffed(OutputStream out, boolean eightBit) {
        return new MessageDataOutputStream(out, eightBit, true);
    }

    /**
     * The payload of BDAT chunks that are not BINARYMIME: normalised and checked exactly as after DATA, with the
     * last line completed, but not dot-stuffed (the chunk length delimits the data).
     *
     * @param eightBit whether octets above 127 may pass (BODY=8BITMIME or SMTPUTF8 declared)
     */
    static MessageDataOutputStream unstuffed(OutputStream out, boolean eightBit) {
        return new MessageDataOutputStream(out, eightBit, false);
    }

    @Override
    public void write(int b) throws IOException {
        single[0] = (byte) b;
        write(single, 0, 1);
    }

    /**
     * Bytes that need no repair (including well-formed CRLFs) pass through in runs; only a missing CR or LF or a
     * stuffing dot breaks a run, so a well-formed message costs one underlying write per slice of {@value #SLICE}
     * octets, not per line. Slicing a large write keeps the octets just scanned in the CPU's cache for the copy
     * that passes them on.
     */
    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureWritable();
        int from = off;
        for (int rest = len; rest > 0; ) {
            int slice = Math.min(SLICE, rest);
            writeSlice(b, from, slice);
            from += slice;
            rest -= slice;
        }
    }

    private void writeSlice(byte[] b, int off, int len) throws IOException {
        int end = off + len;
        int runStart = off;
        int i = off;
        if (crPending) {
            crPending = false;
            atLineStart = true;
            if (b[i] == LF) {
                i++;
            } else {
                out.write(LF_ONLY);
            }
        }
        // Where the current line began; before off when it began in an earlier write.
        int lineBegin;
        if (atLineStart) {
            lineBegin = i;
            if (i < end) {
                atLineStart = false;
                runStart = stuffLeadingDot(b, runStart, i);
            }
        } else {
            lineBegin = off - lineLength;
        }
        while (true) {
            i = Octets.nextLineBreakOrIllegal(b, i, end, eightBit);
            if (i == end) {
                break;
            }
            byte c = b[i];
            int endedLength = i - lineBegin;
            if (c == CR) {
                checkLineLength(endedLength, lineBegin, off);
                lines++;
                if (i + 1 == end) {
                    // Its LF, if any, comes with the next write; the CR goes out with this run.
                    crPending = true;
                    i = end;
                    break;
                }
                if (b[i + 1] == LF) {
                    i += 2;
                } else {
                    i++;
                    runStart = passOn(b, runStart, i);
                    out.write(LF_ONLY);
                }
            } else if (c == LF) {
                checkLineLength(endedLength, lineBegin, off);
                lines++;
                runStart = passOn(b, runStart, i);
                out.write(CR_ONLY);
                i++;
            } else if (c == 0) {
                throw illegal("a NUL octet", "only a BINARYMIME body may carry one", off, i);
            } else if (c < 0) {
                throw illegal(String.format(Locale.ROOT, "the 8-bit octet 0x%02X", c & 0xff),
                        "it was declared 7-bit, and 8-bit octets need BODY=8BITMIME", off, i);
            } else {
                // Another control character (TAB, FF...): ordinary data.
                i++;
                continue;
            }
            lineBegin = i;
            if (i == end) {
                atLineStart = true;
                break;
            }
            runStart = stuffLeadingDot(b, runStart, i);
            i = skipEqualLines(b, i, end, endedLength);
            lineBegin = i;
        }
        if (!crPending && !atLineStart) {
            checkLineLength(end - lineBegin, lineBegin, off);
            lineLength = end - lineBegin;
        }
        passOn(b, runStart, end);
        messageBytes += len;
    }

    /**
     * Ends the message data: completes the last line if needed and, with dot-stuffing, writes the terminating
     * {@code ".\r\n"}. Does not flush. Further writes throw {@link IllegalStateException}.
     */
    void finish() throws IOException {
        ensureWritable();
        if (crPending) {
            out.write(LF_ONLY);
            crPending = false;
        } else if (!atLineStart) {
            out.write(CRLF);
        }
        atLineStart = true;
        if (dotStuffing) {
            out.write(TERMINATOR);
        }
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

    /** A line starts at {@code i}: a leading dot gets a second one in front. Returns the new run start. */
    private int stuffLeadingDot(byte[] b, int runStart, int i) throws IOException {
        if (!dotStuffing || b[i] != DOT) {
            return runStart;
        }
        // The dot stays at the head of the next run; the extra one goes out now.
        int next = passOn(b, runStart, i);
        out.write(DOT_ONLY);
        return next;
    }

    /**
     * Passes over the lines from {@code i} that are as long as the one before and need nothing done
     * ({@link Octets#endOfEqualLines}; within the 998-octet limit, since the line before passed it). The line at
     * {@code i} was checked for its leading dot already. The lines passed over stay in the current run.
     */
    private int skipEqualLines(byte[] b, int i, int end, int length) {
        int next = Octets.endOfEqualLines(b, i, end, length, eightBit, dotStuffing);
        lines += (next - i) / (length + 2);
        return next;
    }

    /**
     * Checked before any byte of the line in this write is passed on, so an over-long line never reaches the wire
     * whole; the error names its first octet over the limit.
     */
    private void checkLineLength(int length, int lineBegin, int off) throws SmtpException {
        if (length > MAX_LINE_OCTETS) {
            throw illegal("a line longer than " + MAX_LINE_OCTETS + " octets",
                    "only a BINARYMIME body may carry one", off, lineBegin + MAX_LINE_OCTETS);
        }
    }

    private SmtpException illegal(String what, String rule, int off, int at) {
        long offset = messageBytes + (at - off);
        return new SmtpException(SmtpErrorCode.ILLEGAL_WIRE_VALUE, "The message data has " + what + " at line "
                + lines + " (byte " + offset + "): " + rule + ". It was not passed on and the data was not ended, so"
                + " the server discards the message; encode the content (base64 or quoted-printable) or declare the"
                + " body type it needs");
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
