package io.github.smtpclient.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.testing.Gen;
import io.github.smtpclient.testing.Property;

/**
 * Properties of the data gate over random inputs, each written in random pieces, against a byte-at-a-time
 * reference of the rules (bare CR and LF become CRLF, a leading dot is doubled, the last line is completed; NUL,
 * lines over 998 octets and undeclared 8-bit octets are refused before they are passed on). The inputs favour the
 * bytes that matter (CR, LF, '.', NUL, 0xFF) so every awkward sequence and split occurs; a failure prints the seed
 * that reproduces it (see {@link Property}).
 */
class MessageDataOutputStreamPropertyTests {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte DOT = '.';
    private static final byte[] FAVOURED = {CR, LF, DOT, 0, (byte) 0xFF};

    @Test
    void outputIsIdenticalToTheReferenceRulesWhateverTheSplitIntoWrites() {
        Property.forAll(20_000, gen -> {
            byte[] input = gen.bytes(300, FAVOURED);
            boolean eightBit = gen.anyBoolean();
            boolean dotStuffing = gen.anyBoolean();
            Expected expected = reference(input, eightBit, dotStuffing);

            assertMatches(expected, write(input, List.of(input.length), eightBit, dotStuffing));
            assertMatches(expected, write(input, randomSplit(input.length, gen.random()), eightBit, dotStuffing));
            assertMatches(expected, write(input, bytewise(input.length), eightBit, dotStuffing));
        });
    }

    @Test
    void outputIsIdenticalToTheReferenceRulesForEverySplitOfEveryShortInput() throws IOException {
        byte[] alphabet = {CR, LF, DOT, 'a', 0};
        int length = 6;
        int inputs = (int) Math.pow(alphabet.length, length);
        for (int n = 0; n < inputs; n++) {
            byte[] input = new byte[length];
            for (int i = 0, rest = n; i < length; i++, rest /= alphabet.length) {
                input[i] = alphabet[rest % alphabet.length];
            }
            for (int cuts = 0; cuts < 1 << (length - 1); cuts++) {
                for (boolean dotStuffing : new boolean[] {true, false}) {
                    assertMatches(reference(input, true, dotStuffing), write(input, split(cuts, length), true,
                            dotStuffing));
                }
            }
        }
    }

    @Test
    void longLinesAreRefusedAtTheirFirstOctetOverTheLimitAndShorterOnesPass() {
        Property.forAll(500, gen -> {
            byte[] input = longLines(gen);
            Expected expected = reference(input, true, true);

            assertMatches(expected, write(input, randomSplit(input.length, gen.random()), true, true));
        });
    }

    @Test
    void unstuffingTheDataAsAServerDoesGivesTheInputWithNormalisedLineEndings() {
        Property.forAll(2_000, gen -> {
            byte[] input = withoutNul(gen.bytes(300, FAVOURED));
            byte[] wire = write(input, randomSplit(input.length, gen.random()), true, true).output;

            assertThat(unstuffAsServer(wire)).isEqualTo(normalise(input));
            // The CRLF that ended the DATA command comes first on the wire.
            byte[] afterCommand = concat(new byte[] {CR, LF}, wire);
            assertThat(indexOf(afterCommand, new byte[] {CR, LF, DOT, CR, LF}, 0)).isEqualTo(afterCommand.length - 5);
            assertNoBareLineEnding(wire);
        });
    }

    @Test
    void bdatChunksCarryExactlyTheNormalisedPayloadInChunksOfTheConfiguredSize() {
        Property.forAll(2_000, gen -> {
            byte[] input = withoutNul(gen.bytes(400, FAVOURED));
            int chunkSize = gen.intBetween(1, 64);
            List<Integer> sizes = new ArrayList<>();
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            CommandWriter writer = new CommandWriter(wire, 4096);
            BdatChunkOutputStream chunker = new BdatChunkOutputStream(writer, chunkSize,
                    (size, last) -> sizes.add(size));
            MessageDataOutputStream gate = MessageDataOutputStream.unstuffed(chunker, true);
            for (int[] piece : pieces(randomSplit(input.length, gen.random()))) {
                gate.write(input, piece[0], piece[1]);
            }
            gate.finish();
            chunker.finish();
            writer.flush();

            byte[] payload = BdatChunkOutputStreamTests.parseChunks(wire.toByteArray());
            assertThat(payload).isEqualTo(normalise(input));
            assertNoBareLineEnding(payload);
            assertThat(sizes.subList(0, sizes.size() - 1)).allMatch(size -> size == chunkSize);
        });
    }

    @Test
    void runsOfEqualLinesWithFlawsAnywhereGiveTheReferenceOutput() {
        // Base64 and quoted-printable bodies: many lines of one length, which the gate skips over as a whole; a flaw
        // (a leading dot, a bare line ending, NUL, an 8-bit or control octet, a line of another length) may sit
        // anywhere in them, and a slice boundary of a large write may fall anywhere too.
        Property.forAll(3_000, gen -> {
            byte[] input = gen.equalLines(MessageDataOutputStream.SLICE + 4096);
            boolean eightBit = gen.anyBoolean();
            boolean dotStuffing = gen.anyBoolean();
            Expected expected = reference(input, eightBit, dotStuffing);

            assertMatches(expected, write(input, List.of(input.length), eightBit, dotStuffing));
            assertMatches(expected, write(input, randomSplit(input.length, gen.random()), eightBit, dotStuffing));
            int head = gen.intBetween(0, input.length);
            assertMatches(expected, write(input, List.of(head, input.length - head), eightBit, dotStuffing));
        });
    }

    /** What the gate must produce for {@code input}, or where it must refuse it and what it may have sent before. */
    private record Expected(byte[] output, int violationAt, int violationLine) {
    }

    /** The result of writing through the gate. */
    private record Actual(byte[] output, SmtpException refusal, long messageBytes) {
    }

    /**
     * The rules, one byte at a time: the output of a valid input, or for an invalid one the offset of the first
     * octet that breaks a rule and the output of everything before the line it is on... more exactly, before that
     * octet; the gate may have sent less (it holds back the run it is scanning), never more.
     */
    private static Expected reference(byte[] input, boolean eightBit, boolean dotStuffing) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean lineStart = true;
        int lineLength = 0;
        int line = 1;
        for (int i = 0; i < input.length; i++) {
            byte c = input[i];
            if (c == 0 || (!eightBit && c < 0)) {
                return new Expected(out.toByteArray(), i, line);
            }
            if (c == CR || c == LF) {
                out.write(CR);
                out.write(LF);
                if (c == CR && i + 1 < input.length && input[i + 1] == LF) {
                    i++;
                }
                lineStart = true;
                lineLength = 0;
                line++;
                continue;
            }
            if (++lineLength > MessageDataOutputStream.MAX_LINE_OCTETS) {
                return new Expected(out.toByteArray(), i, line);
            }
            if (lineStart && c == DOT && dotStuffing) {
                out.write(DOT);
            }
            out.write(c);
            lineStart = false;
        }
        if (!lineStart) {
            out.write(CR);
            out.write(LF);
        }
        if (dotStuffing) {
            out.write(DOT);
            out.write(CR);
            out.write(LF);
        }
        return new Expected(out.toByteArray(), -1, line);
    }

    private static void assertMatches(Expected expected, Actual actual) {
        if (expected.violationAt < 0) {
            assertThat(actual.refusal).as("refusal of a valid input").isNull();
            assertThat(actual.output).isEqualTo(expected.output);
            return;
        }
        assertThat(actual.refusal).as("refusal of an input with a bad octet at %d", expected.violationAt).isNotNull();
        assertThat(actual.refusal.errorCode()).isEqualTo(SmtpErrorCode.ILLEGAL_WIRE_VALUE);
        assertThat(actual.refusal.getMessage())
                .contains("at line " + expected.violationLine + " (byte " + expected.violationAt + ")");
        // Whatever went out before the refusal is a prefix of the valid part, so the bad octet never did.
        byte[] before = expected.output;
        assertThat(actual.output.length).isLessThanOrEqualTo(before.length);
        assertThat(actual.output).isEqualTo(Arrays.copyOf(before, actual.output.length));
    }

    private static Actual write(byte[] input, List<Integer> lengths, boolean eightBit, boolean dotStuffing)
            throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        MessageDataOutputStream gate = dotStuffing ? MessageDataOutputStream.dotStuffed(wire, eightBit)
                : MessageDataOutputStream.unstuffed(wire, eightBit);
        try {
            for (int[] piece : pieces(lengths)) {
                if (piece[1] == 1 && piece[0] % 2 == 0) {
                    gate.write(input[piece[0]]);
                } else {
                    gate.write(input, piece[0], piece[1]);
                }
            }
            gate.finish();
        } catch (SmtpException refused) {
            return new Actual(wire.toByteArray(), refused, gate.messageBytes());
        }
        assertThat(gate.messageBytes()).isEqualTo(input.length);
        return new Actual(wire.toByteArray(), null, gate.messageBytes());
    }

    /** Lines of about 990 to 1010 octets, so the limit is crossed in every way, with CRLF, LF or CR between. */
    private static byte[] longLines(Gen gen) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int lines = gen.intBetween(1, 4);
        for (int line = 0; line < lines; line++) {
            int length = gen.intBetween(990, 1010);
            for (int i = 0; i < length; i++) {
                out.write('a' + i % 26);
            }
            byte[] ending = gen.oneOf(new byte[] {CR, LF}, new byte[] {LF}, new byte[] {CR}, new byte[0]);
            out.writeBytes(ending);
        }
        return out.toByteArray();
    }

    /** Pieces of 1 to 20 bytes. */
    private static List<Integer> randomSplit(int length, Random random) {
        List<Integer> lengths = new ArrayList<>();
        for (int position = 0; position < length; ) {
            int piece = Math.min(1 + random.nextInt(20), length - position);
            lengths.add(piece);
            position += piece;
        }
        return lengths;
    }

    private static List<Integer> bytewise(int length) {
        List<Integer> ones = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            ones.add(1);
        }
        return ones;
    }

    /** Bit {@code i} of {@code cuts} set: a write ends after byte {@code i}. */
    private static List<Integer> split(int cuts, int length) {
        List<Integer> lengths = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < length - 1; i++) {
            if ((cuts & (1 << i)) != 0) {
                lengths.add(i + 1 - start);
                start = i + 1;
            }
        }
        lengths.add(length - start);
        return lengths;
    }

    /** Offset and length of each piece. */
    private static List<int[]> pieces(List<Integer> lengths) {
        List<int[]> pieces = new ArrayList<>();
        int offset = 0;
        for (int length : lengths) {
            if (length > 0) {
                pieces.add(new int[] {offset, length});
            }
            offset += length;
        }
        return pieces;
    }

    private static byte[] withoutNul(byte[] input) {
        byte[] copy = input.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] == 0) {
                copy[i] = 'z';
            }
        }
        return copy;
    }

    /** CRLF, bare CR and bare LF each become CRLF; a last line without a line ending gets one. */
    static byte[] normalise(byte[] input) {
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
            if (lineEnd < 0) {
                fail("the data has an unterminated line at %d", lineStart);
            }
            if (lineEnd - lineStart == 1 && wire[lineStart] == DOT) {
                assertThat(lineEnd + 2).as("nothing after the terminator").isEqualTo(wire.length);
                return message.toByteArray();
            }
            int skip = wire[lineStart] == DOT ? 1 : 0;
            message.write(wire, lineStart + skip, lineEnd - lineStart - skip);
            message.write(CR);
            message.write(LF);
            lineStart = lineEnd + 2;
        }
    }

    private static void assertNoBareLineEnding(byte[] output) {
        for (int i = 0; i < output.length; i++) {
            boolean bareCr = output[i] == CR && (i + 1 == output.length || output[i + 1] != LF);
            boolean bareLf = output[i] == LF && (i == 0 || output[i - 1] != CR);
            assertThat(bareCr || bareLf).as("bare line ending at %d", i).isFalse();
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
