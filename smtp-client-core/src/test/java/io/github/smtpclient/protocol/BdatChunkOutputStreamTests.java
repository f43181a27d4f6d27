package io.github.smtpclient.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class BdatChunkOutputStreamTests {

    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    private final CommandWriter writer = new CommandWriter(wire);
    private final List<String> chunks = new ArrayList<>();

    @Test
    void remainderIsSentAsTheLastChunk() throws IOException {
        BdatChunkOutputStream data = stream(4);

        data.write(ascii("abcdefghij"));
        data.finish();

        assertThat(wireText()).isEqualTo("BDAT 4\r\nabcdBDAT 4\r\nefghBDAT 2 LAST\r\nij");
        assertThat(chunks).containsExactly("4", "4", "2 LAST");
    }

    @Test
    void dataEndingOnAChunkBoundaryEndsWithAnEmptyLastChunk() throws IOException {
        BdatChunkOutputStream data = stream(4);

        data.write(ascii("abcdefgh"));
        data.finish();

        assertThat(wireText()).isEqualTo("BDAT 4\r\nabcdBDAT 4\r\nefghBDAT 0 LAST\r\n");
    }

    @Test
    void emptyMessageIsOneEmptyLastChunk() throws IOException {
        BdatChunkOutputStream data = stream(4);

        data.finish();

        assertThat(wireText()).isEqualTo("BDAT 0 LAST\r\n");
        assertThat(chunks).containsExactly("0 LAST");
    }

    @Test
    void bytesPassUnchangedWithoutStuffingOrLineEndingRepair() throws IOException {
        byte[] binary = {'.', '\r', '\n', '.', '\r', '\n', 0, (byte) 0xFF, '\n', '\r'};
        BdatChunkOutputStream data = stream(1000);

        data.write(binary);
        data.finish();
        writer.flush();

        assertThat(parseChunks(wire.toByteArray())).isEqualTo(binary);
    }

    @Test
    void largeWriteAfterAPartlyFilledChunkKeepsChunkBoundariesAndOrder() throws IOException {
        BdatChunkOutputStream data = stream(5);

        data.write('x');
        data.write(ascii("0123456789abcdefghij"));
        data.write(ascii("yz"));
        data.finish();

        assertThat(wireText()).isEqualTo(
                "BDAT 5\r\nx0123BDAT 5\r\n45678BDAT 5\r\n9abcdBDAT 5\r\nefghiBDAT 3 LAST\r\njyz");
        assertThat(data.messageBytes()).isEqualTo(23);
    }

    @Test
    void randomWritesOfRandomSizesAreFramedIntoFullChunksAndOneLast() throws IOException {
        for (long seed = 0; seed < 500; seed++) {
            assertFramedIntoFullChunks(seed, 40, 400);
        }
    }

    @Test
    void chunksLargerThanTheBufferStartsAtAreGatheredWhole() throws IOException {
        // The buffer grows from INITIAL_CAPACITY up to a chunk, by writes of single bytes and of runs alike.
        int initial = BdatChunkOutputStream.INITIAL_CAPACITY;
        for (long seed = 0; seed < 200; seed++) {
            assertFramedIntoFullChunks(seed, 4 * initial, 12 * initial);
        }
    }

    private static void assertFramedIntoFullChunks(long seed, int maxChunkSize, int maxMessageSize)
            throws IOException {
        Random random = new Random(seed);
        int chunkSize = 1 + random.nextInt(maxChunkSize);
        byte[] message = new byte[random.nextInt(maxMessageSize)];
        random.nextBytes(message);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> sizes = new ArrayList<>();
        CommandWriter smallBuffer = new CommandWriter(out, 64);
        BdatChunkOutputStream data = new BdatChunkOutputStream(smallBuffer, chunkSize,
                (size, last) -> sizes.add(last ? -size : size));

        for (int position = 0; position < message.length;) {
            int length = Math.min(1 + random.nextInt(3 * chunkSize), message.length - position);
            if (random.nextInt(8) == 0) {
                data.write(message[position]);
                length = 1;
            } else {
                data.write(message, position, length);
            }
            position += length;
        }
        data.finish();
        smallBuffer.flush();

        assertThat(parseChunks(out.toByteArray())).as("seed %d", seed).isEqualTo(message);
        assertThat(sizes.subList(0, sizes.size() - 1)).as("seed %d", seed).allMatch(size -> size == chunkSize);
        assertThat(sizes.get(sizes.size() - 1)).as("seed %d", seed).isEqualTo(-(message.length % chunkSize));
    }

    @Test
    void writingAfterFinishIsRefused() throws IOException {
        BdatChunkOutputStream data = stream(4);
        data.finish();

        assertThatIllegalStateException().isThrownBy(() -> data.write('x')).withMessageContaining("finished");
    }

    @Test
    void closingDoesNotSendTheLastChunk() throws IOException {
        BdatChunkOutputStream data = stream(4);
        data.write(ascii("abcdef"));

        data.close();
        writer.flush();

        assertThat(wireText()).isEqualTo("BDAT 4\r\nabcd");
        assertThatIllegalStateException().isThrownBy(data::finish).withMessageContaining("closed");
    }

    @Test
    void chunkSizeMustBePositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> stream(0)).withMessageContaining("chunk size");
    }

    private BdatChunkOutputStream stream(int chunkSize) {
        return new BdatChunkOutputStream(writer, chunkSize, (size, last) -> chunks.add(size + (last ? " LAST" : "")));
    }

    private String wireText() throws IOException {
        writer.flush();
        return wire.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads the chunks back as a RFC 3030 server does, requiring exactly one LAST chunk at the end. */
    static byte[] parseChunks(byte[] wire) {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        int position = 0;
        while (true) {
            int lineEnd = position;
            while (wire[lineEnd] != '\r' || wire[lineEnd + 1] != '\n') {
                lineEnd++;
            }
            String[] command = new String(wire, position, lineEnd - position, StandardCharsets.US_ASCII).split(" ");
            assertThat(command[0]).isEqualTo("BDAT");
            int size = Integer.parseInt(command[1]);
            message.write(wire, lineEnd + 2, size);
            position = lineEnd + 2 + size;
            if (command.length == 3) {
                assertThat(command[2]).isEqualTo("LAST");
                assertThat(position).as("nothing after the LAST chunk").isEqualTo(wire.length);
                return message.toByteArray();
            }
        }
    }
}
