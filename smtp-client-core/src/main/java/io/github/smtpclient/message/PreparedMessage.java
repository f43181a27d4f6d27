package io.github.smtpclient.message;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

import io.github.smtpclient.Envelope;

/**
 * A composed message ready to send: everything the SMTP transaction must declare before the data (envelope,
 * body type, SMTPUTF8, size) and the bytes themselves, written on demand by {@link #writeTo(OutputStream)}.
 * Made by {@link MimeWriter#prepare(MailMessage, MimeOptions)}.
 *
 * <p>The bytes are the message in canonical form: CRLF line breaks, no line over 998 octets unless
 * {@link #bodyType()} is {@link BodyType#BINARY_MIME}, no 8-bit octets unless it is not {@link BodyType#SEVEN_BIT}
 * or {@link #needsSmtpUtf8()}. They are not dot-stuffed: that is the transport's job.
 *
 * <p>A prepared message holds no temporary file unless {@link #withKnownSize()} made one; {@link #close()} deletes
 * it, so close every prepared message (try-with-resources) whatever the outcome of the send.
 */
public final class PreparedMessage implements Closeable {

    private static final byte[] CRLF = {'\r', '\n'};

    private final byte[] header;
    private final MimePart body;
    private final Path spoolFile;
    private final Optional<Path> tempPath;
    private final Envelope envelope;
    private final String messageId;
    private final BodyType bodyType;
    private final boolean smtpUtf8;
    private final boolean deliveryReceiptUnavailable;

    PreparedMessage(byte[] header, MimePart body, Optional<Path> tempPath, Envelope envelope, String messageId,
            BodyType bodyType, boolean smtpUtf8, boolean deliveryReceiptUnavailable) {
        this(header, body, null, tempPath, envelope, messageId, bodyType, smtpUtf8, deliveryReceiptUnavailable);
    }

    private PreparedMessage(byte[] header, MimePart body, Path spoolFile, Optional<Path> tempPath, Envelope envelope,
            String messageId, BodyType bodyType, boolean smtpUtf8, boolean deliveryReceiptUnavailable) {
        this.header = header;
        this.body = body;
        this.spoolFile = spoolFile;
        this.tempPath = tempPath;
        this.envelope = envelope;
        this.messageId = messageId;
        this.bodyType = bodyType;
        this.smtpUtf8 = smtpUtf8;
        this.deliveryReceiptUnavailable = deliveryReceiptUnavailable;
    }

    /**
     * The envelope: the Return-Path, else the Sender, else the first From mailbox, to every To, Cc and Bcc
     * recipient (deduplicated, ignoring case); with the DSN parameters the message asks for ({@link MailMessage#dsn()},
     * and {@code NOTIFY=SUCCESS,FAILURE,DELAY} for a delivery receipt) and its REQUIRETLS choice. The engine leaves
     * the DSN parameters out for a server without DSN (or refuses the message, when they are required).
     */
    public Envelope envelope() {
        return envelope;
    }

    /** The Message-ID written in the header, with angle brackets: the message's own or a generated one. */
    public String messageId() {
        return messageId;
    }

    /** What MAIL FROM must declare with {@code BODY=}. */
    public BodyType bodyType() {
        return bodyType;
    }

    /** Whether MAIL FROM must carry {@code SMTPUTF8}: some address is written in UTF-8. */
    public boolean needsSmtpUtf8() {
        return smtpUtf8;
    }

    /** Whether a delivery receipt was asked for but cannot be, because the server does not offer DSN. */
    public boolean deliveryReceiptUnavailable() {
        return deliveryReceiptUnavailable;
    }

    /** The exact number of bytes {@link #writeTo} writes, when known without writing (no streamed attachment). */
    public OptionalLong size() {
        if (spoolFile != null) {
            try {
                return OptionalLong.of(Files.size(spoolFile));
            } catch (IOException e) {
                return OptionalLong.empty();
            }
        }
        OptionalLong bodySize = body.bodySize();
        return bodySize.isPresent() ? OptionalLong.of(header.length + CRLF.length + bodySize.getAsLong()) : bodySize;
    }

    /**
     * This message with its {@link #size()} known, for servers that want SIZE declared: this message itself when
     * the size is already known, else a copy written once to a spool file in the TempPath of the
     * {@link MimeOptions} (the system temporary directory when unset). The copy's {@link #close()} deletes the
     * file; when writing it fails, the file is deleted at once.
     *
     * @throws io.github.smtpclient.SmtpException with {@code IO_ERROR} when an attachment cannot be read
     * @throws IOException when the spool file cannot be written
     */
    public PreparedMessage withKnownSize() throws IOException {
        if (size().isPresent()) {
            return this;
        }
        Path file = tempPath.isPresent() ? Files.createTempFile(tempPath.get(), "smtp-client-", ".eml")
                : Files.createTempFile("smtp-client-", ".eml");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
            writeTo(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new PreparedMessage(null, null, file, tempPath, envelope, messageId, bodyType, smtpUtf8,
                deliveryReceiptUnavailable);
    }

    /**
     * Writes the message to {@code out}, streaming attachments from their sources; {@code out} is neither
     * flushed nor closed. May be called again when every attachment source can be opened again.
     *
     * @throws io.github.smtpclient.SmtpException with {@code IO_ERROR} when an attachment cannot be read
     * @throws IOException when writing to {@code out} fails
     */
    public void writeTo(OutputStream out) throws IOException {
        if (spoolFile != null) {
            try (InputStream in = Files.newInputStream(spoolFile)) {
                in.transferTo(out);
            }
            return;
        }
        out.write(header);
        out.write(CRLF);
        body.writeBody(out);
    }

    /** Deletes the spool file, if {@link #withKnownSize()} made one; otherwise does nothing. */
    @Override
    public void close() throws IOException {
        if (spoolFile != null) {
            Files.deleteIfExists(spoolFile);
        }
    }

    @Override
    public String toString() {
        return "PreparedMessage[" + messageId + ", " + envelope + ", " + bodyType + "]";
    }
}
