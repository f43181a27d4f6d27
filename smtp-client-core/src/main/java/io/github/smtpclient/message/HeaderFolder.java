package io.github.smtpclient.message;

import java.util.List;

/**
 * Writes one header field: joins its words with single spaces and folds before a word when the line would pass
 * 78 characters (RFC 5322 section 2.2.3). The result ends with CRLF. A line over the hard limit of 998 octets is
 * refused, although the encoders never produce a word that long. No fold follows a word that ends with a
 * backslash: readers such as Jakarta Mail take a backslash before a line break as a quoted pair and keep the break,
 * which would change the value.
 */
final class HeaderFolder {

    private static final int HARD_LIMIT = 998;

    private HeaderFolder() {
    }

    static String fold(String name, List<String> words) {
        StringBuilder out = new StringBuilder(name.length() + 80);
        fold(out, name, words);
        return out.toString();
    }

    /** Appends the field to {@code out}. */
    static void fold(StringBuilder out, String name, List<String> words) {
        out.append(name).append(':');
        int lineStart = out.length() - name.length() - 1;
        boolean lineHasWord = false;
        boolean afterBackslash = false;
        for (String word : words) {
            boolean tooLong = out.length() - lineStart + 1 + word.length() > HeaderEncoder.MAX_LINE;
            if (lineHasWord && !afterBackslash && tooLong) {
                out.append("\r\n");
                lineStart = out.length();
            }
            out.append(' ').append(word);
            lineHasWord = true;
            afterBackslash = word.endsWith("\\");
            if (out.length() - lineStart > HARD_LIMIT) {
                throw new IllegalArgumentException("The " + name + " header would have a line longer than "
                        + HARD_LIMIT + " characters; shorten its value");
            }
        }
        out.append("\r\n");
    }

    /**
     * Appends a field whose value is words separated by single spaces: as it is when it fits one line, which most
     * fields do, else folded between its words as {@link #fold(StringBuilder, String, List)} does.
     */
    static void foldWords(StringBuilder out, String name, String spacedWords) {
        if (!spacedWords.isEmpty() && name.length() + 2 + spacedWords.length() <= HeaderEncoder.MAX_LINE) {
            out.append(name).append(": ").append(spacedWords).append("\r\n");
        } else {
            fold(out, name, spacedWords.isEmpty() ? List.of() : List.of(spacedWords.split(" ")));
        }
    }
}
