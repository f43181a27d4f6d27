package io.github.smtpclient.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ORCPT value of RFC 3461 section 4.2 (addr-type ";" xtext) and RFC 6533's {@code utf-8} address type: xtext for
 * ASCII mailboxes, raw UTF-8 (unitext) when the transaction declares SMTPUTF8, {@code \x{HEX}} escapes otherwise.
 */
class OriginalRecipientTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bob@example.test            | false | rfc822;bob@example.test",
        "a+b=c@example.test          | false | rfc822;a+2Bb+3Dc@example.test",
        "rfc822;bob@example.test     | false | rfc822;bob@example.test",
        "RFC822;a+b@example.test     | false | rfc822;a+2Bb@example.test",
        "x400;c=de;a=b               | false | x400;c+3Dde;a+3Db",
        "jörg@example.test           | true  | utf-8;jörg@example.test",
        "jörg@example.test           | false | utf-8;j\\x{F6}rg@example.test",
        "j+ö=\\@example.test         | true  | utf-8;j\\x{2B}ö\\x{3D}\\x{5C}@example.test",
        "utf-8;jörg@example.test     | false | utf-8;j\\x{F6}rg@example.test",
        "utf-8;bob@example.test      | false | utf-8;bob@example.test",
        "日本@example.test             | false | utf-8;\\x{65E5}\\x{672C}@example.test",
        "😀@example.test             | true  | utf-8;😀@example.test",
        "😀@example.test             | false | utf-8;\\x{1F600}@example.test"})
    void isEncodedAsItsAddressTypeRequires(String value, boolean smtpUtf8, String expected) {
        assertThat(EnvelopeCommands.originalRecipient(value, smtpUtf8)).isEqualTo(expected);
    }
}
