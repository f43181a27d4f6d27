package io.github.smtpclient;

import java.util.List;
import java.util.Optional;

import io.github.smtpclient.text.PrintableText;

/**
 * One complete server reply: a three-digit code and one or more text lines (without the code and separator).
 * The enhanced status code (RFC 3463) is taken from the first line when the server offers ENHANCEDSTATUSCODES
 * or when the text plainly starts with one.
 *
 * @param code  the reply code, 200-599 (RFC 5321 4.2)
 * @param lines the text after "NNN-" / "NNN " of each line, in order, raw as the server sent it; never empty
 */
public record Reply(int code, List<String> lines) {

    /** Checks the code is 200-599 and that there is at least one line. */
    public Reply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("reply code must be 200-599, was " + code);
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply has at least one line");
        }
    }

    /** A one-line reply. */
    public static Reply of(int code, String text) {
        return new Reply(code, List.of(text));
    }

    /** 2xx. */
    public boolean isPositive() {
        return code / 100 == 2;
    }

    /** 3xx: the server waits for more (DATA's 354, AUTH's 334). */
    public boolean isIntermediate() {
        return code / 100 == 3;
    }

    /** 4xx: try again later. */
    public boolean isTransientFailure() {
        return code / 100 == 4;
    }

    /** 5xx: do not retry as is. */
    public boolean isPermanentFailure() {
        return code / 100 == 5;
    }

    /** The enhanced status code at the start of the first line, if any. */
    public Optional<EnhancedStatusCode> enhancedStatus() {
        return EnhancedStatusCode.parsePrefix(lines.get(0));
    }

    /**
     * The text of all lines joined with a space, exactly as the server sent it: it may contain control and bidi
     * characters. {@link #toString()} is the form to show to people.
     */
    public String text() {
        return String.join(" ", lines);
    }

    /** The reply as it appeared on the wire, lines joined with CRLF (without the final CRLF). */
    public String toWireString() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                out.append("\r\n");
            }
            out.append(code).append(i == lines.size() - 1 ? ' ' : '-').append(lines.get(i));
        }
        return out.toString();
    }

    /** Code and text for people: control, format (bidi) and separator characters escaped, see {@link PrintableText}. */
    @Override
    public String toString() {
        return code + " " + PrintableText.escape(text());
    }
}
