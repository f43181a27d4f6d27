package io.github.smtpclient.message;

import java.nio.charset.StandardCharsets;

/**
 * One header field read from a raw message: a span of its header block. Raw sends match every field by name, and
 * that reads the name's bytes where they lie; the name as a string and the unfolded value are made only when asked,
 * since most fields are never looked at.
 */
final class HeaderField {

    private final byte[] header;
    private final int start;
    private final int end;
    private final int colon;
    private final int nameEnd;
    private String name;
    private String value;

    /**
     * @param header the header block with CRLF line endings
     * @param start  offset of the field's first byte in it
     * @param end    offset just past the field's last byte (its final line break included)
     */
    HeaderField(byte[] header, int start, int end) {
        this.header = header;
        this.start = start;
        this.end = end;
        int colon = start;
        while (header[colon] != ':') {
            colon++;
        }
        this.colon = colon;
        int nameEnd = colon;
        while (header[nameEnd - 1] == ' ' || header[nameEnd - 1] == '\t') {
            nameEnd--;
        }
        this.nameEnd = nameEnd;
    }

    /** The field name as written, without the colon. */
    String name() {
        if (name == null) {
            // The parser let only printable ASCII into a field name.
            name = new String(header, start, nameEnd - start, StandardCharsets.US_ASCII);
        }
        return name;
    }

    /** The unfolded value, without leading and trailing white space. */
    String value() {
        if (value == null) {
            // The white space at the ends (the final CRLF among it) would be stripped anyway: left out of the decoding,
            // it costs no copy. An ASCII byte is never part of a UTF-8 sequence, so the rest decodes the same, and a
            // CRLF is never cut in two, since the block holds CR and LF only as CRLF.
            int from = colon + 1;
            int to = end;
            while (from < to && isAsciiWhiteSpace(header[from])) {
                from++;
            }
            while (to > from && isAsciiWhiteSpace(header[to - 1])) {
                to--;
            }
            value = new String(header, from, to - from, StandardCharsets.UTF_8).replace("\r\n", "").strip();
        }
        return value;
    }

    /** White space as {@link String#strip()} sees it, for an ASCII byte. */
    private static boolean isAsciiWhiteSpace(byte b) {
        return b >= 0 && Character.isWhitespace((char) b);
    }

    /** Offset of the field's first byte in the header block. */
    int start() {
        return start;
    }

    /** Offset just past the field's last byte, its final line break included. */
    int end() {
        return end;
    }

    /** Whether the name is {@code other}, ignoring case as {@link String#equalsIgnoreCase} does. */
    boolean hasName(String other) {
        return other.length() == nameEnd - start && nameStartsWith(other);
    }

    /** Whether the name begins with {@code prefix}, ignoring case as {@link String#regionMatches} does. */
    boolean nameStartsWith(String prefix) {
        if (prefix.length() > nameEnd - start) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (c >= 0x80) {
                // Case beyond ASCII (U+017F is an 's', U+212A a 'k', ignoring case): as String has it.
                return name().regionMatches(true, 0, prefix, 0, prefix.length());
            }
            if (lowerCase(c) != lowerCase(header[start + i])) {
                return false;
            }
        }
        return true;
    }

    private static int lowerCase(int ascii) {
        return ascii >= 'A' && ascii <= 'Z' ? ascii + ('a' - 'A') : ascii;
    }
}
