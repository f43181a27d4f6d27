package io.github.smtpclient.net;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One challenge of a {@code Proxy-Authenticate} header (RFC 9110 section 11.6.1): a scheme with either a token68
 * (NTLM's base64 message) or parameters (Digest's realm, nonce, qop...). Parameter names are lower case.
 */
record AuthChallenge(String scheme, String token68, Map<String, String> parameters) {

    AuthChallenge {
        parameters = Map.copyOf(parameters);
    }

    boolean is(String name) {
        return scheme.equalsIgnoreCase(name);
    }

    /** A parameter's value (unquoted), or {@code null}. */
    String parameter(String name) {
        return parameters.get(name.toLowerCase(Locale.ROOT));
    }

    /** Every challenge in the header values, in order; a value that cannot be parsed yields what came before it. */
    static List<AuthChallenge> parse(List<String> headerValues) {
        List<AuthChallenge> challenges = new ArrayList<>();
        for (String value : headerValues) {
            new Parser(value).challenges(challenges);
        }
        return challenges;
    }

    /** The names of the schemes, for error messages. */
    static List<String> schemes(List<AuthChallenge> challenges) {
        return challenges.stream().map(AuthChallenge::scheme).distinct().toList();
    }

    /** A hand-written parser for the challenge grammar: a comma separates both parameters and challenges. */
    private static final class Parser {

        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        void challenges(List<AuthChallenge> into) {
            while (true) {
                skipSeparators();
                String scheme = token();
                if (scheme == null) {
                    return;
                }
                skipSpaces();
                Map<String, String> parameters = new LinkedHashMap<>();
                String token68 = null;
                if (!parameter(parameters)) {
                    token68 = token68();
                } else {
                    while (true) {
                        int mark = pos;
                        skipSpaces();
                        if (!consume(',')) {
                            pos = mark;
                            break;
                        }
                        skipSeparators();
                        if (!parameter(parameters)) {
                            pos = mark; // at the comma before the next challenge's scheme
                            break;
                        }
                    }
                }
                into.add(new AuthChallenge(scheme, token68, parameters));
                skipSpaces();
                if (pos < text.length() && text.charAt(pos) != ',') {
                    return; // malformed: stop with what was understood
                }
            }
        }

        /** {@code token BWS "=" BWS ( token / quoted-string )}; leaves the position unchanged when absent. */
        private boolean parameter(Map<String, String> into) {
            int start = pos;
            String name = token();
            if (name == null) {
                return false;
            }
            skipSpaces();
            if (!consume('=')) {
                pos = start;
                return false;
            }
            skipSpaces();
            String value = pos < text.length() && text.charAt(pos) == '"' ? quoted() : token();
            if (value == null) {
                pos = start;
                return false;
            }
            into.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
            return true;
        }

        private String token68() {
            int start = pos;
            while (pos < text.length() && isToken68(text.charAt(pos))) {
                pos++;
            }
            while (pos < text.length() && text.charAt(pos) == '=') {
                pos++;
            }
            return pos > start ? text.substring(start, pos) : null;
        }

        private String token() {
            int start = pos;
            while (pos < text.length() && isTokenChar(text.charAt(pos))) {
                pos++;
            }
            return pos > start ? text.substring(start, pos) : null;
        }

        private String quoted() {
            StringBuilder value = new StringBuilder();
            pos++;
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\' && pos < text.length()) {
                    c = text.charAt(pos++);
                }
                value.append(c);
            }
            return null; // unterminated
        }

        private boolean consume(char c) {
            if (pos < text.length() && text.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        private void skipSpaces() {
            while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
                pos++;
            }
        }

        private void skipSeparators() {
            while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t'
                    || text.charAt(pos) == ',')) {
                pos++;
            }
        }

        private static boolean isTokenChar(char c) {
            return c > ' ' && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
        }

        private static boolean isToken68(char c) {
            return c < 0x80 && (Character.isLetterOrDigit(c) || "-._~+/".indexOf(c) >= 0);
        }
    }
}
