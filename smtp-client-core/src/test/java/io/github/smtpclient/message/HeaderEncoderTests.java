package io.github.smtpclient.message;

import java.io.ByteArrayOutputStream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import jakarta.mail.internet.MimeUtility;

class HeaderEncoderTests {

    @Test
    void plainAsciiIsSplitIntoWords() {
        assertThat(HeaderEncoder.unstructured("Hello brave new world", 8)).containsExactly("Hello", "brave", "new", "world");
    }

    @Test
    void nonAsciiIsEncodedAndDecodesBack() throws Exception {
        String text = "Grüße aus Köln";
        List<String> words = HeaderEncoder.unstructured(text, 8);
        assertThat(words).allSatisfy(w -> assertThat(w).startsWith("=?UTF-8?"));
        assertThat(MimeUtility.decodeText(String.join(" ", words))).isEqualTo(text);
    }

    @Test
    void encodedWordsNeverSplitACharacterAndStayWithin75() throws Exception {
        String text = "😀".repeat(40) + "日本語".repeat(30) + "é".repeat(50);
        List<String> words = HeaderEncoder.unstructured(text, 8);
        for (String word : words) {
            assertThat(word.length()).isLessThanOrEqualTo(75);
            assertThat(decodesAlone(word)).as(word).isTrue();
        }
        assertThat(MimeUtility.decodeText(String.join(" ", words))).isEqualTo(text);
    }

    @Test
    void firstWordLeavesRoomForTheFieldName() {
        List<String> words = HeaderEncoder.unstructured("ü".repeat(60), "X-A-Rather-Long-Field-Name".length() + 1);
        assertThat("X-A-Rather-Long-Field-Name: ".length() + words.get(0).length()).isLessThanOrEqualTo(78);
    }

    @Test
    void spacingAndControlCharactersAreEncodedToSurviveExactly() throws Exception {
        for (String text : new String[] {" leading", "trailing ", "two  spaces", "tab\there", "bell\u0007"}) {
            List<String> words = HeaderEncoder.unstructured(text, 8);
            assertThat(words.get(0)).startsWith("=?UTF-8?");
            assertThat(MimeUtility.decodeText(String.join(" ", words))).isEqualTo(text);
        }
    }

    @Test
    void phraseIsAtomsQuotedOrEncoded() {
        assertThat(HeaderEncoder.phrase("John Doe", 0)).containsExactly("John", "Doe");
        assertThat(HeaderEncoder.phrase("Doe, John", 0)).containsExactly("\"Doe, John\"");
        assertThat(HeaderEncoder.phrase("Jörg", 0)).singleElement().asString().startsWith("=?UTF-8?");
    }

    @Test
    void folderBreaksBeforeWordsThatWouldPass78() {
        String folded = HeaderFolder.fold("Subject", List.of("word ".repeat(30).strip().split(" ")));
        assertThat(folded).endsWith("\r\n");
        for (String line : folded.split("\r\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(78);
        }
        assertThat(folded.replace("\r\n", "")).isEqualTo("Subject: " + "word ".repeat(30).strip());
    }

    @Test
    void folderNeverBreaksAfterABackslashBecauseJakartaMailWouldKeepThatBreak() throws Exception {
        String value = "x".repeat(70) + "\\ " + "y".repeat(20);
        String folded = HeaderFolder.fold("Subject", List.of(value.split(" ")));

        assertThat(folded).doesNotContain("\\\r\n");
        assertThat(jakarta.mail.internet.MimeUtility.unfold(folded.substring("Subject: ".length()).strip()))
                .isEqualTo(value);
    }

    @Test
    void folderRefusesALineOver998() {
        assertThatIllegalArgumentException().isThrownBy(() -> HeaderFolder.fold("X", List.of("a".repeat(1000))))
                .withMessageContaining("998");
    }

    private static boolean decodesAlone(String word) {
        String payload = word.substring(10, word.length() - 2);
        byte[] bytes = word.charAt(8) == 'B' ? Base64.getDecoder().decode(payload) : qDecode(payload);
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static byte[] qDecode(String payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < payload.length(); i++) {
            char c = payload.charAt(i);
            if (c == '=') {
                out.write(Integer.parseInt(payload.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c == '_' ? ' ' : c);
            }
        }
        return out.toByteArray();
    }
}
