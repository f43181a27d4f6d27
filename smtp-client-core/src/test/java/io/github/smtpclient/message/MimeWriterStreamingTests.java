package io.github.smtpclient.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;

/**
 * Shows that attachments stream: a lazily generated attachment goes through the writer into a sink that decodes
 * it line by line and keeps nothing, while the source is never more than a buffer ahead of what was written.
 * (The 1 GB attachment under a small heap belongs to the slower interop suite.)
 */
class MimeWriterStreamingTests {

    private static final long SIZE = 32L * 1024 * 1024;
    private static final long MAX_AHEAD = 256 * 1024;

    @Test
    void largeAttachmentIsStreamedThroughTheEncoder() throws Exception {
        GeneratedInputStream source = new GeneratedInputStream(new byte[0], SIZE);
        MailMessage message = MailMessage.builder().from("a@example.com").to("b@example.com").plainText("big file")
                .attach(Attachment.fromStream("big.bin", () -> source)).build();
        PreparedMessage prepared = MimeWriter.prepare(message, MimeOptions.defaults());

        DecodingSink sink = new DecodingSink(source);
        prepared.writeTo(sink);

        assertThat(sink.decoded).isEqualTo(SIZE);
        assertThat(sink.crc.getValue()).isEqualTo(source.crc());
        assertThat(sink.maxAhead).as("source bytes read but not yet written").isLessThanOrEqualTo(MAX_AHEAD);
        assertThat(sink.longestLine).isLessThanOrEqualTo(76);
    }

    /**
     * Splits what it receives into lines, finds the attachment's body and base64-decodes it line by line into a
     * CRC, recording how far the source ever ran ahead of the decoded output.
     */
    private static final class DecodingSink extends OutputStream {
        private final GeneratedInputStream source;
        private final byte[] line = new byte[1000];
        private int lineLength;
        private final CRC32 crc = new CRC32();
        private boolean inHeaderOfAttachment;
        private boolean inBody;
        private long decoded;
        private long maxAhead;
        private int longestLine;

        DecodingSink(GeneratedInputStream source) {
            this.source = source;
        }

        @Override
        public void write(int b) {
            if (b != '\n') {
                line[lineLength++] = (byte) b;
                return;
            }
            int length = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
            lineLength = 0;
            String text = new String(line, 0, length, StandardCharsets.US_ASCII);
            if (inBody) {
                if (text.isEmpty() || text.startsWith("--")) {
                    inBody = false;
                    return;
                }
                longestLine = Math.max(longestLine, text.length());
                byte[] bytes = Base64.getDecoder().decode(text);
                crc.update(bytes);
                decoded += bytes.length;
                maxAhead = Math.max(maxAhead, source.position() - decoded);
            } else if (text.startsWith("Content-Disposition: attachment; filename=\"big.bin\"")) {
                inHeaderOfAttachment = true;
            } else if (inHeaderOfAttachment && text.isEmpty()) {
                inHeaderOfAttachment = false;
                inBody = true;
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                write(bytes[i]);
            }
        }
    }
}
