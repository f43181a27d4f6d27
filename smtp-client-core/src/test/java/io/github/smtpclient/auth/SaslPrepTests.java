package io.github.smtpclient.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

import io.github.smtpclient.testing.Property;

class SaslPrepTests {

    @Test
    void printableAsciiIsUnchanged() {
        Property.forAll(1000, gen -> {
            String input = gen.chars(100, ' ', '~', "");
            assertThat(SaslPrep.prepare(input)).isEqualTo(input);
        });
    }

    @Test
    void rfc4013ExamplesAreMappedAndNormalised() {
        assertThat(SaslPrep.prepare("I\u00ADX")).isEqualTo("IX");
        assertThat(SaslPrep.prepare("user")).isEqualTo("user");
        assertThat(SaslPrep.prepare("USER")).isEqualTo("USER");
        assertThat(SaslPrep.prepare("\u00AA")).isEqualTo("a");
        assertThat(SaslPrep.prepare("\u2168")).isEqualTo("IX");
    }

    @Test
    void nonAsciiSpacesBecomeSpaceAndZeroWidthCharactersVanish() {
        assertThat(SaslPrep.prepare("a\u00A0b\u3000c")).isEqualTo("a b c");
        assertThat(SaslPrep.prepare("pa\u200Bss\uFEFFword")).isEqualTo("password");
    }

    @Test
    void compositionIsNormalisedToNfkc() {
        assertThat(SaslPrep.prepare("j\u006F\u0308rg")).isEqualTo("j\u00F6rg");
        assertThat(SaslPrep.prepare("\uFB01le")).isEqualTo("file");
    }

    @Test
    void controlAndPrivateUseCharactersAreProhibited() {
        for (String input : new String[] {"\u0007", "pass\nword", "a\u0085b", "\uE000", "a\u2028b", "\u200Eabc", "\uFFFD",
                "x\uDC00", "\uFDD0"}) {
            assertThatIllegalArgumentException().as("U+%04X", (int) input.charAt(input.length() - 1))
                    .isThrownBy(() -> SaslPrep.prepare(input)).withMessageContaining("prohibits");
        }
    }

    @Test
    void rightToLeftTextMustNotMixWithLeftToRightText() {
        assertThat(SaslPrep.prepare("\u0627\u0628")).isEqualTo("\u0627\u0628");
        assertThatIllegalArgumentException().isThrownBy(() -> SaslPrep.prepare("\u0627\u0031"));
        assertThatIllegalArgumentException().isThrownBy(() -> SaslPrep.prepare("\u0627a\u0628"));
    }

    @Test
    void errorMessagesDoNotQuoteTheInput() {
        assertThatIllegalArgumentException().isThrownBy(() -> SaslPrep.prepare("secret\u0007"))
                .withMessageNotContaining("secret");
    }
}
