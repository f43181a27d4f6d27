package io.github.smtpclient.message;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;

/**
 * The header block of a raw RFC 5322 message, read from a stream up to and including the empty line that ends
 * it, and the unread rest of that stream. Only the header block is held in memory, and it is bounded. A line that
 * is neither a header field nor a continuation ends the block early (it belongs to the body, which is passed on
 * untouched), so a message without headers still streams through unchanged.
 *
 * @param bytes  the header block exactly as read, including the empty separator line when there was one
 * @param fields its fields in order
 * @param rest   the remaining bytes of the message: the body
 */
@SuppressWarnings("ArrayRecordComponent") // never compared or hashed, so the array's identity equality does not matter
record HeaderBlock(byte[] bytes, List<HeaderField> fields, InputStream rest) {

    static HeaderBlock read(InputStream source, int maxBytes) throws IOException {
        InputStream in = new BufferedInputStream(source, 8192);
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        List<int[]> spans = new ArrayList<>();
        int fieldStart = -1;
        while (true) {
            byte[] line = readLine(in, maxBytes - header.size(), maxBytes);
            if (line.length == 0) {
                break;
            }
            boolean blank = line[0] == '\n' || (line.length == 2 && line[0] == '\r' && line[1] == '\n');
            boolean continuation = fieldStart >= 0 && (line[0] == ' ' || line[0] == '\t');
            if (!continuation && fieldStart >= 0) {
                spans.add(new int[] {fieldStart, header.size()});
                fieldStart = -1;
            }
            if (blank) {
                header.write(line);
                break;
            }
            if (!continuation) {
                if (!isFieldStart(line)) {
                    in = new SequenceInputStream(new ByteArrayInputStream(line), in);
                    break;
                }
                fieldStart = header.size();
            }
            header.write(line);
        }
        if (fieldStart >= 0) {
            spans.add(new int[] {fieldStart, header.size()});
        }
        byte[] bytes = header.toByteArray();
        List<HeaderField> fields = spans.stream().map(span -> field(bytes, span[0], span[1])).toList();
        return new HeaderBlock(bytes, fields, in);
    }

    /** Reads one line including its LF; an empty array at the end of the stream. */
    private static byte[] readLine(InputStream in, int limit, int maxBytes) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) >= 0) {
            if (line.size() >= limit) {
                throw new SmtpException(SmtpErrorCode.INVALID_ARGUMENT, "The message header is larger than "
                        + maxBytes / 1024 + " KiB without the empty line that ends it: "
                        + "the input is not an RFC 5322 message, or its header is unreasonably large");
            }
            line.write(b);
            if (b == '\n') {
                break;
            }
        }
        return line.toByteArray();
    }

    /** RFC 5322 field-name (printable ASCII but ':'), then optional obsolete white space, then ':'. */
    private static boolean isFieldStart(byte[] line) {
        int i = 0;
        while (i < line.length && line[i] > ' ' && line[i] < 0x7f && line[i] != ':') {
            i++;
        }
        if (i == 0) {
            return false;
        }
        while (i < line.length && (line[i] == ' ' || line[i] == '\t')) {
            i++;
        }
        return i < line.length && line[i] == ':';
    }

    private static HeaderField field(byte[] header, int start, int end) {
        String raw = new String(header, start, end - start, StandardCharsets.UTF_8);
        String unfolded = raw.replace("\r\n", "").replace("\n", "").replace("\r", "");
        int colon = unfolded.indexOf(':');
        return new HeaderField(unfolded.substring(0, colon).strip(), unfolded.substring(colon + 1).strip(), start, end);
    }
}
