package io.github.smtpclient.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.smtpclient.Hint;
import io.github.smtpclient.Reply;
import io.github.smtpclient.Setting;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.text.PrintableText;

/**
 * The one gate for bytes from the server: turns the input stream into {@link Reply} values and refuses anything
 * that is not a well-formed SMTP reply (RFC 5321 4.2), so the engine never acts on garbage.
 *
 * <p>Rules enforced, each failure a {@link SmtpErrorCode#PROTOCOL_VIOLATION} unless stated:
 * <ul>
 * <li>Every line starts with three ASCII digits, the first 2-5 (1xx and 6xx-9xx are not SMTP replies), followed
 *     by {@code ' '} (final line) or {@code '-'} (more lines follow). A line that is just the code
 *     ({@code "250"}) and an empty text ({@code "250 "}, as Postfix smtp-sink ends its EHLO reply) are accepted
 *     as final lines with empty text.</li>
 * <li>Every line of a multi-line reply carries the same code.</li>
 * <li>Lines end with CRLF; a bare LF is tolerated (a CR just before it is stripped).</li>
 * <li>A line longer than {@code maxLineLength} octets (without its line ending) is refused instead of buffered,
 *     and so is a reply of more than {@value #MAX_LINES_PER_REPLY} lines: a hostile server cannot make the client
 *     use unbounded memory.</li>
 * <li>Text bytes outside ASCII are decoded as UTF-8 (RFC 6531 servers may send it); malformed sequences are
 *     replaced with U+FFFD rather than refused, because reply text is only ever shown to people.</li>
 * <li>If a reply starts like a TLS record (handshake {@code 0x16 0x03} or alert {@code 0x15 0x03}) the server
 *     speaks TLS on this port: {@link SmtpErrorCode#TLS_MODE_MISMATCH}, and the error says to use implicit TLS.</li>
 * <li>End of stream before a final line is {@link SmtpErrorCode#CONNECTION_CLOSED}; a
 *     {@link SocketTimeoutException} is {@link SmtpErrorCode#TIMEOUT}.</li>
 * <li>{@link #read(Duration, Setting)} bounds the whole reply, not each read: it runs the {@link ReadDeadline} (the
 *     wire's, which bounds every read by the time left), and checks it again before every read, so a server that
 *     drips a byte at a time times out all the same.</li>
 * </ul>
 *
 * <p>The reader keeps its own buffer and reads whatever the stream has ready, so replies split across reads and
 * several pipelined replies in one read both work; it only calls {@code read} when the current reply needs more
 * bytes. Bytes read beyond the current reply stay buffered for the next call, and {@link #bufferedBytes()} exposes
 * their count so the engine can detect bytes injected after the STARTTLS reply. Not thread-safe.
 */
final class ReplyReader {

    /** Default longest accepted reply line, in octets without the line ending. */
    static final int DEFAULT_MAX_LINE_LENGTH = 4096;

    /** Most lines accepted in one reply. */
    static final int MAX_LINES_PER_REPLY = 1000;

    /** RFC 5321 4.5.3.1.5: servers may send reply lines of 512 octets, so no smaller limit is allowed. */
    static final int MIN_MAX_LINE_LENGTH = 512;

    private static final int BUFFER_SIZE = 8 * 1024;
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private InputStream in;
    private final ReadDeadline deadline;
    private final int maxLineLength;
    private final byte[] buffer;
    /** Index of the first unconsumed byte in {@link #buffer}. */
    private int start;
    /** Index after the last byte read into {@link #buffer}. */
    private int end;
    /** Whether any byte was ever read from the stream. */
    private boolean receivedAny;
    private final RecentReplies recent = new RecentReplies();

    ReplyReader(InputStream in) {
        this(in, DEFAULT_MAX_LINE_LENGTH);
    }

    ReplyReader(InputStream in, int maxLineLength) {
        this(in, new ReadDeadline(), maxLineLength);
    }

    /** @param deadline the deadline that also bounds the stream's reads (the wire's), started per reply */
    ReplyReader(InputStream in, ReadDeadline deadline, int maxLineLength) {
        if (maxLineLength < MIN_MAX_LINE_LENGTH) {
            throw new IllegalArgumentException("maxLineLength must be at least " + MIN_MAX_LINE_LENGTH
                    + " (RFC 5321 reply line length), was " + maxLineLength);
        }
        this.in = requireStream(in);
        this.deadline = deadline;
        this.maxLineLength = maxLineLength;
        this.buffer = new byte[Math.max(BUFFER_SIZE, maxLineLength + 2)];
    }

    /**
     * Reads one complete reply, which must be complete within {@code timeout} of this call however its bytes are
     * spread over reads.
     *
     * @param setting the setting that chose the timeout, named in the advice of a timeout; null for a wait of the engine's own
     * @throws SmtpException as {@link #read()}; TIMEOUT when the reply is not complete in time
     */
    Reply read(Duration timeout, Setting setting) throws SmtpException {
        deadline.start(timeout, setting);
        try {
            return read();
        } finally {
            deadline.clear();
        }
    }

    /**
     * Reads one complete reply, blocking until its final line has arrived, bounded only by a running deadline and the
     * stream's own timeout.
     *
     * <p>After an exception the reader's position is undefined (part of a reply may be consumed): the connection
     * must be abandoned, which every one of these failures demands anyway.
     *
     * @throws SmtpException PROTOCOL_VIOLATION for a malformed reply, CONNECTION_CLOSED at end of stream or on a
     *                       failed read, TIMEOUT when the socket timeout expires
     */
    Reply read() throws SmtpException {
        // Most replies are one line: the list of lines is made only when a second one comes.
        List<String> lines = null;
        int code = 0;
        while (true) {
            int lineEnd = nextLineEnd(lines == null ? 0 : lines.size());
            int lineStart = start;
            int contentEnd = lineEnd > lineStart && buffer[lineEnd - 1] == CR ? lineEnd - 1 : lineEnd;
            start = lineEnd + 1;
            int lineCode = parseCode(lineStart, contentEnd);
            if (lines == null) {
                code = lineCode;
            } else if (lineCode != code) {
                throw violation("the server mixed reply codes " + code + " and " + lineCode + " in one multi-line reply");
            }
            boolean last = contentEnd - lineStart == 3 || buffer[lineStart + 3] == ' ';
            int textStart = Math.min(lineStart + 4, contentEnd);
            if (last && lines == null) {
                return recent.reply(code, buffer, textStart, contentEnd);
            }
            String text = new String(buffer, textStart, contentEnd - textStart, StandardCharsets.UTF_8);
            if (lines == null) {
                lines = new ArrayList<>();
            }
            lines.add(text);
            if (last) {
                return new Reply(code, lines);
            }
            if (lines.size() == MAX_LINES_PER_REPLY) {
                throw violation("the server sent a reply of more than " + MAX_LINES_PER_REPLY + " lines");
            }
        }
    }

    /** Bytes read from the stream but not yet consumed by {@link #read()}. */
    int bufferedBytes() {
        return end - start;
    }

    /** Whether the stream has not delivered a single byte yet, for instance because the server never greeted. */
    boolean receivedNothing() {
        return !receivedAny;
    }

    /**
     * Reads whatever the stream delivers within {@code wait} into the buffer, without parsing it; used to look at
     * bytes the server sent when it owed nothing. A timeout or the end of the stream is no error here.
     *
     * @return whether any byte arrived
     */
    boolean readWaiting(Duration wait) throws SmtpException {
        compact();
        deadline.startSingleWait(wait, "the check for unexpected bytes");
        try {
            return fillOnce() > 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            throw readFailure(e, false);
        } finally {
            deadline.clear();
        }
    }

    /** Whether the buffered, unconsumed bytes start like a 421 reply (the server closing the session). */
    boolean bufferedStartsWith421() {
        return end - start >= 3 && buffer[start] == '4' && buffer[start + 1] == '2' && buffer[start + 2] == '1'
                && (end - start == 3 || buffer[start + 3] == ' ' || buffer[start + 3] == '-' || buffer[start + 3] == CR
                        || buffer[start + 3] == LF);
    }

    /** The start of the buffered, unconsumed bytes, for an error message (escaped, at most 40 characters). */
    String bufferedPreview() {
        return printable(start, end);
    }

    /**
     * Whether a reply line can be read without waiting for the network: a complete line is buffered or the stream
     * reports available bytes. Never blocks; used to collect pipelined replies opportunistically.
     */
    boolean replyAvailable() throws SmtpException {
        if (indexOfLf(start) >= 0) {
            return true;
        }
        try {
            return in.available() > 0;
        } catch (IOException e) {
            throw readFailure(e, false);
        }
    }

    /**
     * Continues reading from a new stream, the decrypted one after a TLS handshake.
     *
     * @throws IllegalStateException if unconsumed bytes from the old stream are buffered: they arrived before the
     *                               handshake and must not be treated as protected
     */
    void switchInput(InputStream newInput) {
        if (bufferedBytes() > 0) {
            throw new IllegalStateException(bufferedBytes()
                    + " unconsumed bytes from the unencrypted stream are buffered; refusing to switch input");
        }
        this.in = requireStream(newInput);
        start = 0;
        end = 0;
    }

    /** Returns the index of the LF ending the next line, reading until it is buffered. */
    private int nextLineEnd(int linesSoFar) throws SmtpException {
        int scanned = 0;
        while (true) {
            if (linesSoFar == 0) {
                rejectTlsRecord();
            }
            int lf = indexOfLf(start + scanned);
            if (lf >= 0) {
                int length = lf - start - (lf > start && buffer[lf - 1] == CR ? 1 : 0);
                if (length > maxLineLength) {
                    throw lineTooLong();
                }
                return lf;
            }
            // Without its LF the line may still end in the CR of its CRLF, hence the + 1.
            if (end - start > maxLineLength + 1) {
                throw lineTooLong();
            }
            scanned = end - start;
            fill(linesSoFar);
        }
    }

    private void rejectTlsRecord() throws SmtpException {
        if (end - start >= 2 && (buffer[start] == 0x16 || buffer[start] == 0x15) && buffer[start + 1] == 0x03) {
            throw new SmtpException(SmtpErrorCode.TLS_MODE_MISMATCH, "the server answered with a TLS record instead"
                    + " of an SMTP reply: the port expects TLS from the first byte (implicit TLS, usually port 465).")
                    .withHint(Hint.of("Use {}.", Setting.TLS_MODE.to("IMPLICIT")));
        }
    }

    private int indexOfLf(int from) {
        for (int i = from; i < end; i++) {
            if (buffer[i] == LF) {
                return i;
            }
        }
        return -1;
    }

    /** Reads at least one more byte into the buffer, moving unconsumed bytes to its front first. */
    private void fill(int linesSoFar) throws SmtpException {
        compact();
        int n;
        try {
            n = fillOnce();
        } catch (IOException e) {
            throw readFailure(e, linesSoFar > 0 || end > start);
        }
        if (n < 0) {
            throw new SmtpException(SmtpErrorCode.CONNECTION_CLOSED, linesSoFar > 0 || end > start
                    ? "the server closed the connection in the middle of a reply"
                    : "the server closed the connection");
        }
    }

    /** Moves the unconsumed bytes to the front of the buffer, so a read has all the room behind them. */
    private void compact() {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
    }

    /** One read into the free end of the buffer, unless the deadline has passed. */
    private int fillOnce() throws IOException {
        deadline.nextReadTimeoutMillis();
        int n = in.read(buffer, end, buffer.length - end);
        if (n > 0) {
            end += n;
            receivedAny = true;
        }
        return n;
    }

    private int parseCode(int lineStart, int contentEnd) throws SmtpException {
        int length = contentEnd - lineStart;
        if (length < 3 || !isDigit(buffer[lineStart], '2', '5') || !isDigit(buffer[lineStart + 1], '0', '9')
                || !isDigit(buffer[lineStart + 2], '0', '9')) {
            throw violation("the server sent a reply line that does not start with a reply code 200-599: \""
                    + printable(lineStart, contentEnd) + "\"");
        }
        if (length > 3 && buffer[lineStart + 3] != ' ' && buffer[lineStart + 3] != '-') {
            throw violation("the server sent a reply line with neither ' ' nor '-' after the code: \""
                    + printable(lineStart, contentEnd) + "\"");
        }
        return (buffer[lineStart] - '0') * 100 + (buffer[lineStart + 1] - '0') * 10 + (buffer[lineStart + 2] - '0');
    }

    private static boolean isDigit(byte b, char min, char max) {
        return b >= min && b <= max;
    }

    /** The start of an offending line for an error message, decoded as reply text is and escaped for people. */
    private String printable(int from, int to) {
        String shown = PrintableText.escape(new String(buffer, from, Math.min(to - from, 40), StandardCharsets.UTF_8));
        return to - from > 40 ? shown + "..." : shown;
    }

    private SmtpException lineTooLong() {
        return violation("the server sent a reply line longer than " + maxLineLength + " octets");
    }

    private static SmtpException violation(String message) {
        return new SmtpException(SmtpErrorCode.PROTOCOL_VIOLATION, message);
    }

    private SmtpException readFailure(IOException e, boolean midReply) {
        if (e instanceof SmtpException smtp) {
            return smtp;
        }
        if (e instanceof SocketTimeoutException) {
            String within = deadline.isRunning() ? "within " + deadline.timeout().toMillis() + " ms"
                    : "within the socket timeout";
            Setting setting = deadline.isRunning() ? deadline.setting() : Setting.SOCKET_TIMEOUT;
            SmtpException timeout = new SmtpException(SmtpErrorCode.TIMEOUT, midReply
                    ? "the server started a reply but did not complete it " + within + "."
                    : "no reply from the server " + within + ".", e);
            return setting == null ? timeout
                    : timeout.withHint(Hint.raiseIfSlow(setting.mention()));
        }
        return new SmtpException(SmtpErrorCode.CONNECTION_CLOSED, "the connection failed while reading a reply: " + e, e);
    }

    private static InputStream requireStream(InputStream in) {
        if (in == null) {
            throw new IllegalArgumentException("input stream must not be null");
        }
        return in;
    }
}
