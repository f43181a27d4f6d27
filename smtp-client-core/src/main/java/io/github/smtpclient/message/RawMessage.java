package io.github.smtpclient.message;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.github.smtpclient.Envelope;
import io.github.smtpclient.SmtpException;

/**
 * A ready-made RFC 5322 message, for sending as it is: held in memory ({@link #of(byte[])}) or read from a stream
 * ({@link #read(InputStream)}). Only the header block is parsed (at most 1 MiB), from a buffer; the body stays where
 * it is (in the array or the source stream) and is passed on untouched by {@link #content(boolean)}, so a message of
 * any size streams through in constant memory.
 *
 * <p>Header lines end where the wire ends them: at CRLF, bare LF or bare CR (the data path turns each into CRLF),
 * so a field hidden behind a bare CR ({@code "Subject: x\rBcc: y@example.com"}) is a field here too, for the
 * envelope and for Bcc removal alike.
 *
 * <pre>{@code
 * RawMessage message = RawMessage.read(in);
 * Envelope envelope = message.envelope();            // from Sender/From/Return-Path and To/Cc/Bcc
 * try (InputStream content = message.content(true)) { // Bcc removed
 *     ...
 * }
 * }</pre>
 *
 * <p>A RawMessage does not own the source stream: the caller closes it. Read from a stream, its content can be taken
 * once; held in memory, as often as asked.
 */
public final class RawMessage {

    /** The largest header block accepted, in bytes. */
    static final int MAX_HEADER_BYTES = 1024 * 1024;

    private final HeaderBlock header;
    private boolean contentTaken;

    private RawMessage(HeaderBlock header) {
        this.header = header;
    }

    /**
     * Parses the header block of a message held in memory. The body is not copied: {@link #content(boolean)} reads
     * it from {@code message}, which must not change until the message is sent.
     *
     * @throws SmtpException with {@code INVALID_ARGUMENT} when the header block is larger than 1 MiB
     */
    public static RawMessage of(byte[] message) throws SmtpException {
        return new RawMessage(HeaderBlock.parse(Objects.requireNonNull(message, "message"), MAX_HEADER_BYTES));
    }

    /**
     * Reads the header block of a message from {@code source} in blocks, leaving the body unread (but for the rest of
     * the last block, which is kept).
     *
     * @throws SmtpException with {@code INVALID_ARGUMENT} when the header block is larger than 1 MiB
     * @throws IOException   when reading the source fails
     */
    public static RawMessage read(InputStream source) throws IOException {
        return new RawMessage(HeaderBlock.read(Objects.requireNonNull(source, "source"), MAX_HEADER_BYTES));
    }

    /** The unfolded values of every header field named {@code name} (ignoring case), in order. */
    public List<String> headerValues(String name) {
        List<String> values = new ArrayList<>(1);
        for (HeaderField field : header.fields()) {
            if (field.hasName(name)) {
                values.add(field.value());
            }
        }
        return Collections.unmodifiableList(values);
    }

    /** The value of the first {@code Message-ID} header, angle brackets included, when there is one. */
    public Optional<String> messageId() {
        for (HeaderField field : header.fields()) {
            if (field.hasName("Message-ID") && !field.value().isEmpty()) {
                return Optional.of(field.value());
            }
        }
        return Optional.empty();
    }

    /**
     * The envelope the headers imply. The sender comes from {@code Sender}, else the first {@code From} mailbox,
     * else {@code Return-Path}; the recipients are every mailbox of {@code To}, {@code Cc} and {@code Bcc} (group
     * members included), deduplicated ignoring case. When the message carries {@code Resent-*} fields
     * (RFC 5322 section 3.6.6) the topmost resent block decides instead: its {@code Resent-To},
     * {@code Resent-Cc} and {@code Resent-Bcc} recipients, from its {@code Resent-Sender} or
     * {@code Resent-From}.
     *
     * @throws SmtpException with {@code INVALID_ARGUMENT} when there is no sender, no recipient, or an address is
     *                       invalid; the message says to pass an explicit {@link Envelope} instead
     */
    public Envelope envelope() throws SmtpException {
        return HeaderEnvelope.derive(header.fields());
    }

    /**
     * The message bytes: the header block with every line ending written as CRLF, without its {@code Bcc} and
     * {@code Resent-Bcc} fields (and their continuation lines) when {@code removeBcc}, followed by the body
     * unchanged. Its {@link InputStream#transferTo transferTo}, called before any read, writes both from the arrays
     * that hold them, with no copy loop.
     *
     * @throws IllegalStateException when called a second time on a message read from a stream, which can be read
     *                               only once
     */
    public InputStream content(boolean removeBcc) {
        if (contentTaken && !header.rest().isHeld()) {
            throw new IllegalStateException("content() was already called: a RawMessage streams its source once");
        }
        contentTaken = true;
        if (removeBcc && hasBcc()) {
            byte[] kept = withoutBcc();
            return new ContentStream(kept, kept.length, header.rest());
        }
        return new ContentStream(header.bytes(), header.length(), header.rest());
    }

    private boolean hasBcc() {
        for (HeaderField field : header.fields()) {
            if (isBcc(field)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBcc(HeaderField field) {
        return field.hasName("Bcc") || field.hasName("Resent-Bcc");
    }

    private byte[] withoutBcc() {
        ByteArrayOutputStream kept = new ByteArrayOutputStream(header.length());
        int from = 0;
        for (HeaderField field : header.fields()) {
            if (isBcc(field)) {
                kept.write(header.bytes(), from, field.start() - from);
                from = field.end();
            }
        }
        kept.write(header.bytes(), from, header.length() - from);
        return kept.toByteArray();
    }

    /** The header block, then the rest of the message. */
    private static final class ContentStream extends InputStream {

        /** The header block is {@code headerBytes[0, headerLength)}. */
        private final byte[] headerBytes;
        private final int headerLength;
        private final MessageRest rest;
        /** The stream reads go to, made at the first read; until then a transfer writes straight from the arrays. */
        private InputStream reading;

        ContentStream(byte[] headerBytes, int headerLength, MessageRest rest) {
            this.headerBytes = headerBytes;
            this.headerLength = headerLength;
            this.rest = rest;
        }

        private InputStream reading() {
            if (reading == null) {
                reading = new SequenceInputStream(new ByteArrayInputStream(headerBytes, 0, headerLength), rest.open());
            }
            return reading;
        }

        @Override
        public int read() throws IOException {
            return reading().read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return reading().read(buffer, offset, length);
        }

        @Override
        public int available() throws IOException {
            return reading().available();
        }

        @Override
        public long transferTo(OutputStream out) throws IOException {
            if (reading != null) {
                return reading.transferTo(out);
            }
            reading = InputStream.nullInputStream(); // what follows a transfer reads nothing
            out.write(headerBytes, 0, headerLength);
            return headerLength + rest.writeTo(out);
        }

        /** Closes what a read has not reached yet, as a {@link SequenceInputStream} does: the source among it. */
        @Override
        public void close() throws IOException {
            reading().close();
            rest.close();
        }
    }
}
