package io.github.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.smtpclient.message.BodyType;
import io.github.smtpclient.message.RawContent;
import io.github.smtpclient.testing.InProcessSmtpServer;
import io.github.smtpclient.testing.RecordingSmtpServer;
import io.github.smtpclient.testing.ScriptedClients;
import io.github.smtpclient.tls.TlsMode;

/**
 * The public raw content ({@link RawContent}): bytes, files and one-shot streams in one pipelined batch, delivered
 * byte for byte, declared as the single raw sends declare them, and replayable exactly when they can be read again.
 */
class RawContentBatchTests {

    private final RecordingListener events = new RecordingListener();

    private static byte[] message(String id, String body) {
        return ("From: a@example.test\r\nTo: b@example.test\r\nMessage-ID: <" + id + "@example.test>\r\nSubject: " + id
                + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aPipelinedBatchOfBytesAFileAndAStreamArrivesByteForByte(@TempDir Path dir) throws Exception {
        byte[] bytes = message("bytes", "first\r\n.leading dot\r\n");
        byte[] file = message("file", "second\r\n");
        byte[] stream = message("stream", "third\r\n");
        Path path = Files.write(dir.resolve("m.eml"), file);
        try (RecordingSmtpServer server = RecordingSmtpServer.offering("PIPELINING");
                SmtpClient client = ScriptedClients.plainClient(events)) {
            client.connect("127.0.0.1", server.port());
            assertThat(client.getServerInfo().isPipeliningSupported()).isTrue();
            List<SendOutcome> outcomes = client.sendAll(List.of(RawContent.ofBytes(bytes).submission(),
                    RawContent.ofFile(path).submission(),
                    RawContent.ofStream(new ByteArrayInputStream(stream)).submission()));
            client.disconnect();
            server.awaitConnections(1);
            server.assertNoFailure();

            assertThat(outcomes).allMatch(SendOutcome::isSuccess);
            assertThat(outcomes).extracting(o -> o.result().orElseThrow().messageId().orElseThrow())
                    .containsExactly("<bytes@example.test>", "<file@example.test>", "<stream@example.test>");
            assertThat(server.transactions()).extracting(RecordingSmtpServer.Transaction::data)
                    .containsExactly(bytes, file, stream);
        }
    }

    /** SubEthaSMTP offers no PIPELINING, so the batch goes one command at a time; the bytes arrive the same. */
    @Test
    void aBatchArrivesByteForByteAtARealServer(@TempDir Path dir) throws Exception {
        byte[] bytes = message("bytes", "first\r\n.leading dot\r\n");
        byte[] file = message("file", "second\r\n");
        byte[] stream = message("stream", "third\r\n");
        Path path = Files.write(dir.resolve("m.eml"), file);
        try (InProcessSmtpServer server = InProcessSmtpServer.startPlain();
                SmtpClient client = ScriptedClients.plainClient(events)) {
            client.connect("127.0.0.1", server.port());
            List<SendOutcome> outcomes = client.sendAll(List.of(RawContent.ofBytes(bytes).submission(),
                    RawContent.ofFile(path).submission(),
                    RawContent.ofStream(new ByteArrayInputStream(stream)).submission()));
            assertThat(outcomes).allMatch(SendOutcome::isSuccess);
            // SubEthaSMTP puts its own Received field on top; below it every byte is the client's.
            assertThat(server.received()).extracting(received -> withoutReceivedField(received.data()))
                    .containsExactly(bytes, file, stream);
            assertThat(server.received()).extracting(InProcessSmtpServer.Received::to)
                    .containsOnly("b@example.test");
        }
    }

    @Test
    void eachIsDeclaredAsTheSingleSendsDeclareItAndBccIsRemoved() throws Exception {
        byte[] sevenBit = message("seven", "plain\r\n");
        byte[] eightBit = ("From: a@example.test\r\nTo: b@example.test\r\nBcc: hidden@example.test\r\n\r\n"
                + "gr\u00fc\u00dfe\r\n").getBytes(StandardCharsets.UTF_8);
        try (RecordingSmtpServer server = RecordingSmtpServer.offering("PIPELINING", "8BITMIME");
                SmtpClient client = ScriptedClients.plainClient(events)) {
            client.connect("127.0.0.1", server.port());
            List<SendOutcome> outcomes = client.sendAll(List.of(RawContent.ofBytes(sevenBit).submission(),
                    RawContent.ofBytes(eightBit).submission(),
                    RawContent.ofStream(new ByteArrayInputStream(sevenBit)).submission(),
                    RawContent.ofStream(new ByteArrayInputStream(sevenBit), BodyType.SEVEN_BIT).submission()));
            client.disconnect();
            server.awaitConnections(1);
            server.assertNoFailure();
            assertThat(outcomes).allMatch(SendOutcome::isSuccess);
            assertThat(server.mailCommands()).containsExactly("MAIL FROM:<a@example.test>",
                    "MAIL FROM:<a@example.test> BODY=8BITMIME",
                    "MAIL FROM:<a@example.test> BODY=8BITMIME",
                    "MAIL FROM:<a@example.test>");
            assertThat(new String(server.transactions().get(1).data(), StandardCharsets.UTF_8))
                    .doesNotContain("Bcc").contains("gr\u00fc\u00dfe");
        }
    }

    @Test
    void contentTheServerCannotCarryFailsItsOwnOutcomeBeforeMailAndTheOthersGo() throws Exception {
        byte[] ok = message("ok", "fine\r\n");
        byte[] binary = message("binary", "nul \0 here\r\n");
        try (RecordingSmtpServer server = RecordingSmtpServer.offering("PIPELINING", "8BITMIME");
                SmtpClient client = ScriptedClients.plainClient(events)) {
            client.connect("127.0.0.1", server.port());
            List<SendOutcome> outcomes = client.sendAll(List.of(RawContent.ofBytes(binary).submission(),
                    RawContent.ofBytes(ok).submission()));
            client.disconnect();
            server.awaitConnections(1);
            assertThat(outcomes.get(0).failure()).hasValueSatisfying(e -> {
                assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.EXTENSION_NOT_SUPPORTED);
                assertThat(e.getMessage()).contains("BINARYMIME").contains("NUL");
            });
            assertThat(outcomes.get(1).isSuccess()).isTrue();
            assertThat(server.mailCommands()).hasSize(1);
            assertThat(server.transactions().get(0).data()).isEqualTo(ok);
        }
    }

    @Test
    void bytesAndFilesAreReplayableAndAStreamIsReadOnce(@TempDir Path dir) throws Exception {
        byte[] bytes = message("r", "body\r\n");
        Path file = Files.write(dir.resolve("r.eml"), bytes);
        RawContent fromBytes = RawContent.ofBytes(bytes);
        RawContent fromFile = RawContent.ofFile(file);
        RawContent fromStream = RawContent.ofStream(new ByteArrayInputStream(bytes));
        assertThat(fromBytes.isReplayable()).isTrue();
        assertThat(fromFile.isReplayable()).isTrue();
        assertThat(fromStream.isReplayable()).isFalse();
        assertThat(fromBytes.size()).isEqualTo(bytes.length);
        assertThat(fromFile.size()).isEqualTo(bytes.length);
        assertThat(fromStream.size()).isEqualTo(-1);
        for (RawContent replayable : List.of(fromBytes, fromFile)) {
            assertThat(written(replayable)).isEqualTo(bytes);
            assertThat(written(replayable)).isEqualTo(bytes);
        }
        assertThat(written(fromStream)).isEqualTo(bytes);
        assertThatThrownBy(() -> written(fromStream)).isInstanceOf(IllegalStateException.class);
        assertThat(fromStream.declaredBodyType()).isEmpty();
        assertThat(RawContent.ofStream(new ByteArrayInputStream(bytes), BodyType.EIGHT_BIT_MIME).encoding())
                .isEqualTo(MessageContent.Encoding.EIGHT_BIT);
        assertThat(fromBytes.encoding()).isEqualTo(MessageContent.Encoding.BINARY);
    }

    @Test
    @SuppressWarnings("try") // the sender is closed inside its block, so the server has seen the whole session
    void aPooledSenderFitsARawSubmissionToItsServer() throws Exception {
        byte[] eightBit = message("pooled", "\u00e9t\u00e9\r\n");
        try (RecordingSmtpServer server = RecordingSmtpServer.offering("8BITMIME");
                SmtpMailSender sender = SmtpMailSender.builder("127.0.0.1", server.port())
                        .configureClients(client -> {
                            client.tls().setMode(TlsMode.NONE);
                            client.socket().setTimeout(Duration.ofSeconds(5));
                        }).build()) {
            SendResult result = sender.send(RawContent.ofStream(new ByteArrayInputStream(eightBit)).submission());
            assertThat(result.messageId()).contains("<pooled@example.test>");
            sender.close();
            server.awaitConnections(1);
            assertThat(server.mailCommands()).containsExactly("MAIL FROM:<a@example.test> BODY=8BITMIME");
            assertThat(server.transactions().get(0).data()).isEqualTo(eightBit);
        }
    }

    /** The data after the Received field a server put first (a field name at the start of a line ends it). */
    private static byte[] withoutReceivedField(byte[] data) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("Received: ");
        int end = text.indexOf("\r\n", 0);
        while (text.charAt(end + 2) == ' ' || text.charAt(end + 2) == '\t') {
            end = text.indexOf("\r\n", end + 2);
        }
        return text.substring(end + 2).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] written(MessageContent content) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        content.writeTo(out);
        return out.toByteArray();
    }
}
