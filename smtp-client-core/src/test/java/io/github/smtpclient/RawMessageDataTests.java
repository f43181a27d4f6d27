package io.github.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.smtpclient.message.BodyType;
import io.github.smtpclient.testing.RecordingSmtpServer;
import io.github.smtpclient.testing.RecordingSmtpServer.Transaction;
import io.github.smtpclient.testing.ScriptedClients;

/**
 * What raw sends ({@code sendBytes}, {@code sendFile}, {@code sendStream}) declare and put on the wire, against a
 * server that offers exactly the extensions each test names: the BODY parameter matches the content, content the
 * server cannot carry is refused before MAIL, a stream that breaks its declaration is abandoned without its end of
 * data, and BDAT carries the same normalised bytes as DATA unless the body is BINARYMIME.
 */
class RawMessageDataTests {

    private static final String HEADER = "From: a@example.test\r\nTo: b@example.test\r\nSubject: raw\r\n\r\n";

    @TempDir
    Path directory;

    @Test
    void aSevenBitMessageDeclaresNoBody() throws Exception {
        try (RecordingSmtpServer server = RecordingSmtpServer.offering("8BITMIME", "PIPELINING")) {
            send(server, false, client -> client.sendBytes(message("plain ASCII\r\n")));

            assertThat(server.mailCommands()).containsExactly("MAIL FROM:<a@example.test>");
        }
    }

    @Test
    void anEightBitMessageDeclares8BitMime() throws Exception {
        try (RecordingSmtpServer server = RecordingSmtpServer.offering("8BITMIME")) {
            send(server, false, client -> client.sendBytes(message("Gr\u00fc\u00dfe\r\n")));

            assertThat(server.mailCommands()).containsExactly("MAIL FROM:<a@example.test> BODY=8BITMIME");
        }
    }

    @Test
    void anEightBitMessageIsRefusedBeforeMailWhenTheServerLacks8BitMime() throws Exception {
        try (RecordingSmtpServer server = RecordingSmtpServer.offering("PIPELINING")) {
            try (SmtpClient client = client(server, false)) {
                assertThatExceptionOfType(SmtpException.class)
                        .isThrownBy(() -> client.sendBytes(message("caf\u00e9\r\n")))
                        .satisfies(e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.EXTENSION_NOT_SUPPORTED))
                        .withMessageContaining("8BITMIME").withMessageContaining("0xC3");
                assertThat(client.isConnected()).isTrue();
                client.sendBytes(message("but this one goes\r\n"));
            }
            assertThat(server.mailCommands()).containsExactly("MAIL FROM:<a@example.test>");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"NUL", "long line"})
    void binaryContentIsRefusedBeforeMailWithoutBinaryMime(String what) throws Exception {
        byte[] message = message(what.equals("NUL") ? "a\0b\r\n" : "x".repeat(999) + "\r\n");
        Path file = Files.write(directory.resolve("binary.eml"), message);
        try (RecordingSmtpServer server = RecordingSmtpServer.offering("8BITMIME", "CHUNKING")) {
            try (SmtpClient client = client(server, true)) {
                for (ThrowingSend send : List.<ThrowingSend>of(c -> c.sendBytes(message), c -> c.sendFile(file))) {
                    assertThatExceptionOfType(SmtpException.class).isThrownBy(() -> send.send(client))
                            .satisfies(e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.EXTENSION_NOT_SUPPORTED))
                            .withMessageContaining("BINARYMIME").withMessageContaining("lacks BINARYMIME")
                            .withMessageContaining(what.equals("NUL") ? "is NUL" : "longer than 998 octets");
                }
                assertThat(client.isConnected()).isTrue();
            }
            assertThat(server.mailCommands()).isEmpty();
        }
    }

    @Test
    void binaryContentGoesUnchangedAsBinaryMimeWhenBinaryModeAndTheServerAllowIt() throws Exception {
        byte[] message = message("bare\rCR, bare\nLF, NUL\0 and " + "y".repeat(2000) + "\n.\n");
        Path file = Files.write(directory.resolve("binary.eml"), message);
        try (RecordingSmtpServer server = RecordingSmtpServer.offering("8BITMIME", "CHUNKING", "BINARYMIME")) {
            send(server, true, client -> {
                client.sendBytes(message);
                client.sendFile(file);
                client.sendStream(null, new ByteArrayInputStream(message), BodyType.BINARY_MIME);
            });

            assertThat(server.mailCommands()).allMatch(mail -> mail.endsWith(" BODY=BINARYMIME")).hasSize(3);
            assertThat(server.transactions()).allSatisfy(t -> {
                assertThat(t.ended()).isTrue();
                assertThat(t.data()).isEqualTo(message);
            });
        }
    }

    @Test
    void aStreamDeclaredBinaryIsRefusedBeforeMailWithoutBinaryMode() throws Exception {
        try (RecordingSmtpServer server = RecordingSmtpServer.offering("8BITMIME", "CHUNKING", "BINARYMIME")) {
            try (SmtpClient client = client(server, false)) {
                assertThatExceptionOfType(SmtpException.class)
                        .isThrownBy(() -> client.sendStream(null, new ByteArrayInputStream(message("x\r\n")),
                                BodyType.BINARY_MIME))
                        .satisfies(e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.EXTENSION_NOT_SUPPORTED))
                        .withMessageContaining("binary mode is off");
            }
            assertThat(server.mailCommands()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void bdatCarriesTheSameNormalisedBytesAsData(boolean bdat) throws Exception {
        String body = "bare\rCR\r\n.leading dot\nbare LF\r\rtwo CRs\n\nend without line break";
        String expected = "bare\r\nCR\r\n.leading dot\r\nbare LF\r\n\r\ntwo CRs\r\n\r\nend without line break\r\n";
        try (RecordingSmtpServer server = RecordingSmtpServer.offering("8BITMIME", "CHUNKING", "PIPELINING")) {
            send(server, bdat, client -> client.sendBytes(message(body)));

            Transaction transaction = server.transactions().get(0);
            assertThat(new String(transaction.data(), StandardCharsets.ISO_8859_1)).isEqualTo(HEADER + expected);
            assertThat(server.connections().get(0)).asString(StandardCharsets.ISO_8859_1)
                    .contains(bdat ? "BDAT" : "DATA");
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aBccBehindABareCrInTheHeaderIsSeenAndRemoved(boolean bdat) throws Exception {
        byte[] message = ("From: a@example.test\r\nTo: b@example.test\r\nSubject: x\rBcc: hidden@example.test\r\n"
                + "\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII);
        try (RecordingSmtpServer server = RecordingSmtpServer.offering("8BITMIME", "CHUNKING")) {
            send(server, bdat, client -> client.sendBytes(message));

            byte[] wire = server.connections().get(0);
            assertThat(new String(wire, StandardCharsets.US_ASCII)).contains("RCPT TO:<hidden@example.test>");
            assertThat(new String(server.transactions().get(0).data(), StandardCharsets.US_ASCII))
                    .isEqualTo("From: a@example.test\r\nTo: b@example.test\r\nSubject: x\r\n\r\nbody\r\n")
                    .doesNotContainIgnoringCase("bcc");
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aNulFoundWhileStreamingAbandonsTheMessageWithoutItsEndAndFailsIt(boolean bdat) throws Exception {
        // Far enough in that earlier data (and, with BDAT, whole chunks) has gone out.
        byte[] body = ("clean line\r\n".repeat(20_000) + "then a NUL: \0 and more\r\n").getBytes(StandardCharsets.US_ASCII);
        try (RecordingSmtpServer server = RecordingSmtpServer.offering("8BITMIME", "CHUNKING", "PIPELINING")) {
            try (SmtpClient client = client(server, bdat)) {
                InputStream stream = new SequenceInputStream(new ByteArrayInputStream(message("")),
                        new ByteArrayInputStream(body));

                assertThatExceptionOfType(SmtpException.class).isThrownBy(() -> client.sendStream(stream))
                        .satisfies(e -> {
                            assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.ILLEGAL_WIRE_VALUE);
                            assertThat(e.isOutcomeUnknown()).isFalse();
                        })
                        .withMessageContaining("NUL");
                assertThat(client.isConnected()).isFalse();
            }
            server.stop();
            Transaction abandoned = server.transactions().get(0);
            assertThat(abandoned.ended()).isFalse();
            assertThat(abandoned.mailCommand()).endsWith("BODY=8BITMIME");
            byte[] wire = server.connections().get(0);
            assertThat(indexOf(wire, (byte) 0)).as("a NUL on the wire").isNegative();
            assertThat(new String(wire, StandardCharsets.US_ASCII)).doesNotContain("\r\n.\r\n", "LAST");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"8-bit", "long line"})
    void aSevenBitOrEightBitStreamThatBreaksItsDeclarationIsAbandoned(String what) throws Exception {
        String body = what.equals("8-bit") ? "fine\r\ncaf\u00e9\r\n" : "fine\r\n" + "z".repeat(1500) + "\r\n";
        try (RecordingSmtpServer server = RecordingSmtpServer.offering("8BITMIME")) {
            try (SmtpClient client = client(server, false)) {
                assertThatExceptionOfType(SmtpException.class)
                        .isThrownBy(() -> client.sendStream(null, new ByteArrayInputStream(message(body)),
                                BodyType.SEVEN_BIT))
                        .satisfies(e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.ILLEGAL_WIRE_VALUE))
                        .withMessageContaining(what.equals("8-bit") ? "0xC3" : "longer than 998");
            }
            server.stop();
            assertThat(server.mailCommands()).containsExactly("MAIL FROM:<a@example.test>");
            assertThat(server.transactions().get(0).ended()).isFalse();
            assertThat(new String(server.connections().get(0), StandardCharsets.ISO_8859_1))
                    .doesNotContain("\u00c3", "z".repeat(999));
        }
    }

    @Test
    void anUndeclaredStreamIs8BitWhereOfferedAnd7BitElsewhere() throws Exception {
        try (RecordingSmtpServer eightBit = RecordingSmtpServer.offering("8BITMIME");
                RecordingSmtpServer sevenBit = RecordingSmtpServer.offering()) {
            send(eightBit, false, client -> client.sendStream(new ByteArrayInputStream(message("\u00e9\r\n"))));
            send(sevenBit, false, client -> client.sendStream(new ByteArrayInputStream(message("ascii\r\n"))));

            assertThat(eightBit.mailCommands()).containsExactly("MAIL FROM:<a@example.test> BODY=8BITMIME");
            assertThat(sevenBit.mailCommands()).containsExactly("MAIL FROM:<a@example.test>");
        }
    }

    @Test
    void aQuotedLocalPartWithASpaceIsSentQuoted() throws Exception {
        byte[] message = ("From: \"john doe\"@example.test\r\nTo: \"jane q. public\"@example.test\r\n\r\nhi\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        try (RecordingSmtpServer server = RecordingSmtpServer.offering("8BITMIME")) {
            send(server, false, client -> client.sendBytes(message));

            assertThat(server.mailCommands()).containsExactly("MAIL FROM:<\"john doe\"@example.test>");
            assertThat(new String(server.connections().get(0), StandardCharsets.US_ASCII))
                    .contains("RCPT TO:<\"jane q. public\"@example.test>");
        }
    }

    /** One send, or several, on a client connected to {@code server}. */
    @FunctionalInterface
    interface ThrowingSend {
        void send(SmtpClient client) throws Exception;
    }

    private static void send(RecordingSmtpServer server, boolean binaryMode, ThrowingSend send) throws Exception {
        try (SmtpClient client = client(server, binaryMode)) {
            send.send(client);
        }
        server.stop();
        server.assertNoFailure();
    }

    private static SmtpClient client(RecordingSmtpServer server, boolean binaryMode) throws SmtpException {
        SmtpClient client = ScriptedClients.plainClient(new RecordingListener());
        client.transfer().setBinaryMode(binaryMode);
        client.transfer().setBinaryChunkSize(16 * 1024);
        client.connect("127.0.0.1", server.port());
        return client;
    }

    private static byte[] message(String body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(HEADER.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, byte value) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
