package io.github.smtpclient.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;

import io.github.smtpclient.Envelope;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;

class RawMessageTests {

    @Test
    void envelopeComesFromFromAndEveryRecipientHeader() throws IOException {
        RawMessage message = read("From: Alice <alice@example.com>\r\nTo: bob@example.com, Carol <carol@example.com>\r\n"
                + "Cc: dave@example.com\r\nBcc: eve@example.com\r\nSubject: hi\r\n\r\nbody\r\n");
        Envelope envelope = message.envelope();
        assertThat(envelope.sender()).isEqualTo("alice@example.com");
        assertThat(envelope.recipients()).extracting(Envelope.Recipient::address)
                .containsExactly("bob@example.com", "carol@example.com", "dave@example.com", "eve@example.com");
    }

    @Test
    void senderHeaderWinsOverFrom() throws IOException {
        RawMessage message = read("From: a@example.com, b@example.com\r\nSender: secretary@example.com\r\n"
                + "To: x@example.com\r\n\r\n");
        assertThat(message.envelope().sender()).isEqualTo("secretary@example.com");
    }

    @Test
    void firstFromMailboxIsTheSenderWithoutSenderHeader() throws IOException {
        assertThat(read("From: a@example.com, b@example.com\r\nTo: x@example.com\r\n\r\n").envelope().sender())
                .isEqualTo("a@example.com");
    }

    @Test
    void returnPathIsTheLastResort() throws IOException {
        assertThat(read("Return-Path: <bounce@example.com>\r\nTo: x@example.com\r\n\r\n").envelope().sender())
                .isEqualTo("bounce@example.com");
        assertThat(read("Return-Path: <>\r\nTo: x@example.com\r\n\r\n").envelope().sender()).isEmpty();
    }

    @Test
    void foldedHeadersAreUnfolded() throws IOException {
        RawMessage message = read("From: a@example.com\r\nTo: first@example.com,\r\n second@example.com,\r\n"
                + "\tThird <third@example.com>\r\nSubject: a\r\n long subject\r\n\r\n");
        assertThat(message.envelope().recipients()).extracting(Envelope.Recipient::address)
                .containsExactly("first@example.com", "second@example.com", "third@example.com");
        assertThat(message.headerValues("subject")).containsExactly("a long subject");
    }

    @Test
    void recipientsAreDeduplicatedIgnoringCase() throws IOException {
        RawMessage message = read("From: a@example.com\r\nTo: Bob <Bob@Example.com>, bob@example.com\r\n"
                + "To: group: bob@EXAMPLE.com, c@example.com;\r\nCc: C@example.com\r\n\r\n");
        assertThat(message.envelope().recipients()).extracting(Envelope.Recipient::address)
                .containsExactly("Bob@Example.com", "c@example.com");
    }

    @Test
    void topmostResentBlockDecidesTheEnvelope() throws IOException {
        RawMessage message = read("Resent-Date: Mon, 1 Jan 2024 10:00:00 +0000\r\nResent-From: r2@example.com\r\n"
                + "Resent-To: new2@example.com\r\nResent-Bcc: hidden2@example.com\r\n"
                + "Received: from x by y; Mon, 1 Jan 2024 09:00:00 +0000\r\n"
                + "Resent-Date: Sun, 31 Dec 2023 10:00:00 +0000\r\nResent-Sender: r1@example.com\r\n"
                + "Resent-To: new1@example.com\r\n"
                + "From: original@example.com\r\nTo: old@example.com\r\n\r\nbody");
        Envelope envelope = message.envelope();
        assertThat(envelope.sender()).isEqualTo("r2@example.com");
        assertThat(envelope.recipients()).extracting(Envelope.Recipient::address)
                .containsExactly("new2@example.com", "hidden2@example.com");
    }

    @Test
    void resentBlockWithoutResentSenderFallsBackToSender() throws IOException {
        RawMessage message = read("Resent-Date: Mon, 1 Jan 2024 10:00:00 +0000\r\nResent-To: new@example.com\r\n"
                + "From: original@example.com\r\nTo: old@example.com\r\n\r\n");
        assertThat(message.envelope().sender()).isEqualTo("original@example.com");
        assertThat(message.envelope().recipients()).extracting(Envelope.Recipient::address).containsExactly("new@example.com");
    }

    @Test
    void missingSenderSaysToPassAnEnvelope() throws IOException {
        assertThatThrownBy(() -> read("To: x@example.com\r\n\r\nhi").envelope())
                .isInstanceOfSatisfying(SmtpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("no sender").hasMessageContaining("explicit Envelope");
    }

    @Test
    void missingRecipientSaysToPassAnEnvelope() throws IOException {
        assertThatThrownBy(() -> read("From: a@example.com\r\nTo: undisclosed-recipients:;\r\n\r\nhi").envelope())
                .isInstanceOf(SmtpException.class).hasMessageContaining("no recipient")
                .hasMessageContaining("explicit Envelope");
    }

    @Test
    void invalidAddressNamesTheHeaderAndTheAddress() throws IOException {
        assertThatThrownBy(() -> read("From: a@example.com\r\nCc: ok@example.com, broken@\r\n\r\n").envelope())
                .isInstanceOfSatisfying(SmtpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("Cc header").hasMessageContaining("\"broken@\"");
    }

    @Test
    void headerNamesAreMatchedIgnoringCaseAsStringDoesBeyondAsciiToo() throws IOException {
        RawMessage message = read("Subject: hi\r\nX-Kind: k\r\n\r\n");
        assertThat(message.headerValues("SUBJECT")).containsExactly("hi");
        // U+017F (long s) and U+212A (Kelvin sign) equal 's' and 'k' ignoring case, for String.equalsIgnoreCase.
        assertThat(message.headerValues("\u017Fubject")).containsExactly("hi");
        assertThat(message.headerValues("X-\u212Aind")).containsExactly("k");
        assertThat(message.headerValues("Subjec")).isEmpty();
        assertThat(message.headerValues("Subject2")).isEmpty();
    }

    @Test
    void messageIdIsTheFirstMessageIdHeader() throws IOException {
        assertThat(read("Message-ID:\r\n <abc@example.com>\r\n\r\n").messageId()).hasValue("<abc@example.com>");
        assertThat(read("Subject: x\r\n\r\n").messageId()).isEmpty();
    }

    @Test
    void contentIsTheOriginalBytes() throws IOException {
        String text = "From: a@example.com\r\nBcc: b@example.com\r\n\r\nbody\r\n.\r\nmore\n";
        assertThat(content(read(text), false)).isEqualTo(text);
    }

    @Test
    void removeBccDropsBccAndResentBccWithTheirContinuationLines() throws IOException {
        String text = "Resent-Bcc: r@example.com\r\nFrom: a@example.com\r\nBcc: b@example.com,\r\n  c@example.com\r\n"
                + "To: d@example.com\r\nbcc:\r\n\r\nBcc: this line is body\r\n";
        assertThat(content(read(text), true))
                .isEqualTo("From: a@example.com\r\nTo: d@example.com\r\n\r\nBcc: this line is body\r\n");
    }

    @Test
    void bareLfLinesAreRecognised() throws IOException {
        String text = "From: a@example.com\nBcc: b@example.com,\n\tc@example.com\nTo: d@example.com\n\nbody";
        RawMessage message = read(text);
        assertThat(message.envelope().recipients()).hasSize(3);
        assertThat(content(message, true)).isEqualTo("From: a@example.com\r\nTo: d@example.com\r\n\r\nbody");
    }

    @Test
    void aBareCrEndsAHeaderLineAsOnTheWireSoABccBehindItIsSeenAndRemoved() throws IOException {
        String text = "From: a@example.com\r\nTo: d@example.com\r\nSubject: x\rBcc: hidden@example.test\r\n\r\nbody\r";
        RawMessage message = read(text);

        assertThat(message.headerValues("Subject")).containsExactly("x");
        assertThat(message.envelope().recipients()).extracting(Envelope.Recipient::address)
                .containsExactly("d@example.com", "hidden@example.test");
        assertThat(content(message, true))
                .isEqualTo("From: a@example.com\r\nTo: d@example.com\r\nSubject: x\r\n\r\nbody\r");
    }

    @Test
    void aMessageInMemoryIsParsedFromItsArrayWithTheSameResult() throws IOException {
        String text = "From: a@example.com\nBcc: b@example.com\r\nTo: c@example.com\r\n\r\nbody\n.\n";
        RawMessage inMemory = RawMessage.of(text.getBytes(StandardCharsets.UTF_8));

        assertThat(inMemory.envelope()).hasToString(read(text).envelope().toString());
        assertThat(content(inMemory, true)).isEqualTo(content(read(text), true))
                .isEqualTo("From: a@example.com\r\nTo: c@example.com\r\n\r\nbody\n.\n");
    }

    @Test
    void aHeaderInMemoryWhoseLineEndingsChangeMidwayIsWrittenWithCrlfAndItsArrayIsLeftAlone() throws IOException {
        // The CRLF lines are used where they lie until the bare LF, from which the block is a copy.
        String text = "From: a@example.com\r\nTo: b@example.com\nBcc: c@example.com\r\nSubject: s\n\nbody\n";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        RawMessage message = RawMessage.of(bytes);

        assertThat(message.headerValues("Subject")).containsExactly("s");
        assertThat(content(message, false))
                .isEqualTo("From: a@example.com\r\nTo: b@example.com\r\nBcc: c@example.com\r\nSubject: s\r\n\r\nbody\n");
        assertThat(content(message, true))
                .isEqualTo("From: a@example.com\r\nTo: b@example.com\r\nSubject: s\r\n\r\nbody\n");
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(text);
    }

    @Test
    void aStreamThatDeliversOneByteAtATimeGivesTheSameHeaderAsOneBlock() throws IOException {
        String text = "From: a@example.com\r\nTo: b@example.com,\r\n c@example.com\r\nBcc: d@example.com\r"
                + "\n\r\nbody";
        InputStream dribble = new java.io.FilterInputStream(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1));
            }
        };
        RawMessage message = RawMessage.read(dribble);

        assertThat(message.envelope().recipients()).hasSize(3);
        assertThat(content(message, true)).isEqualTo("From: a@example.com\r\nTo: b@example.com,\r\n c@example.com\r\n"
                + "\r\nbody");
    }

    @Test
    void aLineThatIsNoHeaderFieldStartsTheBody() throws IOException {
        String text = "From: a@example.com\r\nTo: b@example.com\r\nthis is not a header\r\nBcc: c@example.com\r\n";
        RawMessage message = read(text);
        assertThat(message.headerValues("Bcc")).isEmpty();
        assertThat(content(message, true)).isEqualTo(text);
    }

    @Test
    void messageWithoutBodyOrFinalLineBreakIsRead() throws IOException {
        RawMessage message = read("From: a@example.com\r\nTo: b@example.com");
        assertThat(message.envelope().recipients()).extracting(Envelope.Recipient::address).containsExactly("b@example.com");
        assertThat(content(message, true)).isEqualTo("From: a@example.com\r\nTo: b@example.com");
    }

    @Test
    void headerLargerThanOneMebibyteIsRejected() {
        byte[] header = ("X-Long: " + "a".repeat(RawMessage.MAX_HEADER_BYTES) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> RawMessage.read(new ByteArrayInputStream(header)))
                .isInstanceOfSatisfying(SmtpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("larger than 1024 KiB");
    }

    @Test
    void contentCanBeTakenOnce() throws IOException {
        RawMessage message = read("From: a@example.com\r\n\r\n");
        message.content(false).close();
        assertThatIllegalStateException().isThrownBy(() -> message.content(false));
    }

    @Test
    void largeBodyIsStreamedNotBuffered() throws IOException {
        String bcc = "Bcc: c@example.com\r\n";
        byte[] header = ("From: a@example.com\r\nTo: b@example.com\r\n" + bcc + "\r\n").getBytes(StandardCharsets.US_ASCII);
        long bodySize = 50L * 1024 * 1024;
        GeneratedInputStream source = new GeneratedInputStream(header, bodySize);

        RawMessage message = RawMessage.read(source);
        assertThat(source.position()).as("bytes pulled from the source by read()").isLessThanOrEqualTo(header.length + 8192);

        int keptHeader = header.length - bcc.length();
        long total = 0;
        CRC32 bodyCrc = new CRC32();
        byte[] chunk = new byte[64 * 1024];
        try (InputStream content = message.content(true)) {
            for (int n; (n = content.read(chunk)) > 0; total += n) {
                assertThat(source.position() - total).as("source bytes read ahead of the consumer")
                        .isLessThanOrEqualTo(bcc.length() + 8192 + chunk.length);
                int bodyStart = (int) Math.max(0, Math.min(n, keptHeader - total));
                bodyCrc.update(chunk, bodyStart, n - bodyStart);
            }
        }
        assertThat(total).isEqualTo(keptHeader + bodySize);
        assertThat(bodyCrc.getValue()).isEqualTo(source.crc());
    }

    private static RawMessage read(String text) throws IOException {
        return RawMessage.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String content(RawMessage message, boolean removeBcc) throws IOException {
        try (InputStream in = message.content(removeBcc)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
