package io.github.smtpclient.message;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.github.smtpclient.text.PrintableText;

/** Checks Message-IDs given by callers (RFC 5322 {@code msg-id}) and generates new ones. */
final class MessageIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private MessageIds() {
    }

    /** One Message-ID, with or without angle brackets; returned with them. */
    static String parseOne(String field, String value) {
        String id = value.strip();
        if (id.startsWith("<") && id.endsWith(">")) {
            id = id.substring(1, id.length() - 1);
        }
        int at = id.indexOf('@');
        boolean valid = at > 0 && at < id.length() - 1 && id.indexOf('@', at + 1) < 0
                && id.chars().allMatch(c -> c > ' ' && c < 0x7f && c != '<' && c != '>' && c != '"' && c != '\\');
        if (!valid) {
            throw new IllegalArgumentException("Invalid " + field + " \"" + PrintableText.excerpt(value)
                    + "\": a Message-ID looks like <unique-part@domain>, in printable ASCII without spaces");
        }
        return "<" + id + ">";
    }

    /** Message-IDs separated by white space or commas. */
    static List<String> parseList(String field, String value) {
        List<String> ids = new ArrayList<>();
        for (String token : value.split("[\\s,]+")) {
            if (!token.isEmpty()) {
                ids.add(parseOne(field, token));
            }
        }
        return List.copyOf(ids);
    }

    /** A new Message-ID: 128 random bits and the time, at {@code domain}. */
    static String generate(String domain, long epochMillis) {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        return "<" + Long.toString(epochMillis, 36) + "." + HexFormat.of().formatHex(random) + "@" + domain + ">";
    }
}
