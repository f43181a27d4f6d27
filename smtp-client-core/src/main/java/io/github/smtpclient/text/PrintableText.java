package io.github.smtpclient.text;

/**
 * The one place where text that smtp-client did not write itself (server replies, certificate names, proxy answers,
 * values a caller passed) is made safe to show to people, in exception messages, {@code toString()}, notifications
 * and logs. A server controls its reply text; printed raw, an escape sequence could rewrite a terminal, a CR or LF
 * could forge a log line, and a bidi override (U+202E) could make the text read differently from what it is.
 *
 * <p>Escaped are every control character (C0 U+0000-U+001F, DEL U+007F, C1 U+0080-U+009F), every format character
 * (Unicode category Cf: the bidi marks, embeddings, overrides and isolates U+200E, U+200F, U+202A-U+202E,
 * U+2066-U+2069, and also zero-width and invisible tag characters), the line and paragraph separators U+2028 and
 * U+2029, and unpaired surrogates. A character up to U+00FF becomes a backslash, {@code x} and two hex digits
 * (ESC is {@code \x1B}); any other a backslash, {@code u} and four hex digits (or the hex digits in braces beyond
 * the BMP). Everything else, non-ASCII letters included, is kept. Text without such characters is returned as it
 * is, without copying.
 *
 * <p>The raw text stays available where it came from (for example {@link io.github.smtpclient.Reply#lines()}).
 */
public final class PrintableText {

    /** How much of a value a caller passed {@link #excerpt} quotes. */
    private static final int EXCERPT_LENGTH = 200;

    private PrintableText() {
    }

    /**
     * A value a caller passed, which may be of any length, made safe to quote in a message: its first 200
     * characters (a surrogate pair is never split), escaped as {@link #escape} does, followed by {@code ...} when
     * something was cut; null stays null.
     */
    public static String excerpt(CharSequence text) {
        if (text == null || text.length() <= EXCERPT_LENGTH) {
            return escape(text);
        }
        int end = EXCERPT_LENGTH;
        if (Character.isHighSurrogate(text.charAt(end - 1)) && Character.isLowSurrogate(text.charAt(end))) {
            end--;
        }
        return escape(text.subSequence(0, end)) + "...";
    }

    /** {@code text} with every character that could hide or rewrite what a person reads escaped; null stays null. */
    public static String escape(CharSequence text) {
        if (text == null) {
            return null;
        }
        int length = text.length();
        int first = 0;
        while (first < length && !needsEscape(text, first)) {
            first += Character.charCount(Character.codePointAt(text, first));
        }
        if (first == length) {
            return text.toString();
        }
        StringBuilder out = new StringBuilder(length + 16).append(text, 0, first);
        int i = first;
        while (i < length) {
            int codePoint = Character.codePointAt(text, i);
            int width = Character.charCount(codePoint);
            if (needsEscape(text, i)) {
                appendEscape(out, codePoint);
            } else {
                out.append(text, i, i + width);
            }
            i += width;
        }
        return out.toString();
    }

    private static boolean needsEscape(CharSequence text, int index) {
        char c = text.charAt(index);
        if (c >= 0x20 && c < 0x7F) {
            return false;
        }
        int codePoint = Character.codePointAt(text, index);
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE -> true;
            default -> false;
        };
    }

    private static void appendEscape(StringBuilder out, int codePoint) {
        if (codePoint <= 0xFF) {
            out.append(String.format("\\x%02X", codePoint));
        } else if (codePoint <= 0xFFFF) {
            out.append(String.format("\\u%04X", codePoint));
        } else {
            out.append(String.format("\\u{%X}", codePoint));
        }
    }
}
