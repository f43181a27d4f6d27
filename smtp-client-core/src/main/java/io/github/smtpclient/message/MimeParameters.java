package io.github.smtpclient.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes MIME header parameters such as {@code filename} and {@code boundary} as words for the
 * {@link HeaderFolder}. Short printable ASCII values are quoted strings; other values use RFC 2231: UTF-8,
 * percent-encoded, split into numbered continuations ({@code filename*0*=UTF-8''...; filename*1*=...}) that each
 * fit a line and never split a character.
 */
final class MimeParameters {

    private static final int MAX_SEGMENT = 60;
    private static final String ATTR_CHAR_PUNCTUATION = "!#$&+-.^_`|~";

    private MimeParameters() {
    }

    /** The words of {@code value; name1=v1; name2=v2}, each parameter a separate word (or several). */
    static List<String> header(String value, String... namesAndValues) {
        List<String> words = new ArrayList<>();
        words.add(value);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            append(words, parameter(namesAndValues[i], namesAndValues[i + 1]));
        }
        return words;
    }

    /** Adds {@code parameterWords} after {@code words}, separating them with ';'. */
    static void append(List<String> words, List<String> parameterWords) {
        for (String word : parameterWords) {
            words.set(words.size() - 1, words.get(words.size() - 1) + ";");
            words.add(word);
        }
    }

    /** The words of one parameter; several continuations when the value is long, to be separated by ';'. */
    static List<String> parameter(String name, String value) {
        if (value.length() <= MAX_SEGMENT && value.chars().allMatch(c -> c >= ' ' && c <= '~')) {
            return List.of(name + "=" + Mailbox.quote(value));
        }
        List<String> segments = new ArrayList<>();
        StringBuilder segment = new StringBuilder("UTF-8''");
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            int next = i + Character.charCount(codePoint);
            String encoded = percentEncode(value.substring(i, next));
            if (segment.length() > 0 && segment.length() + encoded.length() > MAX_SEGMENT) {
                segments.add(segment.toString());
                segment.setLength(0);
            }
            segment.append(encoded);
            i = next;
        }
        segments.add(segment.toString());
        if (segments.size() == 1) {
            return List.of(name + "*=" + segments.get(0));
        }
        List<String> words = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            words.add(name + "*" + i + "*=" + segments.get(i));
        }
        return words;
    }

    private static String percentEncode(String character) {
        StringBuilder out = new StringBuilder();
        for (byte b : character.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || (c < 0x80 && ATTR_CHAR_PUNCTUATION.indexOf(c) >= 0)) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
