package io.github.smtpclient.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.github.smtpclient.testing.Property;
import jakarta.mail.internet.MimeUtility;

class QuotedPrintableOutputStreamTests {

    @Test
    void printableAsciiPassesAndEqualsSignIsEncoded() throws IOException {
        assertThat(encode("a=b c\r\n")).isEqualTo("a=3Db c\r\n");
    }

    @Test
    void whitespaceBeforeALineBreakOrTheEndIsEncoded() throws IOException {
        assertThat(encode("a \r\nb\t")).isEqualTo("a=20\r\nb=09");
        assertThat(encode("a  b")).isEqualTo("a  b");
    }

    @Test
    void bareCarriageReturnAndLineFeedAreEncoded() throws IOException {
        assertThat(encode("a\rb\nc\r")).isEqualTo("a=0Db=0Ac=0D");
    }

    @Test
    void nonAsciiBytesAreEncodedInUpperCaseHex() throws IOException {
        assertThat(encode("ü")).isEqualTo("=C3=BC");
    }

    @Test
    void longLinesGetSoftBreaksAndStayWithin76Characters() throws IOException {
        String encoded = encode("é".repeat(100) + "x".repeat(200));
        for (String line : encoded.split("\r\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(76);
        }
        assertThat(encoded).contains("=\r\n").doesNotContain("=C=\r\n");
    }

    @Test
    void anyBytesRoundTripThroughAnIndependentDecoder() {
        Property.forAll(300, gen -> {
            byte[] data = gen.bytes(500, (byte) ' ', (byte) '\t', (byte) '\r', (byte) '\n', (byte) '=', (byte) 'a');
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (QuotedPrintableOutputStream qp = new QuotedPrintableOutputStream(out)) {
                qp.write(data);
            }
            byte[] decoded = MimeUtility.decode(new ByteArrayInputStream(out.toByteArray()), "quoted-printable")
                    .readAllBytes();
            assertThat(decoded).isEqualTo(data);
            for (String line : out.toString(StandardCharsets.US_ASCII).split("\r\n", -1)) {
                assertThat(line.length()).isLessThanOrEqualTo(76);
                assertThat(line).doesNotEndWith(" ").doesNotEndWith("\t");
            }
        });
    }

    private static String encode(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (QuotedPrintableOutputStream qp = new QuotedPrintableOutputStream(out)) {
            qp.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}
