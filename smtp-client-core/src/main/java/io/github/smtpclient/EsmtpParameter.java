package io.github.smtpclient;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import io.github.smtpclient.text.PrintableText;

/**
 * A further MAIL FROM or RCPT TO parameter for an extension the client does not implement itself, sent as given
 * ({@code KEYWORD} or {@code KEYWORD=value}). Both parts are checked against RFC 5321's grammar when the parameter
 * is made, so no value can end the command or add another one: the keyword is {@code ALPHA/DIGIT
 * *(ALPHA/DIGIT/"-")}, the value is one or more characters from {@code !} to {@code ~} except {@code =} (no space,
 * CR, LF or other control character). The parameters the client sets itself ({@link #CLIENT_KEYWORDS}) are refused:
 * use the {@link Envelope} options for them. The client sends an extra parameter whether or not the server
 * advertises its extension; a server that does not know it will refuse the command.
 *
 * @param keyword the esmtp-keyword, for example {@code HOLDFOR}; compared case-insensitively
 * @param value   the esmtp-value, empty for a parameter without one
 */
public record EsmtpParameter(String keyword, Optional<String> value) {

    /** The keywords the client owns: set them through {@link Envelope} and the client's settings. */
    public static final Set<String> CLIENT_KEYWORDS = Set.of("SIZE", "BODY", "SMTPUTF8", "RET", "ENVID", "NOTIFY",
            "ORCPT", "AUTH", "MT-PRIORITY", "REQUIRETLS");

    /**
     * Checks the keyword and value.
     *
     * @throws IllegalArgumentException naming the keyword or value and the character at fault
     */
    public EsmtpParameter {
        if (keyword == null || keyword.isEmpty()) {
            throw new IllegalArgumentException("ESMTP parameter keyword is missing; give a keyword such as HOLDFOR");
        }
        for (int i = 0; i < keyword.length(); i++) {
            char c = keyword.charAt(i);
            if (!isAlphaDigit(c) && (c != '-' || i == 0)) {
                throw new IllegalArgumentException("ESMTP parameter keyword '" + PrintableText.excerpt(keyword)
                        + "' has " + describe(c) + " at position " + i + "; a keyword is letters, digits and '-'"
                        + " (not first), as RFC 5321 esmtp-keyword says");
            }
        }
        if (CLIENT_KEYWORDS.contains(keyword.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("ESMTP parameter keyword '" + keyword + "' is set by the client itself;"
                    + " use the Envelope option (or client setting) for it instead of an extra parameter");
        }
        value = value == null ? Optional.empty() : value;
        if (value.isPresent()) {
            String text = value.get();
            if (text.isEmpty()) {
                throw new IllegalArgumentException("ESMTP parameter value of " + keyword + " is empty; leave the"
                        + " value out for a parameter without one");
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < '!' || c > '~' || c == '=') {
                    throw new IllegalArgumentException("ESMTP parameter value of " + keyword + " ('"
                            + PrintableText.excerpt(text) + "') has " + describe(c) + " at position " + i + "; a value"
                            + " is characters '!' to '~' without '=' (RFC 5321 esmtp-value); xtext-encode it if the"
                            + " extension allows");
                }
            }
        }
    }

    /** A parameter without a value, such as {@code KEYWORD}. */
    public static EsmtpParameter of(String keyword) {
        return new EsmtpParameter(keyword, Optional.empty());
    }

    /** A parameter {@code KEYWORD=value}. */
    public static EsmtpParameter of(String keyword, String value) {
        return new EsmtpParameter(keyword, Optional.of(value));
    }

    /** The parameter as it appears in the command: {@code KEYWORD} or {@code KEYWORD=value}. */
    public String toCommandText() {
        return value.map(v -> keyword + "=" + v).orElse(keyword);
    }

    /** Copies a list of parameters, refusing a keyword given twice (for {@code field}, in the message). */
    static List<EsmtpParameter> copyDistinct(List<EsmtpParameter> parameters, Supplier<String> field) {
        if (parameters.isEmpty()) {
            return List.of(); // every envelope and recipient without parameters: nothing to check or copy
        }
        Set<String> seen = new HashSet<>();
        for (EsmtpParameter parameter : parameters) {
            if (!seen.add(parameter.keyword().toUpperCase(Locale.ROOT))) {
                throw new IllegalArgumentException("ESMTP parameter " + parameter.keyword() + " is given twice for "
                        + field.get() + "; give each keyword once");
            }
        }
        return List.copyOf(parameters);
    }

    private static boolean isAlphaDigit(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static String describe(char c) {
        return c == ' ' ? "a space" : c < ' ' || c >= 0x7f
                ? String.format(Locale.ROOT, "character U+%04X", (int) c) : "'" + c + "'";
    }
}
