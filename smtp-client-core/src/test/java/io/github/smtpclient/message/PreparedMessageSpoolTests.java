package io.github.smtpclient.message;

import java.util.Random;
import java.util.List;
import jakarta.mail.Multipart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.smtpclient.SmtpException;

class PreparedMessageSpoolTests {

    @TempDir
    Path tempPath;

    private MailMessage.Builder withAttachment(Attachment attachment) {
        return MailMessage.builder().from("a@example.com").to("b@example.com").plainText("x").attach(attachment);
    }

    @Test
    void knownSizeNeedsNoSpoolFile() throws IOException {
        PreparedMessage prepared = MimeWriter.prepare(withAttachment(Attachment.fromBytes("a.bin", new byte[10])).build(),
                MimeOptions.defaults().withTempPath(tempPath));
        assertThat(prepared.withKnownSize()).isSameAs(prepared);
        assertThat(files()).isEmpty();
    }

    @Test
    void streamedAttachmentIsSpooledOnceToLearnTheSizeAndDeletedOnClose() throws Exception {
        byte[] data = new byte[5000];
        new Random(3).nextBytes(data);
        int[] opened = {0};
        Attachment streamed = Attachment.fromStream("s.bin", () -> {
            opened[0]++;
            return new ByteArrayInputStream(data);
        });
        PreparedMessage prepared = MimeWriter.prepare(withAttachment(streamed).build(), MimeOptions.defaults().withTempPath(tempPath));
        assertThat(prepared.size()).isEmpty();

        byte[] spooledBytes;
        try (PreparedMessage sized = prepared.withKnownSize()) {
            assertThat(files()).hasSize(1);
            spooledBytes = Messages.bytes(sized);
            assertThat(sized.size()).hasValue(spooledBytes.length);
            assertThat(sized.messageId()).isEqualTo(prepared.messageId());
            assertThat(sized.envelope()).isSameAs(prepared.envelope());
        }
        assertThat(files()).isEmpty();
        assertThat(opened[0]).isEqualTo(1);
        assertThat(((Multipart) Messages.parse(spooledBytes).getContent()).getBodyPart(1)
                .getInputStream().readAllBytes()).isEqualTo(data);
    }

    @Test
    void failedSpoolingLeavesNoFile() throws IOException {
        Attachment broken = Attachment.fromStream("broken.bin", () -> new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("gone");
            }
        });
        PreparedMessage prepared = MimeWriter.prepare(withAttachment(broken).build(), MimeOptions.defaults().withTempPath(tempPath));
        assertThatThrownBy(prepared::withKnownSize).isInstanceOf(SmtpException.class).hasMessageContaining("broken.bin");
        assertThat(files()).isEmpty();
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> list = Files.list(tempPath)) {
            return list.toList();
        }
    }
}
