package io.github.smtpclient.message.dkim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The header fields of a message as RFC 6376 signs them: each field's exact text (its continuation lines and final
 * CRLF included), in order, with the two canonical forms of 3.4.1 and 3.4.2. Bytes are read as ISO-8859-1, one char
 * per octet, so UTF-8 header text is hashed exactly as it was sent.
 */
final class HeaderFields {

    /** One field: its name as written and its text up to and including the CRLF that ends its last line. */
    record Field(String name, String text) {
    }

    private final List<Field> fields;

    private HeaderFields(List<Field> fields) {
        this.fields = fields;
    }

    /** The fields of a header block (the bytes before the empty line, each line ended by CRLF). */
    static HeaderFields parse(byte[] header, int length) {
        String text = new String(header, 0, length, StandardCharsets.ISO_8859_1);
        List<Field> fields = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = start;
            do {
                int lf = text.indexOf('\n', end);
                end = lf < 0 ? text.length() : lf + 1;
            } while (end < text.length() && (text.charAt(end) == ' ' || text.charAt(end) == '\t'));
            String field = text.substring(start, end);
            int colon = field.indexOf(':');
            String name = (colon < 0 ? field : field.substring(0, colon)).replaceAll("[ \t\r\n]+", "");
            fields.add(new Field(name, field));
            start = end;
        }
        return new HeaderFields(List.copyOf(fields));
    }

    /** How many fields are named {@code name}, ignoring case. */
    int count(String name) {
        int count = 0;
        for (Field field : fields) {
            if (field.name().equalsIgnoreCase(name)) {
                count++;
            }
        }
        return count;
    }

    /**
     * The fields an {@code h=} list signs, in its order: for each name the last field of that name not taken by an
     * earlier occurrence of the name in the list (RFC 6376 5.4.2); a name with no field left signs nothing.
     */
    List<Field> select(List<String> names) {
        boolean[] used = new boolean[fields.size()];
        List<Field> selected = new ArrayList<>();
        for (String name : names) {
            for (int i = fields.size() - 1; i >= 0; i--) {
                if (!used[i] && fields.get(i).name().equalsIgnoreCase(name)) {
                    used[i] = true;
                    selected.add(fields.get(i));
                    break;
                }
            }
        }
        return selected;
    }

    /** A field's text in canonical form: as it is (simple), or relaxed per RFC 6376 3.4.2, with its CRLF. */
    static String canonical(String field, DkimCanonicalization canonicalization) {
        if (canonicalization == DkimCanonicalization.SIMPLE) {
            return field;
        }
        String unfolded = field.endsWith("\r\n") ? field.substring(0, field.length() - 2) : field;
        unfolded = unfolded.replace("\r\n", "");
        int colon = unfolded.indexOf(':');
        String name = colon < 0 ? unfolded : unfolded.substring(0, colon);
        String value = colon < 0 ? "" : unfolded.substring(colon + 1);
        return trimWsp(name.replaceAll("[ \t]+", " ")).toLowerCase(Locale.ROOT) + ":"
                + trimWsp(value.replaceAll("[ \t]+", " ")) + "\r\n";
    }

    /** Without leading and trailing SP (runs of WSP are single SPs by then); other octets are data. */
    private static String trimWsp(String text) {
        int from = 0;
        int to = text.length();
        while (from < to && text.charAt(from) == ' ') {
            from++;
        }
        while (to > from && text.charAt(to - 1) == ' ') {
            to--;
        }
        return text.substring(from, to);
    }
}
