package io.github.smtpclient.message;

import java.io.IOException;
import java.io.OutputStream;
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
 */
public final class PreparedMessage {

    private static final byte[] CRLF = {'\r', '\n'};

    private final byte[] header;
    private final MimePart body;
    private final Envelope envelope;
    private final String messageId;
    private final BodyType bodyType;
    private final boolean smtpUtf8;
    private final boolean deliveryReceiptUnavailable;

    PreparedMessage(byte[] header, MimePart body, Envelope envelope, String messageId, BodyType bodyType,
            boolean smtpUtf8, boolean deliveryReceiptUnavailable) {
        this.header = header;
        this.body = body;
        this.envelope = envelope;
        this.messageId = messageId;
        this.bodyType = bodyType;
        this.smtpUtf8 = smtpUtf8;
        this.deliveryReceiptUnavailable = deliveryReceiptUnavailable;
    }

    /**
     * The envelope: the Return-Path, else the Sender, else the first From mailbox, to every To, Cc and Bcc
     * recipient (deduplicated, ignoring case); with DSN {@code NOTIFY=SUCCESS,FAILURE,DELAY} per recipient when a
     * delivery receipt was asked for and the server offers DSN.
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
        OptionalLong bodySize = body.bodySize();
        return bodySize.isPresent() ? OptionalLong.of(header.length + CRLF.length + bodySize.getAsLong()) : bodySize;
    }

    /**
     * Writes the message to {@code out}, streaming attachments from their sources; {@code out} is neither
     * flushed nor closed. May be called again when every attachment source can be opened again.
     *
     * @throws io.github.smtpclient.SmtpException with {@code IO_ERROR} when an attachment cannot be read
     * @throws IOException when writing to {@code out} fails
     */
    public void writeTo(OutputStream out) throws IOException {
        out.write(header);
        out.write(CRLF);
        body.writeBody(out);
    }

    @Override
    public String toString() {
        return "PreparedMessage[" + messageId + ", " + envelope + ", " + bodyType + "]";
    }
}
