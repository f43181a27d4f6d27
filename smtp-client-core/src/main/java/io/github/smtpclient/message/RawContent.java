package io.github.smtpclient.message;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.github.smtpclient.Envelope;
import io.github.smtpclient.MessageContent;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.Submission;

/**
 * A ready-made RFC 5322 message as a {@link MessageContent}, for batches of raw messages ({@code sendAll}) that
 * {@code sendBytes}, {@code sendFile} and {@code sendStream} send one at a time:
 *
 * <pre>{@code
 * List<Submission> batch = new ArrayList<>();
 * for (Path file : outbox) {
 *     batch.add(RawContent.ofFile(file).submission());     // envelope, Message-ID and Subject from the headers
 * }
 * List<SendOutcome> outcomes = client.sendAll(batch);      // pipelined, one outcome per message
 * }</pre>
 *
 * <p>Sent by {@code SmtpClient.sendAll} or {@code SmtpMailSender.send}/{@code sendAll}, a raw content is fitted to
 * the server exactly as the single sends do: bytes and files are scanned before MAIL and declared as what they hold
 * (7-bit, 8BITMIME or BINARYMIME), a one-shot stream declares the {@link BodyType} given, else 8-bit when the server
 * offers 8BITMIME and 7-bit when not, and is checked while it streams; content this server cannot carry is refused
 * before MAIL (that message's outcome fails, the others are sent); Bcc and Resent-Bcc are removed as the client's
 * {@code transfer().isRemoveBcc()} says. Its own {@link MessageContent} methods describe it before any server is
 * known: {@link #encoding()} is the declared type, or for content not yet scanned the widest,
 * {@link MessageContent.Encoding#BINARY}, and {@link #writeTo} removes Bcc.
 *
 * <p>Bytes and files are {@linkplain #isReplayable() replayable}: a message split over several transactions
 * (RCPTMAX, a 452) is sent again to each. A stream is read once; its header block (at most 1 MiB) is read when the
 * content is made, the body only when it is sent. The caller closes the stream after sending.
 */
public final class RawContent implements MessageContent {

    private final byte[] bytes;
    private final Path file;
    private final RawMessage stream;
    private final BodyType declared;

    private RawContent(byte[] bytes, Path file, RawMessage stream, BodyType declared) {
        this.bytes = bytes;
        this.file = file;
        this.stream = stream;
        this.declared = declared;
    }

    /**
     * A message held in memory; {@code message} must not change until it is sent.
     *
     * @throws SmtpException with {@code INVALID_ARGUMENT} when its header block is larger than 1 MiB
     */
    public static RawContent ofBytes(byte[] message) throws SmtpException {
        RawMessage.of(message);
        return new RawContent(message, null, null, null);
    }

    /** A message stored in a file, read when it is sent (twice: to scan it, then to send it). */
    public static RawContent ofFile(Path file) {
        return new RawContent(null, Objects.requireNonNull(file, "file"), null, null);
    }

    /**
     * A message read once from a stream, declared as the server allows; see {@link #ofStream(InputStream, BodyType)}.
     *
     * @throws IOException when its header block cannot be read
     */
    public static RawContent ofStream(InputStream message) throws IOException {
        return ofStream(message, null);
    }

    /**
     * A message read once from a stream, declared as {@code bodyType}: {@link BodyType#BINARY_MIME} goes unchanged
     * with BDAT (binary mode and a server offering CHUNKING and BINARYMIME are needed), the other types are checked
     * while the message streams (a stream that breaks its declaration is abandoned with the connection). The header
     * block is read now; the stream is not closed.
     *
     * @param bodyType what the message holds; null for 8-bit when the server offers 8BITMIME, else 7-bit
     * @throws IOException   when the header block cannot be read
     * @throws SmtpException (an IOException) with {@code INVALID_ARGUMENT} when the header block is over 1 MiB
     */
    public static RawContent ofStream(InputStream message, BodyType bodyType) throws IOException {
        return new RawContent(null, null, RawMessage.read(Objects.requireNonNull(message, "message")), bodyType);
    }

    /** The body type the caller declared (streams only); empty when the client decides it when sending. */
    public Optional<BodyType> declaredBodyType() {
        return Optional.ofNullable(declared);
    }

    /**
     * A submission of this message with the envelope its headers imply ({@link RawMessage#envelope()}), and its
     * Message-ID and Subject for results and events.
     *
     * @throws SmtpException with {@code INVALID_ARGUMENT} when the headers name no sender or no recipient, and with
     *                       {@code IO_ERROR} when the file cannot be read
     */
    public Submission submission() throws SmtpException {
        RawMessage headers = headers();
        return submission(headers, headers.envelope());
    }

    /**
     * A submission of this message to an explicit envelope; the headers still give the Message-ID and Subject. The
     * headers are sent as they are: a {@code TLS-Required: No} field among them has no effect on this envelope.
     *
     * @throws SmtpException with {@code IO_ERROR} when the file cannot be read
     */
    public Submission submission(Envelope envelope) throws SmtpException {
        return submission(headers(), Objects.requireNonNull(envelope, "envelope"));
    }

    private Submission submission(RawMessage headers, Envelope envelope) {
        List<String> subjects = headers.headerValues("Subject");
        return new Submission(envelope, this, headers.messageId().orElse(null),
                subjects.isEmpty() ? null : subjects.get(0));
    }

    private RawMessage headers() throws SmtpException {
        if (stream != null) {
            return stream;
        }
        if (bytes != null) {
            return RawMessage.of(bytes);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return RawMessage.read(in);
        } catch (SmtpException e) {
            throw e;
        } catch (IOException e) {
            throw new SmtpException(SmtpErrorCode.IO_ERROR, "Cannot read the message file " + file
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens the message bytes, the header block with CRLF line ends: a stream's only once, bytes and files each time.
     *
     * @param removeBcc whether Bcc and Resent-Bcc fields are left out
     * @throws IOException           when the file cannot be read
     * @throws IllegalStateException when a stream's content was opened before
     */
    public InputStream open(boolean removeBcc) throws IOException {
        if (stream != null) {
            return stream.content(removeBcc);
        }
        if (bytes != null) {
            return RawMessage.of(bytes).content(removeBcc);
        }
        InputStream in = Files.newInputStream(file);
        try {
            return new ClosingInputStream(RawMessage.read(in).content(removeBcc), in);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Writes the message with Bcc and Resent-Bcc removed. */
    @Override
    public void writeTo(OutputStream out) throws IOException {
        try (InputStream in = open(true)) {
            in.transferTo(out);
        }
    }

    /** The size of the bytes or file (before Bcc removal, as the SIZE estimate), or -1 for a stream. */
    @Override
    public long size() {
        if (bytes != null) {
            return bytes.length;
        }
        if (file != null) {
            try {
                return Files.size(file);
            } catch (IOException e) {
                return -1;
            }
        }
        return -1;
    }

    /** The declared type, or {@link MessageContent.Encoding#BINARY} until a client scans or fits it. */
    @Override
    public Encoding encoding() {
        if (declared == null) {
            return Encoding.BINARY;
        }
        return switch (declared) {
            case SEVEN_BIT -> Encoding.SEVEN_BIT;
            case EIGHT_BIT_MIME -> Encoding.EIGHT_BIT;
            case BINARY_MIME -> Encoding.BINARY;
        };
    }

    @Override
    public boolean needsSmtpUtf8() {
        return false;
    }

    /** True for bytes and files, which are read afresh for each write; false for a stream, read once. */
    @Override
    public boolean isReplayable() {
        return stream == null;
    }

    @Override
    public String toString() {
        return "RawContent[" + (bytes != null ? bytes.length + " bytes" : file != null ? "file " + file : "stream")
                + "]";
    }

    /** The content of a file's message, which closes the file when it is closed. */
    private static final class ClosingInputStream extends FilterInputStream {

        private final InputStream file;

        ClosingInputStream(InputStream content, InputStream file) {
            super(content);
            this.file = file;
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                file.close();
            }
        }
    }
}
