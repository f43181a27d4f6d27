package io.github.smtpclient.internal;

import java.io.IOException;
import java.util.Optional;

import io.github.smtpclient.DataCommand;
import io.github.smtpclient.Envelope;
import io.github.smtpclient.ServerInfo;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.Submission;
import io.github.smtpclient.TransferSettings;
import io.github.smtpclient.message.MailMessage;
import io.github.smtpclient.message.MimeOptions;
import io.github.smtpclient.message.MimeWriter;
import io.github.smtpclient.message.PreparedMessage;

/**
 * Turns a {@link MailMessage} into what the engine sends, fitted to this server: 8-bit, binary and UTF-8 only
 * where it offers them, and the size known in advance (spooled to TempPath
 * when an attachment is a stream of unknown length) where it asks for SIZE.
 */
public final class MessageComposer {

    private final ServerInfo server;
    private final TransferSettings transfer;
    private final String domain;

    public MessageComposer(ServerInfo server, TransferSettings transfer, String domain) {
        this.server = server;
        this.transfer = transfer;
        this.domain = domain;
    }

    /**
     * Prepares the message; the caller closes it after sending, which deletes any spool file. Every failure is an
     * {@link SmtpException}: a value the writer cannot write is {@code INVALID_ARGUMENT}, an attachment that cannot
     * be read or a spool file that cannot be written is {@code IO_ERROR}.
     */
    public PreparedMessage prepare(MailMessage message) throws SmtpException {
        MimeOptions defaults = MimeOptions.defaults();
        MimeOptions options = new MimeOptions(server.isEightBitMimeSupported(), binaryMimeUsable(server, transfer),
                server.isSmtpUtf8Supported(), server.isDsnSupported(), domain, defaults.clock(),
                Optional.ofNullable(transfer.getTempPath()));
        PreparedMessage prepared;
        try {
            prepared = MimeWriter.prepare(message, options);
        } catch (IllegalArgumentException e) {
            throw new SmtpException(SmtpErrorCode.INVALID_ARGUMENT, "Cannot compose the message: " + e.getMessage(), e);
        }
        if (server.isSizeSupported() && prepared.size().isEmpty()) {
            try {
                return prepared.withKnownSize();
            } catch (SmtpException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw new SmtpException(SmtpErrorCode.IO_ERROR, "Cannot spool the message to measure its size in "
                        + (transfer.getTempPath() == null ? "the temporary directory" : transfer.getTempPath())
                        + ": " + e.getMessage() + "; set TempPath to a writable directory", e);
            }
        }
        return prepared;
    }

    /**
     * Whether a message may go out as BINARYMIME: binary mode is on, DATA is not forced, and the server offers CHUNKING
     * and BINARYMIME.
     */
    static boolean binaryMimeUsable(ServerInfo server, TransferSettings transfer) {
        return transfer.isBinaryMode() && transfer.getDataCommand() != DataCommand.DATA
                && server.isChunkingSupported() && server.isBinarySupported();
    }

    /**
     * The submission of a prepared message; with {@code mtPriorityFromMessage}, its priority sets the envelope's
     * MT-PRIORITY unless the envelope has one.
     */
    public static Submission submission(MailMessage message, PreparedMessage prepared, boolean mtPriorityFromMessage) {
        Envelope envelope = prepared.envelope();
        if (mtPriorityFromMessage && message.priority().isPresent() && envelope.mtPriority().isEmpty()) {
            envelope = envelope.toBuilder().mtPriority(message.priority().get().mtPriority()).build();
        }
        return new Submission(envelope, new ComposedMessageContent(prepared), prepared.messageId(),
                message.subject().orElse(null), message.sensitive());
    }
}
