package io.github.smtpclient.message;

import java.util.ArrayList;
import java.util.List;

import io.github.smtpclient.text.PrintableText;

/**
 * Recursive-descent parser for the RFC 5322 {@code address-list}, {@code mailbox} and {@code addr-spec}
 * productions, with RFC 6532 UTF-8 in atoms and quoted strings. Obsolete forms that cannot change which mailbox
 * is meant are accepted: empty list elements, CFWS around dots, source routes, a phrase with unquoted dots, a
 * group without its closing semicolon at the end of the value. A mailbox given as a bare address with a trailing
 * comment ({@code jdoe@example.com (John Doe)}) takes the comment as its display name.
 */
final class AddressParser {

    private static final String SPECIALS = "()<>[]:;@\\,.\"";
    /** Whether an ASCII character is atext: looked up, since every character of every address is asked about. */
    private static final boolean[] ASCII_ATEXT = asciiAtext();

    private final String text;
    private int pos;
    private int elementStart;
    private String lastComment;

    private AddressParser(String text) {
        this.text = text;
    }

    static List<Mailbox> parseList(String text) {
        List<Mailbox> mailboxes = new ArrayList<>();
        parseList(text, mailboxes);
        return mailboxes;
    }

    /** Adds the mailboxes of the list to {@code out}, which a caller collecting several lists passes to each. */
    static void parseList(String text, List<Mailbox> out) {
        new AddressParser(checkLineFree(text)).addressList(out, false);
    }

    static Mailbox parseMailbox(String text) {
        AddressParser parser = new AddressParser(checkLineFree(text));
        parser.skipCfws();
        if (parser.atEnd()) {
            throw parser.error("the address is empty");
        }
        Mailbox mailbox = parser.mailbox();
        parser.skipCfws();
        if (!parser.atEnd()) {
            throw parser.error(parser.peek() == ',' ? "expected one address but found a list" : "unexpected '" + parser.peek() + "'");
        }
        return mailbox;
    }

    private static String checkLineFree(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("Invalid e-mail address \"" + PrintableText.excerpt(text)
                        + "\": it contains a line break or NUL character");
            }
        }
        return text;
    }

    private void addressList(List<Mailbox> out, boolean inGroup) {
        while (true) {
            skipCfws();
            if (atEnd() || (inGroup && peek() == ';')) {
                return;
            }
            if (peek() == ',') {
                pos++;
                continue;
            }
            address(out, inGroup);
            skipCfws();
            if (atEnd() || (inGroup && peek() == ';')) {
                return;
            }
            if (peek() != ',') {
                throw error("expected ',' between addresses but found '" + peek() + "'");
            }
            pos++;
        }
    }

    private void address(List<Mailbox> out, boolean inGroup) {
        elementStart = pos;
        List<Word> words = words();
        if (!atEnd() && peek() == ':' && !words.isEmpty()) {
            if (inGroup) {
                throw error("a group cannot contain another group");
            }
            pos++;
            addressList(out, true);
            if (!atEnd()) {
                pos++; // the group's ';'
            }
            return;
        }
        // Not a group: the words read so far begin the mailbox, so they are not read again.
        out.add(mailbox(words));
    }

    private Mailbox mailbox() {
        elementStart = pos;
        return mailbox(words());
    }

    /** The mailbox whose leading {@code words} were just read. */
    private Mailbox mailbox(List<Word> words) {
        if (!atEnd() && peek() == '<') {
            String displayName = words.isEmpty() ? null : phrase(words);
            return angleAddr(displayName);
        }
        if (!atEnd() && peek() == '@') {
            String localPart = localPart(words);
            pos++;
            lastComment = null;
            String domain = domain();
            skipCfws();
            return Mailbox.create(lastComment, localPart, domain);
        }
        if (words.isEmpty()) {
            throw error(atEnd() ? "the address is empty" : "unexpected '" + peek() + "'");
        }
        throw error(atEnd() ? "missing '@domain'" : "unexpected '" + peek() + "'");
    }

    private Mailbox angleAddr(String displayName) {
        pos++; // '<'
        skipCfws();
        skipObsoleteRoute();
        List<Word> words = words();
        if (atEnd() || peek() != '@') {
            throw error(words.isEmpty() ? "the address between '<' and '>' is empty" : "missing '@domain'");
        }
        String localPart = localPart(words);
        pos++;
        String domain = domain();
        skipCfws();
        if (atEnd() || peek() != '>') {
            throw error("missing '>' after the address");
        }
        pos++;
        return Mailbox.create(displayName, localPart, domain);
    }

    /** RFC 5322 obs-route: {@code <@relay1,@relay2:user@domain>}; the route is ignored, as RFC 5321 says. */
    private void skipObsoleteRoute() {
        if (atEnd() || peek() != '@') {
            return;
        }
        int colon = text.indexOf(':', pos);
        int close = text.indexOf('>', pos);
        if (colon < 0 || (close >= 0 && close < colon)) {
            throw error("the address starts with '@'");
        }
        pos = colon + 1;
        skipCfws();
    }

    private String localPart(List<Word> words) {
        if (words.isEmpty()) {
            throw error("the local part before '@' is empty");
        }
        if (words.size() == 1 && !words.get(0).isDot()) {
            return words.get(0).text(); // the common case, a single atom or quoted string: nothing to join
        }
        StringBuilder local = new StringBuilder();
        boolean expectWord = true;
        for (Word word : words) {
            if (word.isDot() == expectWord) {
                throw error(expectWord ? "the local part has an empty label (two dots, or a dot at an end)"
                        : "the local part contains a space; quote it");
            }
            local.append(word.text());
            expectWord = !expectWord;
        }
        if (expectWord) {
            throw error("the local part ends with a dot");
        }
        return local.toString();
    }

    private String domain() {
        skipCfws();
        if (atEnd()) {
            throw error("the domain after '@' is empty");
        }
        if (peek() == '[') {
            int close = text.indexOf(']', pos);
            if (close < 0) {
                throw error("missing ']' after the domain literal");
            }
            String literal = text.substring(pos, close + 1);
            if (literal.indexOf('[', 1) >= 0 || literal.indexOf('\\') >= 0 || literal.indexOf(' ') >= 0) {
                throw error("invalid domain literal " + literal);
            }
            pos = close + 1;
            return literal;
        }
        int start = pos;
        // The domain leaves out CFWS around its dots; until some is met, the domain so far is text[start, labelEnd).
        StringBuilder spaced = null;
        while (true) {
            int labelStart = pos;
            skipAtext();
            if (pos == labelStart) {
                throw error(atEnd() ? "the domain ends with a dot or is empty" : "unexpected '" + peek() + "' in the domain");
            }
            int labelEnd = pos;
            checkLabel(labelStart, labelEnd);
            if (spaced != null) {
                spaced.append(text, labelStart, labelEnd);
            }
            boolean cfws = skipCfws();
            if (atEnd() || peek() != '.') {
                return spaced != null ? spaced.toString() : text.substring(start, labelEnd);
            }
            pos++;
            cfws |= skipCfws();
            if (cfws && spaced == null) {
                spaced = new StringBuilder().append(text, start, labelEnd);
            }
            if (spaced != null) {
                spaced.append('.');
            }
        }
    }

    /** Checks the label {@code text[from, to)}. */
    private void checkLabel(int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            boolean ok = c >= 0x80 || Character.isLetterOrDigit(c) || c == '-' || c == '_';
            if (!ok) {
                throw error("the domain contains '" + c + "'; only letters, digits and '-' are allowed");
            }
        }
    }

    /** Reads atoms, quoted strings and dots, with the CFWS between them, up to the next other special. */
    private List<Word> words() {
        List<Word> words = new ArrayList<>();
        while (true) {
            boolean spaced = skipCfws();
            if (atEnd()) {
                return words;
            }
            char c = peek();
            if (c == '"') {
                words.add(new Word(quotedString(), false, true, spaced));
            } else if (c == '.') {
                pos++;
                words.add(new Word(".", true, false, spaced));
            } else {
                String atom = atom();
                if (atom.isEmpty()) {
                    return words;
                }
                words.add(new Word(atom, false, false, spaced));
            }
        }
    }

    private static String phrase(List<Word> words) {
        if (words.size() == 1) {
            return words.get(0).text(); // the common case, one word: nothing to join
        }
        StringBuilder phrase = new StringBuilder();
        for (Word word : words) {
            if (word.spaced() && phrase.length() > 0) {
                phrase.append(' ');
            }
            phrase.append(word.text());
        }
        return phrase.toString();
    }

    private String atom() {
        int start = pos;
        skipAtext();
        return text.substring(start, pos);
    }

    private void skipAtext() {
        while (!atEnd() && isAtext(peek())) {
            pos++;
        }
    }

    static boolean isAtext(char c) {
        return c >= 0x80 || ASCII_ATEXT[c];
    }

    private static boolean[] asciiAtext() {
        boolean[] atext = new boolean[0x80];
        for (char c = '!'; c < 0x7f; c++) {
            atext[c] = SPECIALS.indexOf(c) < 0;
        }
        return atext;
    }

    private String quotedString() {
        pos++; // opening quote
        StringBuilder value = new StringBuilder();
        while (!atEnd()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return value.toString();
            }
            if (c == '\\') {
                if (atEnd()) {
                    break;
                }
                c = text.charAt(pos++);
            }
            value.append(c);
        }
        throw error("missing closing '\"'");
    }

    /** Skips white space and comments; returns whether anything was skipped. Remembers the last comment. */
    private boolean skipCfws() {
        int start = pos;
        while (!atEnd()) {
            char c = peek();
            if (c == ' ' || c == '\t') {
                pos++;
            } else if (c == '(') {
                lastComment = comment();
            } else {
                break;
            }
        }
        return pos > start;
    }

    private String comment() {
        int depth = 0;
        StringBuilder content = new StringBuilder();
        while (!atEnd()) {
            char c = text.charAt(pos++);
            if (c == '\\' && !atEnd()) {
                content.append(text.charAt(pos++));
                continue;
            }
            if (c == '(' && depth++ == 0) {
                continue;
            }
            if (c == ')' && --depth == 0) {
                String trimmed = content.toString().trim();
                return trimmed.isEmpty() ? null : trimmed;
            }
            content.append(c);
        }
        throw error("missing closing ')' of a comment");
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private char peek() {
        return text.charAt(pos);
    }

    private IllegalArgumentException error(String reason) {
        int end = text.indexOf(',', Math.max(pos, elementStart));
        String element = text.substring(Math.min(elementStart, text.length()), end < 0 ? text.length() : end).trim();
        if (element.isEmpty()) {
            element = text.trim();
        }
        return new IllegalArgumentException("Invalid e-mail address \"" + PrintableText.excerpt(element) + "\": " + reason);
    }

    private record Word(String text, boolean isDot, boolean quoted, boolean spaced) {
    }
}
