package io.github.smtpclient.internal;

import java.util.Locale;

/**
 * Text from a caller or a server made safe to quote in a message for people: C0 and C1 controls, DEL and the
 * Unicode bidirectional and invisible format characters are shown as escapes ({@code \r}, {@code \n}, {@code \t},
 * {@code \x00}, {@code \u202E}), so a log line or an exception message cannot be rewritten, reordered or hidden by
 * the value it quotes. Long values are shortened.
 */
public final class Printable {

    private static final int MAX_LENGTH = 200;

    private Printable() {
    }

    /** {@code text} with every control and format character escaped, at most about 200 characters; "null" for null. */
    public static String escape(CharSequence text) {
        if (text == null) {
            return "null";
        }
        boolean shortened = text.length() > MAX_LENGTH;
        CharSequence shown = shortened ? text.subSequence(0, MAX_LENGTH) : text;
        StringBuilder out = new StringBuilder(shown.length() + 16);
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
                        out.append(String.format(Locale.ROOT, "\\x%02X", (int) c));
                    } else if (isFormatCharacter(c)) {
                        out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return shortened ? out.append("...").toString() : out.toString();
    }

    /** Bidirectional marks, embeddings, overrides and isolates, the zero-width characters and the BOM. */
    private static boolean isFormatCharacter(char c) {
        return (c >= '\u200b' && c <= '\u200f') || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')
                || c == '\u2028' || c == '\u2029' || c == '\ufeff';
    }
}
