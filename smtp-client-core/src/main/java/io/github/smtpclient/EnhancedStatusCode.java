package io.github.smtpclient;

import java.util.Optional;

/**
 * An RFC 3463 enhanced status code such as {@code 5.1.1}: class, subject and detail.
 *
 * @param statusClass 2 (success), 4 (persistent transient failure) or 5 (permanent failure)
 * @param subject     0 to 999
 * @param detail      0 to 999
 */
public record EnhancedStatusCode(int statusClass, int subject, int detail) {

    public EnhancedStatusCode {
        if (statusClass != 2 && statusClass != 4 && statusClass != 5) {
            throw new IllegalArgumentException("enhanced status class must be 2, 4 or 5, was " + statusClass);
        }
        if (subject < 0 || subject > 999 || detail < 0 || detail > 999) {
            throw new IllegalArgumentException("enhanced status subject and detail must be 0-999");
        }
    }

    /**
     * Parses the code at the start of a reply text ({@code "2.1.0 Ok"}); empty if the text does not start with
     * one. RFC 3463: each part is 1-3 digits without leading zeros beyond the value, class one digit.
     */
    public static Optional<EnhancedStatusCode> parsePrefix(String text) {
        int firstDot = text.indexOf('.');
        if (firstDot != 1) {
            return Optional.empty();
        }
        int secondDot = text.indexOf('.', 2);
        if (secondDot < 3 || secondDot > 5) {
            return Optional.empty();
        }
        int end = secondDot + 1;
        while (end < text.length() && end - secondDot <= 4 && isDigit(text.charAt(end))) {
            end++;
        }
        int detailLength = end - secondDot - 1;
        if (detailLength < 1 || detailLength > 3 || (end < text.length() && text.charAt(end) != ' ')) {
            return Optional.empty();
        }
        String klass = text.substring(0, 1);
        String subject = text.substring(2, secondDot);
        String detail = text.substring(secondDot + 1, end);
        if (!allDigits(klass) || !allDigits(subject) || !allDigits(detail)) {
            return Optional.empty();
        }
        int statusClass = Integer.parseInt(klass);
        if (statusClass != 2 && statusClass != 4 && statusClass != 5) {
            return Optional.empty();
        }
        return Optional.of(new EnhancedStatusCode(statusClass, Integer.parseInt(subject), Integer.parseInt(detail)));
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    @Override
    public String toString() {
        return statusClass + "." + subject + "." + detail;
    }
}
