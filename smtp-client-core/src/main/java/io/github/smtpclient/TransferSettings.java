package io.github.smtpclient;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How message data is sent: the reference's BinaryMode, BinaryChunkSize, RemoveBCC, SendBufferSize and
 * TempPath settings, whether it is sent when the server refuses some recipients ({@link RecipientPolicy}), which
 * command carries it ({@link DataCommand}) and how far a batch is pipelined.
 * Reached as {@link SmtpClient#transfer()}.
 */
public final class TransferSettings {

    /** Default BDAT chunk size: large enough that framing costs nothing, small enough to bound memory. */
    public static final int DEFAULT_BINARY_CHUNK_SIZE = 1024 * 1024;

    /** Default size of the buffer commands and data are written through. */
    public static final int DEFAULT_SEND_BUFFER_SIZE = 64 * 1024;

    /** Default for {@link #getPipelineWindowMessages()}. */
    public static final int DEFAULT_PIPELINE_WINDOW_MESSAGES = 100;

    /** Default for {@link #getPipelineWindowBytes()}. */
    public static final int DEFAULT_PIPELINE_WINDOW_BYTES = 128 * 1024;

    private boolean binaryMode;
    private int binaryChunkSize = DEFAULT_BINARY_CHUNK_SIZE;
    private boolean removeBcc = true;
    private int sendBufferSize = DEFAULT_SEND_BUFFER_SIZE;
    private Path tempPath;
    private RecipientPolicy recipientPolicy = RecipientPolicy.PARTIAL;
    private boolean mtPriorityFromMessage;
    private boolean dsnRequired;
    private RequireTlsPolicy requireTls = RequireTlsPolicy.NONE;
    private DataCommand dataCommand = DataCommand.AUTO;
    private int pipelineWindowMessages = DEFAULT_PIPELINE_WINDOW_MESSAGES;
    private int pipelineWindowBytes = DEFAULT_PIPELINE_WINDOW_BYTES;

    /** Settings with the defaults each getter describes. */
    public TransferSettings() {
    }

    /**
     * Whether BDAT (RFC 3030 CHUNKING), and BINARYMIME for binary content, is used for every send when the server
     * offers it. Default false: {@link #getDataCommand()} decides.
     */
    public boolean isBinaryMode() {
        return binaryMode;
    }

    /** Sets whether BDAT is used when the server offers it. */
    public void setBinaryMode(boolean binaryMode) {
        this.binaryMode = binaryMode;
    }

    /** Size of each BDAT chunk in bytes; the client holds one chunk in memory. */
    public int getBinaryChunkSize() {
        return binaryChunkSize;
    }

    /** Sets the size of each BDAT chunk, 1 byte to 64 MiB. */
    public void setBinaryChunkSize(int binaryChunkSize) {
        if (binaryChunkSize < 1 || binaryChunkSize > 64 * 1024 * 1024) {
            throw new IllegalArgumentException("BinaryChunkSize must be between 1 and 67108864 bytes, was "
                    + binaryChunkSize);
        }
        this.binaryChunkSize = binaryChunkSize;
    }

    /** Whether Bcc and Resent-Bcc header fields are removed from raw messages before sending. Default true. */
    public boolean isRemoveBcc() {
        return removeBcc;
    }

    /** Sets whether Bcc and Resent-Bcc are removed from raw messages. */
    public void setRemoveBcc(boolean removeBcc) {
        this.removeBcc = removeBcc;
    }

    /**
     * Size in bytes of the buffer commands and data are written through. A value other than the default also sets
     * the socket's send buffer (SO_SNDBUF) before connecting; the default leaves the system's, which Linux grows on
     * its own (a fixed SO_SNDBUF would stop that).
     */
    public int getSendBufferSize() {
        return sendBufferSize;
    }

    /** Sets the size of the send buffer, 512 bytes to 16 MiB. */
    public void setSendBufferSize(int sendBufferSize) {
        if (sendBufferSize < 512 || sendBufferSize > 16 * 1024 * 1024) {
            throw new IllegalArgumentException("SendBufferSize must be between 512 and 16777216 bytes, was "
                    + sendBufferSize);
        }
        this.sendBufferSize = sendBufferSize;
    }

    /** Where temporary files may be written; null means the JVM's {@code java.io.tmpdir}. */
    public Path getTempPath() {
        return tempPath;
    }

    /** Sets where temporary files may be written; null for the JVM's {@code java.io.tmpdir}. */
    public void setTempPath(Path tempPath) {
        this.tempPath = tempPath;
    }

    /**
     * What a send does when the server refuses some recipients: deliver to the others ({@link RecipientPolicy#PARTIAL},
     * the default) or to nobody ({@link RecipientPolicy#ALL_OR_NOTHING}). An envelope may say otherwise for its
     * message ({@link Envelope#recipientPolicy()}).
     */
    public RecipientPolicy getRecipientPolicy() {
        return recipientPolicy;
    }

    /** Sets the recipient policy for this client's sends; see {@link #getRecipientPolicy()}. */
    public void setRecipientPolicy(RecipientPolicy recipientPolicy) {
        this.recipientPolicy = Objects.requireNonNull(recipientPolicy, "recipientPolicy");
    }

    /**
     * Whether a composed message's {@link io.github.smtpclient.message.Priority} also sets its RFC 6710 MT-PRIORITY
     * ({@link io.github.smtpclient.message.Priority#mtPriority()}: urgent 4, normal 0, non-urgent -4); false by
     * default, since the server may then deliver it ahead of other mail.
     */
    public boolean isMtPriorityFromMessage() {
        return mtPriorityFromMessage;
    }

    /** Sets whether a composed message's priority sets its MT-PRIORITY; see {@link #isMtPriorityFromMessage()}. */
    public void setMtPriorityFromMessage(boolean mtPriorityFromMessage) {
        this.mtPriorityFromMessage = mtPriorityFromMessage;
    }

    /**
     * Whether DSN parameters a message sets (RFC 3461 NOTIFY, ORCPT, RET, ENVID) must reach the server. False by
     * default, as in Jakarta Mail and MailKit: a server without DSN gets the message without them, the listener a
     * {@link io.github.smtpclient.event.NotificationEvent.Kind#DSN_NOT_AVAILABLE} notification and the result
     * {@link SendResult.Downgrade#DSN}. True refuses such a message before MAIL with
     * {@link SmtpErrorCode#EXTENSION_NOT_SUPPORTED}. A composed message's delivery receipt alone
     * ({@code MailMessage.Builder.deliveryReceipt(true)}) never fails for it; an envelope may say otherwise
     * ({@link Envelope.Builder#dsnRequired(Boolean)}).
     */
    public boolean isDsnRequired() {
        return dsnRequired;
    }

    /** Sets whether DSN parameters must reach the server; see {@link #isDsnRequired()}. */
    public void setDsnRequired(boolean dsnRequired) {
        this.dsnRequired = dsnRequired;
    }

    /**
     * Whether this client's messages ask for RFC 8689 REQUIRETLS: {@link RequireTlsPolicy#NONE} (the default),
     * {@link RequireTlsPolicy#OPPORTUNISTIC} or {@link RequireTlsPolicy#REQUIRE}. A message may say otherwise
     * ({@link Envelope.Builder#requireTls(RequireTlsPolicy)}); a message carrying {@code TLS-Required: No}
     * (RFC 8689 section 5) does not take this default: a composed one with
     * {@code MailMessage.Builder.tlsOptional(true)}, a raw one whose envelope comes from its headers.
     */
    public RequireTlsPolicy getRequireTls() {
        return requireTls;
    }

    /** Sets whether this client's messages ask for REQUIRETLS; see {@link #getRequireTls()}. */
    public void setRequireTls(RequireTlsPolicy requireTls) {
        this.requireTls = Objects.requireNonNull(requireTls, "requireTls (use RequireTlsPolicy.NONE for none)");
    }

    /** Which command carries message data; {@link DataCommand#AUTO} (BDAT for pipelined batches) by default. */
    public DataCommand getDataCommand() {
        return dataCommand;
    }

    /** Sets which command carries message data; see {@link DataCommand}. */
    public void setDataCommand(DataCommand dataCommand) {
        this.dataCommand = Objects.requireNonNull(dataCommand, "dataCommand");
    }

    /**
     * How many messages of a batch may be written before the replies of the oldest are read, when the batch goes
     * with BDAT over a server that offers PIPELINING: each message's MAIL, RCPTs and {@code BDAT n LAST} follow the
     * previous message's without waiting. Default {@value #DEFAULT_PIPELINE_WINDOW_MESSAGES}; 1 waits for each
     * message's replies before the next is written.
     */
    public int getPipelineWindowMessages() {
        return pipelineWindowMessages;
    }

    /**
     * How many bytes may be written and not yet answered in a pipelined BDAT batch: message data and the commands
     * with it (MAIL, every RCPT, the BDAT lines), which outweigh a short message with many recipients. A message larger
     * than this (or of unknown size) is not pipelined with the others: the messages before it are answered first and
     * it streams on its own. Default {@value #DEFAULT_PIPELINE_WINDOW_BYTES}: small enough that what is in flight
     * fits the sockets' buffers, so a server that stops reading until it may send its replies cannot make the client
     * block in a write; the client then waits for the oldest replies (bounded by the reply timeouts) instead.
     */
    public int getPipelineWindowBytes() {
        return pipelineWindowBytes;
    }

    /**
     * Sets the pipelining window of BDAT batches: at most {@code messages} messages and {@code bytes} bytes of their
     * data written ahead of their replies.
     *
     * @param messages 1 to 10,000
     * @param bytes    1 KiB to 64 MiB
     */
    public void setPipelineWindow(int messages, int bytes) {
        if (messages < 1 || messages > 10_000) {
            throw new IllegalArgumentException("PipelineWindowMessages must be between 1 and 10000, was " + messages);
        }
        if (bytes < 1024 || bytes > 64 * 1024 * 1024) {
            throw new IllegalArgumentException("PipelineWindowBytes must be between 1024 and 67108864 bytes, was "
                    + bytes);
        }
        this.pipelineWindowMessages = messages;
        this.pipelineWindowBytes = bytes;
    }

    /** An independent copy, for a sender that snapshots its settings. */
    public TransferSettings copy() {
        TransferSettings copy = new TransferSettings();
        copy.binaryMode = binaryMode;
        copy.binaryChunkSize = binaryChunkSize;
        copy.removeBcc = removeBcc;
        copy.sendBufferSize = sendBufferSize;
        copy.tempPath = tempPath;
        copy.recipientPolicy = recipientPolicy;
        copy.mtPriorityFromMessage = mtPriorityFromMessage;
        copy.dsnRequired = dsnRequired;
        copy.requireTls = requireTls;
        copy.dataCommand = dataCommand;
        copy.pipelineWindowMessages = pipelineWindowMessages;
        copy.pipelineWindowBytes = pipelineWindowBytes;
        return copy;
    }

    @Override
    public String toString() {
        return "TransferSettings[binaryMode=" + binaryMode + ", binaryChunkSize=" + binaryChunkSize + ", removeBcc="
                + removeBcc + ", sendBufferSize=" + sendBufferSize + ", tempPath=" + tempPath + ", recipientPolicy="
                + recipientPolicy + ", mtPriorityFromMessage=" + mtPriorityFromMessage + ", dsnRequired=" + dsnRequired
                + ", requireTls=" + requireTls + ", dataCommand=" + dataCommand + ", pipelineWindowMessages="
                + pipelineWindowMessages + ", pipelineWindowBytes=" + pipelineWindowBytes + "]";
    }
}
