package io.github.smtpclient.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.smtpclient.MessageContent;
import io.github.smtpclient.ServerInfo;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.TransferSettings;
import io.github.smtpclient.message.BodyType;
import io.github.smtpclient.message.RawContent;

/**
 * A ready-made RFC 5322 message sent as it is, streamed, never held. What it declares matches what it holds:
 * bytes and files are scanned before MAIL ({@link BodyScanner}; a file is read twice), and a message this server
 * cannot carry is refused before any byte of the transaction. A stream cannot be scanned ahead: it declares what
 * the caller says it is, or else 8-bit when the server offers 8BITMIME and 7-bit when not, and the data gate checks
 * it while it streams (a stream that breaks its declaration is abandoned with the connection, never ended).
 */
public final class RawMessageContent implements MessageContent {

    /** The largest block a scan reads at a time; a smaller message gets a buffer of its own size. */
    private static final int MAX_SCAN_BLOCK = 64 * 1024;
    private static final int SCAN_BLOCK_OF_UNKNOWN_SIZE = 8 * 1024;

    /** Opens the message bytes afresh, for content that can be written again. */
    @FunctionalInterface
    public interface Source {
        /**
         * Opens the message again.
         *
         * @return the whole message from its first byte, closed by the caller
         * @throws IOException when it cannot be opened
         */
        InputStream open() throws IOException;
    }

    private final InputStream source;
    private final Source reopen;
    private final boolean replayable;
    private final long size;
    private final Encoding encoding;

    /**
     * @param source   the message bytes, written once
     * @param size     their number when known, else -1
     * @param encoding what MAIL FROM declares and the data gate enforces
     */
    public RawMessageContent(InputStream source, long size, Encoding encoding) {
        this.source = source;
        this.reopen = null;
        this.replayable = false;
        this.size = size;
        this.encoding = encoding;
    }

    /**
     * Content written again from its source each time (bytes in memory, a file), so a message split over several
     * transactions can be sent to each.
     *
     * @param source   opens the message bytes; each stream it opens is closed after writing
     * @param size     their number when known, else -1
     * @param encoding what MAIL FROM declares and the data gate enforces
     */
    public RawMessageContent(Source source, long size, Encoding encoding) {
        this(source, true, size, encoding);
    }

    private RawMessageContent(Source source, boolean replayable, long size, Encoding encoding) {
        this.source = null;
        this.reopen = source;
        this.replayable = replayable;
        this.size = size;
        this.encoding = encoding;
    }

    /**
     * A {@link RawContent} fitted to this server as {@code sendBytes}, {@code sendFile} and {@code sendStream} fit
     * theirs: content that can be read twice (bytes, a file) is scanned and declared as what it holds, a one-shot
     * stream declares its body type or the server's default; a message this server cannot carry is refused here,
     * before MAIL. It is opened only when written, without Bcc when {@code removeBcc}.
     */
    public static RawMessageContent fitted(RawContent raw, ServerInfo server, TransferSettings transfer)
            throws SmtpException {
        boolean removeBcc = transfer.isRemoveBcc();
        Encoding encoding;
        if (raw.isReplayable()) {
            try (InputStream in = raw.open(false)) {
                encoding = checked(scan(in, raw.size()), server, transfer);
            } catch (SmtpException e) {
                throw e;
            } catch (IOException e) {
                throw new SmtpException(SmtpErrorCode.IO_ERROR, "Cannot read the message " + raw + ": "
                        + e.getMessage(), e);
            }
        } else {
            encoding = encodingOfStream(raw.declaredBodyType().orElse(null), server, transfer);
        }
        return new RawMessageContent(() -> raw.open(removeBcc), raw.isReplayable(), raw.size(), encoding);
    }

    /** The encoding of a message held in memory, checked against what this server and the settings allow. */
    public static Encoding encodingOf(byte[] message, ServerInfo server, TransferSettings transfer)
            throws SmtpException {
        BodyScanner scanner = new BodyScanner();
        scanner.scan(message, 0, message.length);
        return checked(scanner, server, transfer);
    }

    /** The encoding of a message file, read once to find it, checked against what this server and the settings allow. */
    public static Encoding encodingOf(Path file, ServerInfo server, TransferSettings transfer) throws SmtpException {
        try (InputStream in = Files.newInputStream(file)) {
            return checked(scan(in, Files.size(file)), server, transfer);
        } catch (SmtpException e) {
            throw e;
        } catch (IOException e) {
            throw new SmtpException(SmtpErrorCode.IO_ERROR, "Cannot read the message file " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /** Scans a message of {@code size} bytes (-1: unknown) to its end, or until it is certain to be binary. */
    private static BodyScanner scan(InputStream in, long size) throws IOException {
        BodyScanner scanner = new BodyScanner();
        byte[] buffer = new byte[size < 0 ? SCAN_BLOCK_OF_UNKNOWN_SIZE : (int) Math.min(Math.max(size, 1), MAX_SCAN_BLOCK)];
        for (int n; (n = in.read(buffer)) >= 0 && scanner.bodyType() != BodyType.BINARY_MIME; ) {
            scanner.scan(buffer, 0, n);
        }
        return scanner;
    }

    /**
     * The encoding of a stream: {@code declared}, or when null the widest this server takes without BINARYMIME (8-bit
     * with 8BITMIME, else 7-bit); refused here when the server or the settings cannot carry it.
     */
    public static Encoding encodingOfStream(BodyType declared, ServerInfo server, TransferSettings transfer)
            throws SmtpException {
        if (declared == null) {
            return server.isEightBitMimeSupported() ? Encoding.EIGHT_BIT : Encoding.SEVEN_BIT;
        }
        return checked(declared, "the caller declared it " + declared, server, transfer);
    }

    private static Encoding checked(BodyScanner scanner, ServerInfo server, TransferSettings transfer)
            throws SmtpException {
        return checked(scanner.bodyType(), scanner.reason(), server, transfer);
    }

    private static Encoding checked(BodyType type, String reason, ServerInfo server, TransferSettings transfer)
            throws SmtpException {
        boolean binaryMime = MessageComposer.binaryMimeUsable(server, transfer);
        switch (type) {
            case SEVEN_BIT -> {
                return Encoding.SEVEN_BIT;
            }
            case EIGHT_BIT_MIME -> {
                if (!server.isEightBitMimeSupported() && !binaryMime) {
                    throw new SmtpException(SmtpErrorCode.EXTENSION_NOT_SUPPORTED, "The message has 8-bit data ("
                            + reason + ") but the server does not offer 8BITMIME, so it was not sent; encode its"
                            + " 8-bit parts as quoted-printable or base64");
                }
                return Encoding.EIGHT_BIT;
            }
            default -> {
                if (!binaryMime) {
                    throw new SmtpException(SmtpErrorCode.EXTENSION_NOT_SUPPORTED, "The message can only be sent as"
                            + " BINARYMIME (" + reason + "), which needs binary mode (transfer().setBinaryMode(true))"
                            + " and a server offering CHUNKING and BINARYMIME" + missing(server, transfer)
                            + "; it was not sent. Wrap long lines and encode binary parts as base64");
                }
                return Encoding.BINARY;
            }
        }
    }

    private static String missing(ServerInfo server, TransferSettings transfer) {
        if (!transfer.isBinaryMode()) {
            return " (binary mode is off)";
        }
        return server.isChunkingSupported() ? " (this server lacks BINARYMIME)" : " (this server lacks CHUNKING)";
    }

    /** Transfers the source: a message in memory is written from its array, with no copy loop. */
    @Override
    public void writeTo(OutputStream out) throws IOException {
        if (reopen == null) {
            source.transferTo(out);
            return;
        }
        try (InputStream in = reopen.open()) {
            in.transferTo(out);
        }
    }

    @Override
    public boolean isReplayable() {
        return replayable;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public Encoding encoding() {
        return encoding;
    }

    @Override
    public boolean needsSmtpUtf8() {
        return false;
    }
}
