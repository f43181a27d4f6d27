package io.github.smtpclient.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the DATA gate (jqwik) over random inputs, each written in random-sized pieces. The inputs favour
 * the bytes that matter (CR, LF, '.') so every awkward sequence and split occurs; jqwik shrinks a failing input
 * and reports the seed that reproduces it.
 */
class DotStuffingOutputStreamPropertyTests {

    private static final byte CR = '\r';
    private static final byte LF = '\n';

    @Property(tries = 2000)
    void unstuffingTheOutputAsAServerDoesGivesTheInputWithNormalisedLineEndings(@ForAll("data") byte[] input,
            @ForAll long splitSeed) throws IOException {
        byte[] output = stuff(input, new Random(splitSeed));

        assertThat(unstuffAsServer(output)).isEqualTo(normalise(input));
    }

    @Property(tries = 2000)
    void endOfDataAppearsOnlyAtTheEnd(@ForAll("data") byte[] input, @ForAll long splitSeed) throws IOException {
        // The CRLF that ended the DATA command comes first on the wire.
        byte[] wire = concat(new byte[] {CR, LF}, stuff(input, new Random(splitSeed)));

        assertThat(indexOf(wire, new byte[] {CR, LF, '.', CR, LF}, 0)).isEqualTo(wire.length - 5);
    }

    @Property(tries = 2000)
    void outputHasNoBareCrOrLf(@ForAll("data") byte[] input, @ForAll long splitSeed) throws IOException {
        byte[] output = stuff(input, new Random(splitSeed));

        for (int i = 0; i < output.length; i++) {
            boolean bareCr = output[i] == CR && (i + 1 == output.length || output[i + 1] != LF);
            boolean bareLf = output[i] == LF && (i == 0 || output[i - 1] != CR);
            assertThat(bareCr || bareLf).as("bare line ending at %d", i).isFalse();
        }
    }

    /** Up to 300 bytes, about half of them CR, LF, '.', NUL or 0xFF, the rest any byte. */
    @Provide
    Arbitrary<byte[]> data() {
        Arbitrary<Byte> special = Arbitraries.of(CR, LF, (byte) '.', (byte) 0, (byte) 0xFF);
        return Arbitraries.oneOf(special, Arbitraries.bytes()).array(byte[].class).ofMaxSize(300);
    }

    /** Writes the input in pieces of 1 to 20 bytes (sometimes one byte with {@code write(int)}), then finishes. */
    private static byte[] stuff(byte[] input, Random random) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        DotStuffingOutputStream data = new DotStuffingOutputStream(wire);
        int position = 0;
        while (position < input.length) {
            int length = Math.min(1 + random.nextInt(20), input.length - position);
            if (length == 1 && random.nextBoolean()) {
                data.write(input[position]);
            } else {
                data.write(input, position, length);
            }
            position += length;
        }
        data.finish();
        assertThat(data.messageBytes()).isEqualTo(input.length);
        return wire.toByteArray();
    }

    /** CRLF, bare CR and bare LF each become CRLF; a last line without a line ending gets one. */
    private static byte[] normalise(byte[] input) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < input.length; i++) {
            if (input[i] == CR || input[i] == LF) {
                if (input[i] == CR && i + 1 < input.length && input[i + 1] == LF) {
                    i++;
                }
                out.write(CR);
                out.write(LF);
            } else {
                out.write(input[i]);
            }
        }
        byte[] normalised = out.toByteArray();
        boolean endsWithCrlf = normalised.length >= 2 && normalised[normalised.length - 1] == LF;
        return normalised.length == 0 || endsWithCrlf ? normalised : concat(normalised, new byte[] {CR, LF});
    }

    /** RFC 5321 4.5.2 receiver: split on CRLF, stop at the line ".", drop one leading dot from other lines. */
    private static byte[] unstuffAsServer(byte[] wire) {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        int lineStart = 0;
        while (true) {
            int lineEnd = indexOf(wire, new byte[] {CR, LF}, lineStart);
            assertThat(lineEnd).as("a terminated line").isNotNegative();
            if (lineEnd - lineStart == 1 && wire[lineStart] == '.') {
                assertThat(lineEnd + 2).as("nothing after the terminator").isEqualTo(wire.length);
                return message.toByteArray();
            }
            int skip = wire[lineStart] == '.' ? 1 : 0;
            message.write(wire, lineStart + skip, lineEnd - lineStart - skip);
            message.write(CR);
            message.write(LF);
            lineStart = lineEnd + 2;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
