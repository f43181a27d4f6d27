package io.github.smtpclient.internal;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.smtpclient.MessageContent;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.message.dkim.DkimSettings;
import io.github.smtpclient.message.dkim.DkimSigning;

/**
 * A message with its DKIM signatures in front, signed before MAIL over exactly the bytes the engine will send: the
 * content as the data gate passes it (bare CR and LF turned into CRLF, the last line completed; a BINARYMIME body
 * unchanged), before dot-stuffing. Content that can be written again is written twice, once to hash and once to
 * send; content that cannot (a stream), or any content when {@link DkimSettings#isSpool()}, is written once to a
 * spool file while it is hashed, and sent from there. The body is never held in memory. {@link #close()} deletes
 * the spool file.
 */
public final class DkimSignedContent implements MessageContent, Closeable {

    private static final int BUFFER_SIZE = 64 * 1024;

    private final MessageContent content;
    private final byte[] signatures;
    private final Path spool;
    private final long size;

    private DkimSignedContent(MessageContent content, byte[] signatures, Path spool, long size) {
        this.content = content;
        this.signatures = signatures;
        this.spool = spool;
        this.size = size;
    }

    /**
     * Signs {@code content} with every signer of {@code settings} (which must have one).
     *
     * @param tempPath the directory for a spool file; null for the system temporary directory
     * @throws SmtpException with {@code IO_ERROR} when the content cannot be read, the spool file cannot be written
     *                       or a key cannot sign; with {@code INVALID_ARGUMENT} when the header block is too large
     */
    public static DkimSignedContent sign(MessageContent content, DkimSettings settings, Path tempPath)
            throws SmtpException {
        DkimSigning signing = DkimSigning.of(settings.getSigners());
        boolean normalize = content.encoding() != Encoding.BINARY;
        if (content.isReplayable() && !settings.isSpool()) {
            long size = write(content, signing, normalize);
            return new DkimSignedContent(content, signing.signatureFields(), null, size);
        }
        Path spool = null;
        try {
            spool = tempPath == null ? Files.createTempFile("smtp-client-dkim-", ".eml")
                    : Files.createTempFile(tempPath, "smtp-client-dkim-", ".eml");
            long size;
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(spool), BUFFER_SIZE)) {
                size = write(content, new Tee(file, signing), normalize);
            }
            return new DkimSignedContent(content, signing.signatureFields(), spool, size);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(spool, e);
            if (e instanceof SmtpException smtp) {
                throw smtp;
            }
            throw new SmtpException(SmtpErrorCode.IO_ERROR, "Cannot spool the message to DKIM-sign it in "
                    + (tempPath == null ? "the temporary directory" : tempPath) + ": " + e.getMessage()
                    + "; set TempPath to a writable directory", e);
        }
    }

    /** Writes the content as the gate will pass it; returns the number of bytes. */
    private static long write(MessageContent content, OutputStream out, boolean normalize) throws SmtpException {
        try {
            if (!normalize) {
                CountingStream counting = new CountingStream(out);
                content.writeTo(counting);
                return counting.count;
            }
            LineEndingNormalizer normalizer = new LineEndingNormalizer(out);
            content.writeTo(normalizer);
            normalizer.finish();
            return normalizer.written();
        } catch (SmtpException e) {
            throw e;
        } catch (IOException e) {
            throw new SmtpException(SmtpErrorCode.IO_ERROR, "Cannot read the message to DKIM-sign it: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        out.write(signatures);
        if (spool != null) {
            try (InputStream in = Files.newInputStream(spool)) {
                in.transferTo(out);
            }
            return;
        }
        if (content.encoding() == Encoding.BINARY) {
            content.writeTo(out);
            return;
        }
        LineEndingNormalizer normalizer = new LineEndingNormalizer(out);
        content.writeTo(normalizer);
        normalizer.finish();
    }

    /** The exact size: the signatures and the content as it is sent. */
    @Override
    public long size() {
        return signatures.length + size;
    }

    @Override
    public Encoding encoding() {
        return content.encoding();
    }

    @Override
    public boolean needsSmtpUtf8() {
        return content.needsSmtpUtf8();
    }

    /** Replayable when the content is, or while the spool file exists. */
    @Override
    public boolean isReplayable() {
        return spool != null || content.isReplayable();
    }

    /** Deletes the spool file, if there is one. */
    @Override
    public void close() throws IOException {
        if (spool != null) {
            Files.deleteIfExists(spool);
        }
    }

    private static void deleteQuietly(Path file, Exception failure) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** Writes to two streams. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }
    }

    /** Counts what passes. */
    private static final class CountingStream extends OutputStream {
        private final OutputStream out;
        private long count;

        CountingStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
