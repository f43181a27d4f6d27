package io.github.smtpclient.message;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;

/**
 * The header block of a raw RFC 5322 message, up to and including the empty line that ends it, and the unread rest
 * of the message. Lines end where the wire will end them: at CRLF, at a bare LF and at a bare CR, since the data
 * path turns each of those into CRLF. So {@code "Subject: x\rBcc: y"} is two fields here exactly as it is two lines
 * for the server, and removing Bcc cannot miss one. The block is kept with every line ending written as CRLF, so it
 * reads the same whether or not the body is sent as BINARYMIME.
 *
 * <p>Parsing runs over a byte array: the message itself when it is in memory, else blocks read from the stream
 * (never one byte per call). Only the header block is held, and it is bounded. A line that is neither a header field
 * nor a continuation ends the block early (it belongs to the body, which is passed on untouched), so a message
 * without headers still streams through unchanged. A block whose lines all end in CRLF already, as most do, is not
 * copied: {@code bytes} is then the array it was parsed from.
 *
 * @param bytes  holds the header block with CRLF line endings in {@code [0, length)}, including the empty separator
 *               line when there was one; never changed
 * @param length the header block's length in bytes
 * @param fields its fields in order, their offsets in {@code bytes}
 * @param rest   the remaining bytes of the message: the body, exactly as in the source
 */
@SuppressWarnings("ArrayRecordComponent") // never compared or hashed, so the array's identity equality does not matter
record HeaderBlock(byte[] bytes, int length, List<HeaderField> fields, MessageRest rest) {

    private static final int BLOCK = 8192;

    /** Parses the header block at the start of {@code message}; the rest is the remainder of the array, not copied. */
    static HeaderBlock parse(byte[] message, int maxBytes) throws SmtpException {
        Parser parser = new Parser(maxBytes);
        int end = parser.run(message, message.length, true);
        return parser.result(message, MessageRest.held(message, end, message.length));
    }

    /** Reads the header block from {@code source} in blocks, leaving the rest of the source unread but for one block. */
    static HeaderBlock read(InputStream source, int maxBytes) throws IOException {
        Parser parser = new Parser(maxBytes);
        byte[] buffer = new byte[BLOCK];
        int filled = 0;
        boolean eof = false;
        while (true) {
            int end = parser.run(buffer, filled, eof);
            if (end >= 0) {
                return parser.result(buffer, eof ? MessageRest.held(buffer, end, filled)
                        : MessageRest.streamed(buffer, end, filled, source));
            }
            if (filled == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            int n = source.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                eof = true;
            } else {
                filled += n;
            }
        }
    }

    /**
     * Parses line by line over a buffer that may grow between calls: {@link #run} stops at a line it cannot finish
     * yet and resumes there when called again with more bytes.
     */
    private static final class Parser {

        private final int maxBytes;
        /**
         * The header block so far, line endings as CRLF (a plain array: ByteArrayOutputStream locks on every write);
         * null while every line so far ended in CRLF, when the block is the buffer's first {@code size} bytes.
         */
        private byte[] header;
        private int size;
        /** Each field's start and end offsets in the block, in pairs. */
        private int[] bounds = new int[32];
        private int fieldCount;
        private int fieldStart = -1;
        /** Offset in the buffer of the first line not parsed yet. */
        private int position;

        Parser(int maxBytes) {
            this.maxBytes = maxBytes;
        }

        /**
         * Parses {@code buffer[position..length)}; returns the offset where the body starts, or -1 when the buffer
         * ends inside a line and more can be read ({@code eof} false).
         */
        int run(byte[] buffer, int length, boolean eof) throws SmtpException {
            while (true) {
                if (position == length) {
                    if (!eof) {
                        return -1;
                    }
                    closeField();
                    return position;
                }
                int contentEnd = position;
                while (contentEnd < length && buffer[contentEnd] != '\r' && buffer[contentEnd] != '\n') {
                    contentEnd++;
                }
                if (size + (contentEnd - position) >= maxBytes) {
                    throw tooLarge(maxBytes);
                }
                boolean lineBreak = contentEnd < length;
                // A CR last in the buffer may be the first half of a CRLF: wait for the next byte.
                if (!eof && (!lineBreak || (buffer[contentEnd] == '\r' && contentEnd + 1 == length))) {
                    return -1;
                }
                int lineEnd = !lineBreak ? contentEnd : buffer[contentEnd] == '\r' && contentEnd + 1 < length
                        && buffer[contentEnd + 1] == '\n' ? contentEnd + 2 : contentEnd + 1;
                boolean continuation = fieldStart >= 0 && contentEnd > position
                        && (buffer[position] == ' ' || buffer[position] == '\t');
                boolean asInBuffer = !lineBreak || lineEnd == contentEnd + 2;
                if (!continuation) {
                    closeField();
                    if (contentEnd == position) {
                        // The empty line that ends the header block.
                        append(buffer, position, 0, true, asInBuffer);
                        return lineEnd;
                    }
                    if (!isFieldStart(buffer, position, contentEnd)) {
                        return position;
                    }
                    fieldStart = size;
                }
                append(buffer, position, contentEnd - position, lineBreak, asInBuffer);
                position = lineEnd;
            }
        }

        /** The block parsed from {@code buffer}, the array last given to {@link #run}. */
        HeaderBlock result(byte[] buffer, MessageRest rest) {
            byte[] bytes = header != null ? header : buffer;
            HeaderField[] fields = new HeaderField[fieldCount];
            for (int i = 0; i < fieldCount; i++) {
                fields[i] = new HeaderField(bytes, bounds[2 * i], bounds[2 * i + 1]);
            }
            return new HeaderBlock(bytes, size, List.of(fields), rest);
        }

        /**
         * Appends {@code length} bytes of a line, and a CRLF when the line had a line break; {@code asInBuffer} when
         * the buffer holds the line exactly so (its line break was a CRLF, or it had none).
         */
        private void append(byte[] buffer, int from, int length, boolean lineBreak, boolean asInBuffer) {
            if (header == null && asInBuffer) {
                size += lineBreak ? length + 2 : length; // still the buffer's first size bytes: nothing to copy
                return;
            }
            if (header == null) {
                // The first line break that was not a CRLF: from here on the block is a copy.
                header = new byte[Math.max(1024, 2 * (size + length + 2))];
                System.arraycopy(buffer, 0, header, 0, size);
            } else if (size + length + 2 > header.length) {
                header = Arrays.copyOf(header, Math.max(header.length * 2, size + length + 2));
            }
            System.arraycopy(buffer, from, header, size, length);
            size += length;
            if (lineBreak) {
                header[size++] = '\r';
                header[size++] = '\n';
            }
        }

        private void closeField() {
            if (fieldStart >= 0) {
                if (2 * fieldCount + 2 > bounds.length) {
                    bounds = Arrays.copyOf(bounds, bounds.length * 2);
                }
                bounds[2 * fieldCount] = fieldStart;
                bounds[2 * fieldCount + 1] = size;
                fieldCount++;
                fieldStart = -1;
            }
        }

        /** RFC 5322 field-name (printable ASCII but ':'), then optional obsolete white space, then ':'. */
        private static boolean isFieldStart(byte[] buffer, int from, int to) {
            int i = from;
            while (i < to && buffer[i] > ' ' && buffer[i] < 0x7f && buffer[i] != ':') {
                i++;
            }
            if (i == from) {
                return false;
            }
            while (i < to && (buffer[i] == ' ' || buffer[i] == '\t')) {
                i++;
            }
            return i < to && buffer[i] == ':';
        }
    }

    private static SmtpException tooLarge(int maxBytes) {
        return new SmtpException(SmtpErrorCode.INVALID_ARGUMENT, "The message header is larger than "
                + maxBytes / 1024 + " KiB without the empty line that ends it: "
                + "the input is not an RFC 5322 message, or its header is unreasonably large");
    }
}
