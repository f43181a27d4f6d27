package io.github.smtpclient.auth;

import java.text.Normalizer;

/**
 * SASLprep (RFC 4013) for SCRAM user names and passwords, so that a password typed in any Unicode form yields
 * the same key the server derived.
 *
 * <p>What it does: it maps the "commonly mapped to nothing" characters (RFC 3454 table B.1) to nothing and
 * non-ASCII spaces (table C.1.2) to SPACE, normalises to NFKC, rejects prohibited output, and applies the
 * bidirectional rule of RFC 3454 section 6. Strings of printable ASCII are returned unchanged, as SASLprep would.
 *
 * <p>Where it approximates: it uses the JDK's Unicode tables instead of Unicode 3.2, so NFKC of characters added
 * since 3.2 may differ from a strict implementation; unassigned code points are allowed (RFC 5802 prepares both
 * strings as "query strings"); and the prohibited tables C.2 to C.9 are matched by general category: every
 * control (Cc), format (Cf), private-use (Co), surrogate (Cs), line or paragraph separator (Zl, Zp) and
 * non-character code point, plus U+FFFC, U+FFFD and U+2FF0..U+2FFB. That rejects a few format characters
 * (such as the Arabic number signs U+0600..U+0605) that RFC 4013 lets through.
 */
final class SaslPrep {

    private SaslPrep() {
    }

    /**
     * Prepares a string.
     *
     * @return the prepared string, possibly empty
     * @throws IllegalArgumentException when the string contains a prohibited character or breaks the
     *         bidirectional rule; the message describes the problem without quoting the string
     */
    static String prepare(String input) {
        if (isPrintableAscii(input)) {
            return input;
        }
        String normalized = Normalizer.normalize(map(input), Normalizer.Form.NFKC);
        checkProhibited(normalized);
        checkBidirectional(normalized);
        return normalized;
    }

    private static boolean isPrintableAscii(String input) {
        return input.chars().allMatch(c -> c >= 0x20 && c < 0x7F);
    }

    private static String map(String input) {
        StringBuilder mapped = new StringBuilder(input.length());
        input.codePoints().forEach(cp -> {
            if (isMappedToNothing(cp)) {
                return;
            }
            mapped.appendCodePoint(Character.getType(cp) == Character.SPACE_SEPARATOR ? ' ' : cp);
        });
        return mapped.toString();
    }

    private static boolean isMappedToNothing(int cp) {
        return cp == 0x00AD || cp == 0x034F || cp == 0x1806 || (cp >= 0x180B && cp <= 0x180D)
                || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF;
    }

    private static void checkProhibited(String prepared) {
        prepared.codePoints().filter(SaslPrep::isProhibited).findFirst().ifPresent(cp -> {
            throw new IllegalArgumentException("contains a character SASLprep (RFC 4013) prohibits: a control, format,"
                    + " private-use, surrogate or non-character code point");
        });
    }

    private static boolean isProhibited(int cp) {
        switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE,
                    Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR:
                return true;
            default:
                boolean nonCharacter = (cp & 0xFFFE) == 0xFFFE || (cp >= 0xFDD0 && cp <= 0xFDEF);
                return nonCharacter || cp == 0xFFFC || cp == 0xFFFD || (cp >= 0x2FF0 && cp <= 0x2FFB);
        }
    }

    private static void checkBidirectional(String prepared) {
        boolean hasRightToLeft = prepared.codePoints().anyMatch(SaslPrep::isRightToLeft);
        if (!hasRightToLeft) {
            return;
        }
        boolean hasLeftToRight = prepared.codePoints()
                .anyMatch(cp -> Character.getDirectionality(cp) == Character.DIRECTIONALITY_LEFT_TO_RIGHT);
        int first = prepared.codePointAt(0);
        int last = prepared.codePointBefore(prepared.length());
        if (hasLeftToRight || !isRightToLeft(first) || !isRightToLeft(last)) {
            throw new IllegalArgumentException("mixes right-to-left and left-to-right characters in a way SASLprep"
                    + " (RFC 4013) prohibits");
        }
    }

    private static boolean isRightToLeft(int cp) {
        byte direction = Character.getDirectionality(cp);
        return direction == Character.DIRECTIONALITY_RIGHT_TO_LEFT
                || direction == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
    }
}
