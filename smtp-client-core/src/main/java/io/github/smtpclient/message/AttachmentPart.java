package io.github.smtpclient.message;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;

/**
 * An attachment or inline image, streamed from its source through its transfer encoder while the message is
 * written: only a small buffer is ever in memory. A failure to open, read or close the source, a RuntimeException
 * included, becomes an {@link SmtpException} with {@code IO_ERROR} naming the attachment; a failure to write passes
 * through unchanged.
 */
final class AttachmentPart implements MimePart {

    private static final int BASE64_LINE = 76;
    private static final byte[] CRLF = {'\r', '\n'};

    private final Attachment attachment;
    private final TransferEncoding encoding;
    private final String headers;

    AttachmentPart(Attachment attachment, boolean inline, MimeOptions options) {
        this.attachment = attachment;
        this.encoding = TransferEncoding.forAttachment(attachment, options);
        String[] typeAndParameters = attachment.contentType().split(";");
        List<String> type = new ArrayList<>(List.of(typeAndParameters[0].strip()));
        for (int i = 1; i < typeAndParameters.length; i++) {
            if (!typeAndParameters[i].isBlank()) {
                MimeParameters.append(type, List.of(typeAndParameters[i].strip()));
            }
        }
        MimeParameters.append(type, MimeParameters.parameter("name", attachment.fileName()));
        StringBuilder fields = new StringBuilder()
                .append(HeaderFolder.fold("Content-Type", type))
                .append(HeaderFolder.fold("Content-Transfer-Encoding", List.of(encoding.token())))
                .append(HeaderFolder.fold("Content-Disposition",
                        MimeParameters.header(inline ? "inline" : "attachment", "filename", attachment.fileName())));
        attachment.contentId().ifPresent(id -> fields.append(HeaderFolder.fold("Content-ID", List.of("<" + id + ">"))));
        this.headers = fields.toString();
    }

    @Override
    public String headers() {
        return headers;
    }

    @Override
    public void writeBody(OutputStream out) throws IOException {
        byte[] held = attachment.bytes().orElse(null);
        if (held != null) {
            // Held bytes go out from their array: nothing to open, no copy loop, no buffer.
            encode(out, target -> {
                target.write(held);
                return held.length;
            });
        } else {
            try (InputStream in = open()) {
                encode(out, in::transferTo);
            }
        }
    }

    /** Writes the content through this part's transfer encoding. */
    private void encode(OutputStream out, Content content) throws IOException {
        if (encoding != TransferEncoding.BASE64) {
            content.writeTo(out);
            return;
        }
        long count;
        try (OutputStream base64 = Base64.getMimeEncoder().wrap(new KeepOpen(out))) {
            count = content.writeTo(base64);
        }
        if (count > 0) {
            out.write(CRLF);
        }
    }

    /** The attachment's bytes written to a stream; returns how many. */
    @FunctionalInterface
    private interface Content {
        long writeTo(OutputStream out) throws IOException;
    }

    /** Asked afresh each time: a file may change between two sends of the same message. */
    @Override
    public OptionalLong bodySize() {
        OptionalLong size = attachment.size();
        if (size.isEmpty() || encoding != TransferEncoding.BASE64) {
            return size;
        }
        long chars = (size.getAsLong() + 2) / 3 * 4;
        long lines = (chars + BASE64_LINE - 1) / BASE64_LINE;
        return OptionalLong.of(chars + 2 * lines);
    }

    @Override
    public BodyType bodyType() {
        return encoding.bodyType();
    }

    private InputStream open() throws SmtpException {
        InputStream source;
        try {
            source = attachment.open();
        } catch (IOException | RuntimeException e) {
            throw readFailed(e);
        }
        return new FilterInputStream(source) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws SmtpException {
                try {
                    return in.read(buffer, offset, length);
                } catch (IOException | RuntimeException e) {
                    throw readFailed(e);
                }
            }

            @Override
            public void close() throws SmtpException {
                try {
                    in.close();
                } catch (IOException | RuntimeException e) {
                    throw readFailed(e);
                }
            }
        };
    }

    /** Passes writes on but not close(): the message stream stays open for the parts that follow. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    private SmtpException readFailed(Exception cause) {
        return new SmtpException(SmtpErrorCode.IO_ERROR, "Reading the attachment " + attachment.fileName()
                + " failed: " + (cause.getMessage() != null ? cause.getMessage() : cause.toString()), cause);
    }
}
