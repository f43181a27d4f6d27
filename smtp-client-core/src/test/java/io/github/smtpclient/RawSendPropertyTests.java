package io.github.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.smtpclient.message.BodyType;
import io.github.smtpclient.testing.Gen;
import io.github.smtpclient.testing.Property;
import io.github.smtpclient.testing.RecordingSmtpServer;
import io.github.smtpclient.testing.RecordingSmtpServer.Transaction;
import io.github.smtpclient.testing.ScriptedClients;

/**
 * The data stream's property over whole raw sends, DATA and BDAT: random message bodies (NUL, bare CR and LF, 8-bit
 * octets, lines around the 998-octet limit, leading dots), sent with {@code sendBytes}, {@code sendFile} or
 * {@code sendStream} (declared or not) to a server offering a random set of 8BITMIME, CHUNKING, BINARYMIME and
 * PIPELINING, with binary mode on or off. Every case ends one of three ways, and nothing else is allowed:
 * <ul>
 * <li>refused before MAIL, with nothing of the transaction on the wire;</li>
 * <li>delivered exactly as the declared BODY allows: the bytes unchanged under BINARYMIME, otherwise with every line
 * ending CRLF and no NUL, no line over 998 octets and (7-bit) no 8-bit octet;</li>
 * <li>for a stream whose bytes break its declaration: abandoned without the end of data, reported as failed with
 * ILLEGAL_WIRE_VALUE, after sending only a clean prefix of the normalised message.</li>
 * </ul>
 */
class RawSendPropertyTests {

    private static final String HEADER = "From: a@example.test\r\nTo: b@example.test\r\nSubject: property\r\n\r\n";
    private static final String[] EXTENSIONS = {"8BITMIME", "CHUNKING", "BINARYMIME", "PIPELINING"};
    private static final int MAX_LINE = 998;
    private static final byte[] LARGE_FILE_LINES = ("line of a large message file\r\n".repeat(2300))
            .getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path directory;

    @Test
    void everyRawSendIsRefusedBeforeMailOrCarriesExactlyWhatItsBodyTypeAllows() throws Exception {
        try (RecordingSmtpServer server = RecordingSmtpServer.offering()) {
            int[] finished = {0};
            Property.forAll(400, gen -> {
                Case send = new Case(gen, directory);
                server.offer(send.extensions.toArray(String[]::new));
                int transactionsBefore = server.transactions().size();
                int mailsBefore = server.mailCommands().size();
                SmtpException failure = null;
                try (SmtpClient client = ScriptedClients.plainClient(new RecordingListener())) {
                    client.transfer().setBinaryMode(send.binaryMode);
                    client.transfer().setBinaryChunkSize(gen.intBetween(64, 4096));
                    client.connect("127.0.0.1", server.port());
                    try {
                        send.run(client);
                    } catch (SmtpException e) {
                        failure = e;
                    }
                }
                server.awaitConnections(++finished[0]);
                server.assertNoFailure();
                List<String> mails = server.mailCommands().subList(mailsBefore, server.mailCommands().size());
                List<Transaction> transactions = server.transactions().subList(transactionsBefore,
                        server.transactions().size());
                send.assertOutcome(failure, mails, transactions);
            });
        }
    }

    /** One random send and the outcome the rules predict for it. */
    private static final class Case {
        private final List<String> extensions = new ArrayList<>();
        private final boolean binaryMode;
        private final byte[] message;
        private final String path;
        private final BodyType declared;
        private final Path file;

        Case(Gen gen, Path directory) throws Exception {
            for (String extension : EXTENSIONS) {
                if (gen.anyBoolean()) {
                    extensions.add(extension);
                }
            }
            binaryMode = gen.anyBoolean();
            path = gen.oneOf("bytes", "file", "large file", "stream", "declared stream");
            byte[] body = randomBody(gen);
            // A file over 64 KiB is streamed, not read whole: clean lines in front take the random body past that.
            message = concat(HEADER.getBytes(StandardCharsets.US_ASCII),
                    path.equals("large file") ? concat(LARGE_FILE_LINES, body) : body);
            declared = path.equals("declared stream") ? gen.oneOf(BodyType.values()) : null;
            file = path.endsWith("file") ? Files.write(Files.createTempFile(directory, "raw", ".eml"), message) : null;
        }

        void run(SmtpClient client) throws Exception {
            switch (path) {
                case "bytes" -> client.sendBytes(message);
                case "file", "large file" -> client.sendFile(file);
                case "stream" -> client.sendStream(new ByteArrayInputStream(message));
                default -> client.sendStream(null, new ByteArrayInputStream(message), declared);
            }
        }

        void assertOutcome(SmtpException failure, List<String> mails, List<Transaction> transactions) {
            boolean binaryMime = binaryMode && offers("CHUNKING") && offers("BINARYMIME");
            BodyType needed = needed(message);
            BodyType declaredType = path.endsWith("stream")
                    ? declared != null ? declared : offers("8BITMIME") ? BodyType.EIGHT_BIT_MIME : BodyType.SEVEN_BIT
                    : needed;
            boolean carriable = switch (declaredType) {
                case SEVEN_BIT -> true;
                case EIGHT_BIT_MIME -> offers("8BITMIME") || binaryMime;
                case BINARY_MIME -> binaryMime;
            };
            if (!carriable) {
                assertThat(failure).as("refusal of %s content", declaredType).isNotNull();
                assertThat(failure.errorCode()).isEqualTo(SmtpErrorCode.EXTENSION_NOT_SUPPORTED);
                assertThat(mails).as("MAIL after a refusal").isEmpty();
                return;
            }
            // 8-bit data goes as BINARYMIME only where 8BITMIME is missing; it is still normalised and checked.
            String parameter = declaredType == BodyType.EIGHT_BIT_MIME && !offers("8BITMIME") ? bodyParameter(BodyType.BINARY_MIME)
                    : bodyParameter(declaredType);
            assertThat(mails).containsExactly("MAIL FROM:<a@example.test>" + parameter);
            byte[] allowed = declaredType == BodyType.BINARY_MIME ? message : normalise(message);
            if (rank(needed) <= rank(declaredType)) {
                assertThat(failure).as("failure of a send within its declaration").isNull();
                assertThat(transactions).hasSize(1);
                assertThat(transactions.get(0).ended()).isTrue();
                assertThat(transactions.get(0).data()).isEqualTo(allowed);
                return;
            }
            assertThat(failure).as("failure of a stream that breaks its declaration").isNotNull();
            assertThat(failure.errorCode()).isEqualTo(SmtpErrorCode.ILLEGAL_WIRE_VALUE);
            // Over BDAT nothing may have gone out yet: the bad byte can sit in the first chunk.
            assertThat(transactions).hasSizeLessThanOrEqualTo(1).noneMatch(Transaction::ended);
            byte[] received = transactions.isEmpty() ? new byte[0] : transactions.get(0).data();
            byte[] partial = unstuffedPrefix(received, offers("CHUNKING") && binaryMode);
            assertThat(partial).isEqualTo(Arrays.copyOf(allowed, partial.length));
            assertThat(needed(partial).compareTo(declaredType)).isLessThanOrEqualTo(0);
        }

        private boolean offers(String extension) {
            return extensions.contains(extension);
        }

        private static String bodyParameter(BodyType type) {
            return switch (type) {
                case SEVEN_BIT -> "";
                case EIGHT_BIT_MIME -> " BODY=8BITMIME";
                case BINARY_MIME -> " BODY=BINARYMIME";
            };
        }
    }

    /** Segments of favoured bytes, plain text and lines from 990 to 1010 octets, in random order. */
    private static byte[] randomBody(Gen gen) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int segments = gen.intBetween(0, 6);
        for (int i = 0; i < segments; i++) {
            switch (gen.intBetween(0, 3)) {
                case 0 -> out.writeBytes(gen.bytes(200, (byte) '\r', (byte) '\n', (byte) '.', (byte) 0, (byte) 0xC3));
                case 1 -> out.writeBytes(gen.chars(300, ' ', '~', "\r\n.").getBytes(StandardCharsets.US_ASCII));
                case 2 -> out.writeBytes("x".repeat(gen.intBetween(990, 1010)).getBytes(StandardCharsets.US_ASCII));
                default -> out.writeBytes("caf\u00e9 \u2014 ok\r\n".getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    /** What the bytes need: BINARYMIME for NUL or a line over 998 octets, 8BITMIME for 8-bit octets. */
    private static BodyType needed(byte[] bytes) {
        boolean eightBit = false;
        int line = 0;
        for (byte b : bytes) {
            if (b == 0) {
                return BodyType.BINARY_MIME;
            }
            if (b == '\r' || b == '\n') {
                line = 0;
                continue;
            }
            if (++line > MAX_LINE) {
                return BodyType.BINARY_MIME;
            }
            eightBit |= b < 0;
        }
        return eightBit ? BodyType.EIGHT_BIT_MIME : BodyType.SEVEN_BIT;
    }

    private static int rank(BodyType type) {
        return type.ordinal();
    }

    /** Every line ending as CRLF, the last line completed. */
    private static byte[] normalise(byte[] input) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean lineOpen = false;
        for (int i = 0; i < input.length; i++) {
            if (input[i] == '\r' || input[i] == '\n') {
                if (input[i] == '\r' && i + 1 < input.length && input[i + 1] == '\n') {
                    i++;
                }
                out.write('\r');
                out.write('\n');
                lineOpen = false;
            } else {
                out.write(input[i]);
                lineOpen = true;
            }
        }
        if (lineOpen) {
            out.write('\r');
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** An abandoned DATA transfer is recorded as it came, dot-stuffed; BDAT chunks are recorded as they are. */
    private static byte[] unstuffedPrefix(byte[] received, boolean bdat) {
        if (bdat) {
            return received;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean lineStart = true;
        for (int i = 0; i < received.length; i++) {
            if (lineStart && received[i] == '.') {
                lineStart = false;
                continue;
            }
            out.write(received[i]);
            lineStart = received[i] == '\n' && i > 0 && received[i - 1] == '\r';
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
