package io.github.smtpclient.internal;

import java.util.Locale;

import io.github.smtpclient.message.BodyType;
import io.github.smtpclient.protocol.Octets;

/**
 * Finds the body type a raw message needs, in one pass over its bytes fed in any pieces: {@link BodyType#SEVEN_BIT}
 * when every octet is ASCII, {@link BodyType#EIGHT_BIT_MIME} when some are 8-bit, {@link BodyType#BINARY_MIME} when
 * there is a NUL or a line longer than 998 octets. Lines end at CRLF, bare CR and bare LF, as on the wire (the data
 * path turns each into CRLF). Once binary is certain the rest is not looked at. The scan is the same word-at-a-time
 * search the data gate runs ({@link Octets}), so a raw message costs one cheap pass before MAIL.
 */
public final class BodyScanner {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final int MAX_LINE_OCTETS = 998;

    private long offset;
    private long line = 1;
    private int lineLength;
    private boolean previousWasCr;
    private boolean eightBit;
    private String reason;
    private boolean binary;

    /** Scans the next {@code length} bytes of the message. */
    public void scan(byte[] b, int off, int length) {
        if (binary || length == 0) {
            return;
        }
        int end = off + length;
        int lineBegin = off - lineLength;
        int i = off;
        while (true) {
            i = Octets.nextLineBreakOrIllegal(b, i, end, eightBit);
            if (i == end) {
                break;
            }
            byte c = b[i];
            if (c == CR || c == LF) {
                int ended = i - lineBegin;
                if (ended > MAX_LINE_OCTETS) {
                    binary("line " + line + " is longer than " + MAX_LINE_OCTETS + " octets");
                    return;
                }
                // A CRLF is one line break: its LF is skipped here, or was the CR's that ended the last piece.
                if (c == CR && i + 1 < end && b[i + 1] == LF) {
                    i++;
                }
                if (!(c == LF && i == off && previousWasCr)) {
                    line++;
                }
                // Lines as long as this one that need no look at their octets (base64, quoted-printable).
                lineBegin = Octets.endOfEqualLines(b, i + 1, end, ended, eightBit, false);
                line += (lineBegin - (i + 1)) / (ended + 2);
                i = lineBegin;
                continue;
            } else if (c == 0) {
                binary("byte " + (offset + i - off) + " (line " + line + ") is NUL");
                return;
            } else if (c < 0) {
                eightBit = true;
                reason = String.format(Locale.ROOT, "byte %d (line %d) is the 8-bit octet 0x%02X", offset + i - off,
                        line, c & 0xff);
            }
            i++;
        }
        lineLength = end - lineBegin;
        if (lineLength > MAX_LINE_OCTETS) {
            binary("line " + line + " is longer than " + MAX_LINE_OCTETS + " octets");
            return;
        }
        previousWasCr = b[end - 1] == CR;
        offset += length;
    }

    /** The body type the bytes scanned so far need. */
    public BodyType bodyType() {
        return binary ? BodyType.BINARY_MIME : eightBit ? BodyType.EIGHT_BIT_MIME : BodyType.SEVEN_BIT;
    }

    /** Why the body type is not 7-bit ("line 3 is longer than 998 octets"); empty for 7-bit. */
    public String reason() {
        return reason == null ? "" : reason;
    }

    private void binary(String why) {
        binary = true;
        reason = why;
    }
}
