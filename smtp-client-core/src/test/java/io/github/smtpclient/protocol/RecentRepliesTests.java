package io.github.smtpclient.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.github.smtpclient.Reply;
import io.github.smtpclient.testing.Property;

/**
 * The reader hands out a reply it saw last when the server repeats it ({@link RecentReplies}); whatever it reuses,
 * every reply must equal the one decoded afresh from its bytes. The texts are short and drawn from few bytes,
 * among them UTF-8 and stray 8-bit octets, so replies of one code and length that differ in one byte, and ASCII
 * texts beside 8-bit ones, follow each other often. A failure prints the seed (see {@link Property}).
 */
class RecentRepliesTests {

    private static final byte[] ALPHABET = {'a', 'b', '.', ' ', (byte) 0xC3, (byte) 0xA9, (byte) 0xE9};
    private static final int[] CODES = {250, 251, 354, 550};

    @Test
    void everyReplyEqualsItsBytesDecodedAfreshWhateverWasSeenBefore() {
        Property.forAll(2_000, gen -> {
            Random random = gen.random();
            List<byte[]> texts = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                texts.add(text(random));
            }
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            List<Reply> expected = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                int code = CODES[random.nextInt(CODES.length)];
                byte[] text = texts.get(random.nextInt(texts.size()));
                wire.writeBytes((code + " ").getBytes(StandardCharsets.US_ASCII));
                wire.writeBytes(text);
                wire.writeBytes(new byte[] {'\r', '\n'});
                expected.add(new Reply(code, List.of(new String(text, StandardCharsets.UTF_8))));
            }
            ReplyReader reader = new ReplyReader(new ByteArrayInputStream(wire.toByteArray()));
            for (Reply reply : expected) {
                assertThat(reader.read()).isEqualTo(reply);
            }
        });
    }

    @Test
    void aRepeatedAsciiReplyIsTheSameInstanceAndOneDifferingInOneByteIsNot() throws Exception {
        ReplyReader reader = new ReplyReader(new ByteArrayInputStream(
                "250 2.1.0 Ok\r\n250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n250 2.1.0 Ok\r\n".getBytes(StandardCharsets.US_ASCII)));

        Reply first = reader.read();
        Reply again = reader.read();
        Reply other = reader.read();

        assertThat(again).isSameAs(first);
        assertThat(other.text()).isEqualTo("2.1.5 Ok");
        assertThat(reader.read().text()).isEqualTo("2.1.0 Ok");
    }

    private static byte[] text(Random random) {
        byte[] text = new byte[random.nextInt(6)];
        for (int i = 0; i < text.length; i++) {
            text[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return text;
    }
}
