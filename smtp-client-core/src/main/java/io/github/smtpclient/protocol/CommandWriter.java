package io.github.smtpclient.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

import io.github.smtpclient.Hint;
import io.github.smtpclient.Setting;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;

/**
 * The one gate for bytes to the server: every command line and, through {@link #rawOutput()}, all message data
 * pass through its buffer, so pipelined commands and the end of message data can share a TCP segment.
 *
 * <p>{@link #writeCommand} checks the encoded bytes, not the string, so nothing a caller passes can end a command
 * early and smuggle a second one (CR/LF injection). It refuses CR, LF, NUL and every other control byte
 * (0x00-0x1F, including HTAB, and 0x7F), non-ASCII bytes unless SMTPUTF8 was negotiated, unpaired surrogates, and
 * lines longer than {@value #MAX_COMMAND_LINE_LENGTH} octets including CRLF (RFC 4954's limit for AUTH, the longest
 * command). The error message names the byte position but never echoes the line, which may carry credentials.
 *
 * <p>Nothing is sent until {@link #flush()} (or the buffer fills). I/O failures become {@link SmtpException}:
 * a socket timeout is {@link SmtpErrorCode#TIMEOUT}, anything else {@link SmtpErrorCode#CONNECTION_CLOSED}.
 * Not thread-safe.
 */
final class CommandWriter {

    /** Default buffer size in bytes (the reference's SendBufferSize). */
    static final int DEFAULT_BUFFER_SIZE = 64 * 1024;

    /** Longest command line in octets, CRLF included (RFC 4954 section 4). */
    static final int MAX_COMMAND_LINE_LENGTH = 12_288;

    private static final byte[] CRLF = {'\r', '\n'};

    private final BufferedWireOutput output;

    CommandWriter(OutputStream out) {
        this(out, DEFAULT_BUFFER_SIZE);
    }

    CommandWriter(OutputStream out, int bufferSize) {
        if (bufferSize < 1) {
            throw new IllegalArgumentException("send buffer size must be positive, was " + bufferSize);
        }
        this.output = new BufferedWireOutput(requireStream(out), bufferSize);
    }

    /**
     * Appends one command line and CRLF to the buffer, without flushing.
     *
     * @param line        the command without line ending, for example {@code "MAIL FROM:<a@example.test>"}
     * @param utf8Allowed whether the server offered SMTPUTF8 and the session uses it; otherwise only ASCII passes
     * @throws SmtpException ILLEGAL_WIRE_VALUE when the line contains a forbidden byte or is too long (nothing is
     *                       buffered then); CONNECTION_CLOSED or TIMEOUT when a full buffer cannot be sent
     */
    void writeCommand(String line, boolean utf8Allowed) throws SmtpException {
        writeEncoded(encodeCommand(line, utf8Allowed));
    }

    /**
     * Checks one command line as {@link #writeCommand} does and returns its bytes (without CRLF), without buffering
     * anything: a pipelined group is encoded whole before any of it is written, so a value that fails leaves no
     * stale command behind in the buffer.
     *
     * @throws SmtpException ILLEGAL_WIRE_VALUE when the line contains a forbidden byte or is too long
     */
    byte[] encodeCommand(String line, boolean utf8Allowed) throws SmtpException {
        byte[] bytes = encode(line);
        if (bytes.length + CRLF.length > MAX_COMMAND_LINE_LENGTH) {
            throw illegal("the " + verb(line) + " command is " + (bytes.length + CRLF.length) + " octets long; at most "
                    + MAX_COMMAND_LINE_LENGTH + " are allowed (RFC 4954)");
        }
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            if (b < 0x20 || b == 0x7F) {
                throw illegal("the " + verb(line) + " command contains the control byte " + describe(b) + " at byte "
                        + i + "; CR/LF and other control characters are refused to prevent command injection");
            }
            if (b >= 0x80 && !utf8Allowed) {
                throw illegal("the " + verb(line) + " command contains a non-ASCII character at byte " + i
                        + "; the server did not offer SMTPUTF8, so only ASCII may be sent");
            }
        }
        return bytes;
    }

    /** Appends a line {@link #encodeCommand} made and CRLF to the buffer, without flushing. */
    void writeEncoded(byte[] line) throws SmtpException {
        output.write(line, 0, line.length);
        output.write(CRLF, 0, CRLF.length);
    }

    /** Sends everything buffered. */
    void flush() throws SmtpException {
        output.flush();
    }

    /**
     * The buffered stream for message data, shared with commands. Its exceptions are {@link SmtpException}s;
     * closing it only flushes, it never closes the connection.
     */
    OutputStream rawOutput() {
        return output;
    }

    /** Flushes what is buffered, then continues on a new stream (the encrypted one after a TLS handshake). */
    void switchOutput(OutputStream newOutput) throws SmtpException {
        requireStream(newOutput);
        output.flush();
        output.target = newOutput;
    }

    /** Bytes accepted so far, commands and raw data together, whether or not flushed yet. */
    long bytesWritten() {
        return output.count;
    }

    /**
     * Bytes handed to the connection so far: {@link #bytesWritten()} less what still waits in the buffer. Bytes
     * counted here may have reached the server; the others cannot have.
     */
    long bytesSent() {
        return output.count - output.size;
    }

    /** Commands are almost always ASCII; only the rest pays for a checked UTF-8 encoder. */
    private static byte[] encode(String line) throws SmtpException {
        if (isAscii(line)) {
            return line.getBytes(StandardCharsets.ISO_8859_1); // all below 0x80: the same bytes, copied without a check
        }
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(line));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw illegal("the " + verb(line) + " command contains an unpaired UTF-16 surrogate, which has no"
                    + " encoding on the wire", e);
        }
    }

    private static boolean isAscii(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** The command's verb for error messages: the leading letters only, so no argument (or secret) leaks. */
    private static String verb(String line) {
        int i = 0;
        while (i < line.length() && i < 12 && Character.isLetter(line.charAt(i)) && line.charAt(i) < 0x80) {
            i++;
        }
        return i == 0 ? "(unnamed)" : line.substring(0, i).toUpperCase(Locale.ROOT);
    }

    private static String describe(int b) {
        String hex = String.format("0x%02X", b);
        return switch (b) {
            case '\r' -> "CR (" + hex + ")";
            case '\n' -> "LF (" + hex + ")";
            case 0 -> "NUL (" + hex + ")";
            case '\t' -> "HTAB (" + hex + ")";
            case 0x7F -> "DEL (" + hex + ")";
            default -> hex;
        };
    }

    private static SmtpException illegal(String message) {
        return new SmtpException(SmtpErrorCode.ILLEGAL_WIRE_VALUE, message);
    }

    private static SmtpException illegal(String message, Throwable cause) {
        return new SmtpException(SmtpErrorCode.ILLEGAL_WIRE_VALUE, message, cause);
    }

    private static OutputStream requireStream(OutputStream out) {
        if (out == null) {
            throw new IllegalArgumentException("output stream must not be null");
        }
        return out;
    }

    private static SmtpException writeFailure(IOException e) {
        if (e instanceof SmtpException smtp) {
            return smtp;
        }
        if (e instanceof SocketTimeoutException) {
            return new SmtpException(SmtpErrorCode.TIMEOUT,
                    "the server did not accept data within the socket timeout", e)
                    .withHint(Hint.raiseIfSlow(Setting.SOCKET_TIMEOUT.mention()));
        }
        return new SmtpException(SmtpErrorCode.CONNECTION_CLOSED, "the connection failed while sending: " + e, e);
    }

    /** The shared buffer; large writes bypass it once it is empty, as in {@link java.io.BufferedOutputStream}. */
    private static final class BufferedWireOutput extends OutputStream {

        private final byte[] buffer;
        private int size;
        private long count;
        private OutputStream target;

        BufferedWireOutput(OutputStream target, int bufferSize) {
            this.target = target;
            this.buffer = new byte[bufferSize];
        }

        @Override
        public void write(int b) throws SmtpException {
            if (size == buffer.length) {
                drain();
            }
            buffer[size++] = (byte) b;
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws SmtpException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len > buffer.length - size) {
                drain();
            }
            if (len >= buffer.length) {
                send(b, off, len);
            } else {
                System.arraycopy(b, off, buffer, size, len);
                size += len;
            }
            count += len;
        }

        @Override
        public void flush() throws SmtpException {
            drain();
            try {
                target.flush();
            } catch (IOException e) {
                throw writeFailure(e);
            }
        }

        /** Flushes; the connection stays open (it belongs to the session, not to whoever wrote message data). */
        @Override
        public void close() throws SmtpException {
            flush();
        }

        private void drain() throws SmtpException {
            if (size > 0) {
                int n = size;
                size = 0;
                send(buffer, 0, n);
            }
        }

        private void send(byte[] b, int off, int len) throws SmtpException {
            try {
                target.write(b, off, len);
            } catch (IOException e) {
                throw writeFailure(e);
            }
        }
    }
}
