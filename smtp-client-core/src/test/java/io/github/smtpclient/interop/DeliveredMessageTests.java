package io.github.smtpclient.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class DeliveredMessageTests {

    private static final Path FILE = Path.of("maildir/alice/new/1795916475.Vfe00I20cb08M988965.vm");

    /** Shaped like a real delivery over STARTTLS with AUTH (the continuation " key-exchange" starts with TAB SP). */
    private static final String TRACE = """
            Return-Path: <bob@example.test>
            X-Original-To: alice@example.test
            Delivered-To: alice@example.test
            Received: from client.test (unknown [127.0.0.1])
            \t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)
            \t key-exchange X25519 server-signature ECDSA (prime256v1) server-digest SHA256)
            \t(No client certificate requested)
            \t(Authenticated sender: bob@example.test)
            \tby mx.example.test (Postfix) with ESMTPSA id EFCD520C013
            \tfor <alice@example.test>; Sun, 29 Nov 2026 01:41:15 +0000 (UTC)
            """;

    private static final String CONTENT = """
            Received: from earlier.test by client.test; Sun, 29 Nov 2026 01:41:14 +0000
            Message-ID: <token-1@client.test>
            Subject: hello

            .leading dot
            body
            """;

    @Test
    void traceHeadersAreSplitFromTheContent() {
        DeliveredMessage message = DeliveredMessage.parse(FILE, bytes(TRACE + CONTENT));

        assertThat(message.traceHeaders()).hasSize(4);
        assertThat(message.traceHeaders().get(0)).isEqualTo("Return-Path: <bob@example.test>\n");
        assertThat(message.contentAsString()).isEqualTo(CONTENT);
    }

    @Test
    void receivedIncludesItsContinuationLinesButNotTheMessagesOwnReceived() {
        DeliveredMessage message = DeliveredMessage.parse(FILE, bytes(TRACE + CONTENT));

        assertThat(message.received())
                .startsWith("Received: from client.test")
                .contains("using TLSv1.3", "with ESMTPSA", "Authenticated sender: bob@example.test")
                .endsWith("(UTC)\n")
                .doesNotContain("earlier.test");
    }

    @Test
    void fileWithoutPostfixTraceHeadersIsRejectedWithTheFieldThatIsMissing() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DeliveredMessage.parse(FILE, bytes("Return-Path: <a@b.test>\n" + CONTENT)))
                .withMessageContaining("X-Original-To")
                .withMessageContaining("Received: from earlier.test");
    }

    @Test
    void storedFormTurnsCrLfIntoLfAndKeepsDotsAndBareCarriageReturns() {
        byte[] sent = bytes("Subject: x\r\n\r\n.dot\r\nbare\rcr\r\n..two\r\n");

        assertThat(DeliveredMessage.storedFormOf(sent)).isEqualTo(bytes("Subject: x\n\n.dot\nbare\rcr\n..two\n"));
    }

    @Test
    void storedFormEndsAnUnterminatedLastLine() {
        assertThat(DeliveredMessage.storedFormOf(bytes("Subject: x\r\n\r\nno line end")))
                .isEqualTo(bytes("Subject: x\n\nno line end\n"));
    }

    @Test
    void storedFormKeepsEightBitBytes() {
        byte[] sent = {'a', (byte) 0xC3, (byte) 0xA9, '\r', '\n'};

        assertThat(DeliveredMessage.storedFormOf(sent)).containsExactly('a', (byte) 0xC3, (byte) 0xA9, '\n');
    }

    @Test
    void contentEqualToTheStoredFormOfTheSentMessageHasNoDifference() {
        DeliveredMessage message = DeliveredMessage.parse(FILE, bytes(TRACE + CONTENT));

        assertThat(message.differenceFrom(bytes(CONTENT.replace("\n", "\r\n")))).isEmpty();
    }

    @Test
    void differenceNamesTheFirstDifferingByteAndShowsItsSurroundings() {
        DeliveredMessage message = DeliveredMessage.parse(FILE, bytes(TRACE + "Subject: a\nDate: added\n\nbody\n"));

        assertThat(message.differenceFrom(bytes("Subject: a\r\n\r\nbody\r\n")))
                .hasValueSatisfying(difference -> assertThat(difference)
                        .contains("at byte 11", "expected ...Subject: a\\n\\nbody\\n...", "but was  ...Subject: a\\nDate: added"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
