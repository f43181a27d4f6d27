package io.github.smtpclient.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.github.smtpclient.message.BodyType;
import io.github.smtpclient.testing.Property;

class BodyScannerTests {

    @Test
    void asciiIsSevenBitEightBitOctetsNeed8BitMimeNulAndLongLinesNeedBinaryMime() {
        assertThat(scan("plain\r\ntext\n")).isEqualTo(BodyType.SEVEN_BIT);
        assertThat(scan("caf\u00e9\r\n")).isEqualTo(BodyType.EIGHT_BIT_MIME);
        assertThat(scan("a\0b")).isEqualTo(BodyType.BINARY_MIME);
        assertThat(scan("x".repeat(998) + "\r\n" + "y".repeat(998))).isEqualTo(BodyType.SEVEN_BIT);
        assertThat(scan("x".repeat(999))).isEqualTo(BodyType.BINARY_MIME);
    }

    @Test
    void bareCrAndBareLfEndLinesAsOnTheWire() {
        assertThat(scan(("x".repeat(600) + "\r").repeat(3))).isEqualTo(BodyType.SEVEN_BIT);
        assertThat(scan(("x".repeat(600) + "\n").repeat(3))).isEqualTo(BodyType.SEVEN_BIT);
    }

    @Test
    void theReasonNamesTheLineAndCountsACrlfSplitBetweenPiecesOnce() {
        BodyScanner scanner = new BodyScanner();
        byte[] first = "one\r".getBytes(StandardCharsets.US_ASCII);
        byte[] second = "\ntwo\rthree\n\u00e9".getBytes(StandardCharsets.UTF_8);
        scanner.scan(first, 0, first.length);
        scanner.scan(second, 0, second.length);

        assertThat(scanner.bodyType()).isEqualTo(BodyType.EIGHT_BIT_MIME);
        assertThat(scanner.reason()).isEqualTo("byte 15 (line 4) is the 8-bit octet 0xC3");
    }

    @Test
    void anySplitIntoPiecesGivesTheSameTypeAsAByteAtATimeReference() {
        Property.forAll(3000, gen -> {
            byte[] bytes = gen.bytes(2500, (byte) '\r', (byte) '\n', (byte) 'x', (byte) 'x', (byte) 'x', (byte) 0,
                    (byte) 0xC3);
            BodyScanner scanner = scanInPieces(bytes, 300, gen.random());
            assertThat(scanner.bodyType()).isEqualTo(reference(bytes));
        });
    }

    @Test
    void runsOfEqualLinesWithFlawsAnywhereGiveTheReferenceTypeAndReason() {
        // The scanner passes over lines as long as the one before as a whole; the line numbers in its reasons must
        // still count every line.
        Property.forAll(3000, gen -> {
            byte[] bytes = gen.equalLines(100_000);
            BodyScanner scanner = scanInPieces(bytes, 40_000, gen.random());
            assertThat(scanner.bodyType()).isEqualTo(reference(bytes));
            String reason = referenceReason(bytes);
            // A NUL on a line already over the limit may be named first, depending on where a piece ends.
            if (!(reason.startsWith("line ") && contains(bytes, (byte) 0))) {
                assertThat(scanner.reason()).isEqualTo(reason);
            }
        });
    }

    /** The reason for the type {@link #reference} gives, with the line and byte where it was decided. */
    private static String referenceReason(byte[] bytes) {
        String eightBit = "";
        int line = 1;
        int length = 0;
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == '\r' || b == '\n') {
                if (b == '\r' && i + 1 < bytes.length && bytes[i + 1] == '\n') {
                    i++;
                }
                line++;
                length = 0;
            } else if (b == 0) {
                return "byte " + i + " (line " + line + ") is NUL";
            } else if (++length > 998) {
                return "line " + line + " is longer than 998 octets";
            } else if (b < 0 && eightBit.isEmpty()) {
                eightBit = String.format(Locale.ROOT, "byte %d (line %d) is the 8-bit octet 0x%02X", i, line,
                        b & 0xff);
            }
        }
        return eightBit;
    }

    /** Scans {@code bytes} in pieces of 1 to {@code maxPiece} bytes. */
    private static BodyScanner scanInPieces(byte[] bytes, int maxPiece, Random random) {
        BodyScanner scanner = new BodyScanner();
        for (int position = 0; position < bytes.length; ) {
            int piece = Math.min(1 + random.nextInt(maxPiece), bytes.length - position);
            scanner.scan(bytes, position, piece);
            position += piece;
        }
        return scanner;
    }

    private static boolean contains(byte[] bytes, byte value) {
        for (byte b : bytes) {
            if (b == value) {
                return true;
            }
        }
        return false;
    }

    private static BodyType reference(byte[] bytes) {
        boolean eightBit = false;
        int line = 0;
        for (byte b : bytes) {
            if (b == 0) {
                return BodyType.BINARY_MIME;
            }
            if (b == '\r' || b == '\n') {
                line = 0;
            } else if (++line > 998) {
                return BodyType.BINARY_MIME;
            }
            eightBit |= b < 0;
        }
        return eightBit ? BodyType.EIGHT_BIT_MIME : BodyType.SEVEN_BIT;
    }

    private static BodyType scan(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        BodyScanner scanner = new BodyScanner();
        scanner.scan(bytes, 0, bytes.length);
        return scanner.bodyType();
    }
}
