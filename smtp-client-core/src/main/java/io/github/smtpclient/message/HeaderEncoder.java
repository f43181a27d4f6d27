package io.github.smtpclient.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Turns header text into the words a {@link HeaderFolder} joins with single spaces: plain ASCII words where
 * the text allows, RFC 2047 encoded words ({@code =?UTF-8?Q?...?=} or {@code =?UTF-8?B?...?=}) otherwise. An
 * encoded word holds whole characters only, so no decoder ever sees half a UTF-8 sequence, and is at most 75
 * characters long. Text is encoded whole when it has non-ASCII or control characters, runs of spaces, leading or
 * trailing spaces, over-long words, or anything that a decoder could mistake for an encoded word, so that decoding
 * gives back exactly the original text.
 */
final class HeaderEncoder {

    static final int MAX_LINE = 78;
    private static final int MAX_ENCODED_WORD = 75;
    private static final int MAX_PLAIN_WORD = 900;
    private static final int MIN_FIRST_WORD = 24;
    private static final String Q_SAFE = "!*+-/";

    private HeaderEncoder() {
    }

    /** Words for unstructured text (Subject, Comments, custom headers). */
    static List<String> unstructured(String text, int firstLineUsed) {
        if (text.isEmpty()) {
            return List.of();
        }
        if (isPlain(text)) {
            return List.of(text.split(" "));
        }
        return encodedWords(text, firstLineUsed);
    }

    /** Words for a phrase (a display name or a keyword): atoms, one quoted string, or encoded words. */
    static List<String> phrase(String text, int firstLineUsed) {
        if (isPlain(text)) {
            boolean atoms = true;
            for (String word : text.split(" ")) {
                atoms &= Mailbox.isDotAtom(word) && word.indexOf('.') < 0;
            }
            if (atoms) {
                return List.of(text.split(" "));
            }
            if (text.length() <= MAX_PLAIN_WORD) {
                return List.of(Mailbox.quote(text));
            }
        }
        return encodedWords(text, firstLineUsed);
    }

    /** Whether the text can go as it is: printable ASCII words separated by single spaces, none too long. */
    static boolean isPlain(String text) {
        if (text.startsWith(" ") || text.endsWith(" ") || text.contains("  ") || text.contains("=?")) {
            return false;
        }
        int wordLength = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < ' ' || c > '~') {
                return false;
            }
            wordLength = c == ' ' ? 0 : wordLength + 1;
            if (wordLength > MAX_PLAIN_WORD) {
                return false;
            }
        }
        return true;
    }

    /**
     * Encodes {@code text} as encoded words, the first sized to fit after {@code firstLineUsed} characters (the
     * field name, colon and anything before it), the others to fit a continuation line.
     */
    static List<String> encodedWords(String text, int firstLineUsed) {
        byte[] all = text.getBytes(StandardCharsets.UTF_8);
        int qLength = 0;
        for (byte b : all) {
            qLength += qLength(b);
        }
        boolean useQ = qLength <= (all.length + 2) / 3 * 4;
        String prefix = useQ ? "=?UTF-8?Q?" : "=?UTF-8?B?";
        int firstMax = MAX_LINE - firstLineUsed - 1;
        int max = Math.min(MAX_ENCODED_WORD, firstMax < MIN_FIRST_WORD ? MAX_ENCODED_WORD : firstMax);

        List<String> words = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        int payload = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int next = i + Character.charCount(codePoint);
            byte[] bytes = text.substring(i, next).getBytes(StandardCharsets.UTF_8);
            int added = 0;
            for (byte b : bytes) {
                added += qLength(b);
            }
            int pendingBytes = pending.toString().getBytes(StandardCharsets.UTF_8).length;
            int newPayload = useQ ? payload + added : (pendingBytes + bytes.length + 2) / 3 * 4;
            if (pending.length() > 0 && prefix.length() + newPayload + 2 > max) {
                words.add(encode(pending.toString(), useQ, prefix));
                pending.setLength(0);
                max = MAX_ENCODED_WORD;
                newPayload = useQ ? added : (bytes.length + 2) / 3 * 4;
            }
            pending.appendCodePoint(codePoint);
            payload = newPayload;
            i = next;
        }
        words.add(encode(pending.toString(), useQ, prefix));
        return words;
    }

    private static String encode(String chunk, boolean useQ, String prefix) {
        byte[] bytes = chunk.getBytes(StandardCharsets.UTF_8);
        StringBuilder word = new StringBuilder(prefix);
        if (useQ) {
            for (byte b : bytes) {
                int c = b & 0xff;
                if (c == ' ') {
                    word.append('_');
                } else if (qLength(b) == 1) {
                    word.append((char) c);
                } else {
                    word.append('=').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
                }
            }
        } else {
            word.append(Base64.getEncoder().encodeToString(bytes));
        }
        return word.append("?=").toString();
    }

    /** Length of one byte in RFC 2047 Q encoding, using the set that is safe even inside a phrase. */
    private static int qLength(byte b) {
        int c = b & 0xff;
        boolean literal = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == ' ' || (c < 0x80 && Q_SAFE.indexOf(c) >= 0);
        return literal ? 1 : 3;
    }
}
