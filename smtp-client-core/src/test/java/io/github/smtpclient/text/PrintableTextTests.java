package io.github.smtpclient.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one escaper for text shown to people: what it escapes, how, and what it leaves alone. */
class PrintableTextTests {

    @ParameterizedTest
    @CsvSource({
        "0, \\x00", "9, \\x09", "10, \\x0A", "13, \\x0D", "27, \\x1B", "31, \\x1F", // C0
        "127, \\x7F", // DEL
        "128, \\x80", "133, \\x85", "155, \\x9B", "159, \\x9F", // C1
        "8206, \\u200E", "8207, \\u200F", // LRM, RLM
        "8234, \\u202A", "8235, \\u202B", "8236, \\u202C", "8237, \\u202D", "8238, \\u202E", // embeddings, overrides
        "8294, \\u2066", "8295, \\u2067", "8296, \\u2068", "8297, \\u2069", // isolates
        "8232, \\u2028", "8233, \\u2029", // line and paragraph separators
        "8203, \\u200B", "65279, \\uFEFF", // zero-width space, BOM
        "917569, \\u{E0041}"}) // an invisible tag character, beyond the BMP
    void everyCharacterThatCanHideOrRewriteTextIsEscaped(int codePoint, String escaped) {
        String text = "before" + Character.toString(codePoint) + "after";

        assertThat(PrintableText.escape(text)).isEqualTo("before" + escaped + "after");
    }

    @ParameterizedTest
    @ValueSource(strings = {"250 2.0.0 Ok: queued as 4F1", "Zoë Ünal <zoe@bücher.example>", "日本語のテキスト",
        "emoji \uD83D\uDE00 stays", "backslash \\x1B stays as typed", ""})
    void printableTextIsReturnedUnchanged(String text) {
        assertThat(PrintableText.escape(text)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uD800", "a\uDC00b"})
    void anUnpairedSurrogateIsEscaped(String text) {
        assertThat(PrintableText.escape(text)).doesNotContain("\uD800", "\uDC00").contains("\\u");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u001B[2J\u001B[31mfake prompt$ ", "ok\r\n250 forged", "\u202Etxt.exe"})
    void escapedTextHasNoControlOrFormatCharacterLeft(String hostile) {
        String escaped = PrintableText.escape(hostile);

        assertThat(escaped.codePoints()).noneMatch(c -> Character.getType(c) == Character.CONTROL
                || Character.getType(c) == Character.FORMAT);
    }

    @Test
    void anExcerptQuotesTheFirst200CharactersEscapedAndMarksTheCut() {
        assertThat(PrintableText.excerpt("a\u0000b")).isEqualTo("a\\x00b");
        assertThat(PrintableText.excerpt("x".repeat(200))).isEqualTo("x".repeat(200));
        assertThat(PrintableText.excerpt("x".repeat(199) + "\r" + "y".repeat(1000)))
                .isEqualTo("x".repeat(199) + "\\x0D...");
        // A surrogate pair straddling the cut is left out whole rather than shown as an unpaired half.
        assertThat(PrintableText.excerpt("x".repeat(199) + "\uD83D\uDE00" + "y"))
                .isEqualTo("x".repeat(199) + "...");
        assertThat(PrintableText.excerpt(null)).isNull();
    }
}
