package io.github.smtpclient.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import io.github.smtpclient.EndOfDataHook;
import io.github.smtpclient.MessageContent;
import io.github.smtpclient.RecipientResult;
import io.github.smtpclient.Reply;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.event.SmtpListener;

/**
 * Streams one message's content to the server after the envelope was accepted, through a stack of output
 * streams (progress, then the {@link MessageDataOutputStream} gate unless the body is BINARYMIME, then dot-stuffing
 * or BDAT chunking, then the wire), and later reads the replies it is owed. A failure while the server holds half a
 * message leaves the connection in an unknown state, so the connection is closed.
 */
abstract sealed class DataTransfer {

    final Conversation conversation;
    final SmtpListener listener;
    /** Counts the bytes and shows them to the listener. */
    WireDataOutputStream tap;

    private DataTransfer(Conversation conversation, SmtpListener listener) {
        this.conversation = conversation;
        this.listener = listener;
    }

    /** After a 354 reply to DATA: dot-stuffed data ended by CRLF.CRLF. */
    static DataTransfer dotStuffed(Conversation conversation, SmtpListener listener) {
        return new DotStuffed(conversation, listener);
    }

    /** BDAT chunks (RFC 3030); with pipelining the chunks do not wait for each other's replies. */
    static DataTransfer bdat(Conversation conversation, SmtpListener listener, int chunkSize, boolean pipelining) {
        return new Chunked(conversation, listener, chunkSize, pipelining, false);
    }

    /**
     * BDAT chunks of a message in a pipelined batch ({@link BdatWindow}): no reply is read while its data is written,
     * since the replies of the messages before it come first; {@link #awaitFinalReply()} reads its own in turn.
     */
    static DataTransfer bdatInWindow(Conversation conversation, SmtpListener listener, int chunkSize) {
        return new Chunked(conversation, listener, chunkSize, true, true);
    }

    /**
     * Writes the whole content, asks the hook, then ends the data; returns the bytes that went to the wire. The last
     * bytes may still be buffered.
     */
    final long send(MessageContent content, EndOfDataHook endOfData, List<RecipientResult> recipients)
            throws SmtpException {
        try {
            OutputStream framed = frame(content);
            if (listener == SmtpListener.NONE) {
                content.writeTo(framed);
            } else {
                ProgressOutputStream progress = new ProgressOutputStream(framed, listener, content.size());
                content.writeTo(progress);
                progress.complete();
            }
        } catch (SmtpException e) {
            if (e.errorCode() != SmtpErrorCode.MESSAGE_REJECTED || conversation.isBroken()) {
                conversation.breakConnection();
            }
            throw e;
        } catch (IOException | RuntimeException e) {
            conversation.breakConnection();
            throw new SmtpException(SmtpErrorCode.IO_ERROR, "Reading the message content failed (" + e
                    + "); the connection was closed because the server holds an incomplete message", e);
        }
        beforeEnd(endOfData, recipients);
        try {
            end();
        } catch (IOException e) {
            // The write that failed carried the end of the data: the server may have received all of it.
            conversation.breakConnection();
            throw outcomeUnknown(e);
        }
        return tap.count();
    }

    /** A hook that fails keeps the end of data from being sent: the connection is closed on the unended message. */
    private void beforeEnd(EndOfDataHook endOfData, List<RecipientResult> recipients) throws SmtpException {
        try {
            endOfData.beforeEndOfData(recipients);
        } catch (Exception e) {
            conversation.breakConnection();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new SmtpException(SmtpErrorCode.ABORTED_BEFORE_END_OF_DATA, "The end-of-data hook failed (" + e
                    + "); the connection was closed before the end of the data, so the message was not delivered", e);
        }
    }

    /** The failure to report when the whole message may have reached the server but no verdict came back. */
    static SmtpException outcomeUnknown(IOException cause) {
        return new SmtpException(SmtpErrorCode.OUTCOME_UNKNOWN, "The whole message was sent but no verdict the client"
                + " can trust came back (" + cause.getMessage() + "): the message may or may not have been delivered."
                + " Check before sending it again", cause);
    }

    /** The stream the content writes into: this transfer's framing with the {@link #tap} in it. */
    abstract OutputStream frame(MessageContent content) throws SmtpException;

    /**
     * Whether the gate lets octets above 127 through: the content declared 8-bit or binary data, or needs SMTPUTF8
     * (UTF-8 header fields in an otherwise 7-bit message).
     */
    static boolean eightBitAllowed(MessageContent content) {
        return content.encoding() != MessageContent.Encoding.SEVEN_BIT || content.needsSmtpUtf8();
    }

    /** Ends the data (final dot or last chunk). */
    abstract void end() throws IOException;

    /** Reads every reply the data is owed and returns the one that decides the message's fate. */
    abstract Reply awaitFinalReply() throws SmtpException;

    private static final class DotStuffed extends DataTransfer {
        private MessageDataOutputStream stuffer;

        DotStuffed(Conversation conversation, SmtpListener listener) {
            super(conversation, listener);
        }

        /**
         * Counted below the dot-stuffing: what the server receives. DATA has no binary form, so even content that
         * claims to be binary goes through the gate, which refuses what 8-bit data may not carry.
         */
        @Override
        OutputStream frame(MessageContent content) throws SmtpException {
            tap = new WireDataOutputStream(conversation.dataOutput(), listener);
            stuffer = MessageDataOutputStream.dotStuffed(tap, eightBitAllowed(content));
            return stuffer;
        }

        @Override
        void end() throws IOException {
            stuffer.finish();
            conversation.announce(".");
        }

        @Override
        Reply awaitFinalReply() throws SmtpException {
            return conversation.readAfterData();
        }
    }

    private static final class Chunked extends DataTransfer {
        private final int chunkSize;
        private final boolean pipelining;
        private final boolean inWindow;
        private BdatChunkOutputStream chunker;
        /** The gate in front of the chunker; null for a BINARYMIME body, whose octets pass unchanged. */
        private MessageDataOutputStream gate;
        private int owed;
        private Reply refusal;

        Chunked(Conversation conversation, SmtpListener listener, int chunkSize, boolean pipelining,
                boolean inWindow) {
            super(conversation, listener);
            this.chunkSize = chunkSize;
            this.pipelining = pipelining;
            this.inWindow = inWindow;
        }

        /**
         * Counted above the chunking: the payload; each BDAT line is reported as a command instead. Only a
         * BINARYMIME body skips the gate: every other one is normalised and checked exactly as after DATA.
         */
        @Override
        OutputStream frame(MessageContent content) throws SmtpException {
            chunker = new BdatChunkOutputStream(conversation.commandWriter(), chunkSize, this::chunkWritten);
            tap = new WireDataOutputStream(chunker, listener);
            if (content.encoding() == MessageContent.Encoding.BINARY) {
                return tap;
            }
            gate = MessageDataOutputStream.unstuffed(tap, eightBitAllowed(content));
            return gate;
        }

        private void chunkWritten(int size, boolean last) throws IOException {
            conversation.announce(last ? "BDAT " + size + " LAST" : "BDAT " + size);
            owed++;
            if (last || inWindow) {
                return;
            }
            if (!pipelining) {
                conversation.flush();
                readOwed(false);
            } else {
                while (owed > 0 && conversation.replyAvailable()) {
                    readOwed(false);
                }
            }
            if (refusal != null) {
                abandon();
            }
        }

        /** @param afterData whether the last chunk was sent, so the server may be processing the whole message */
        private Reply readOwed(boolean afterData) throws SmtpException {
            Reply reply = afterData ? conversation.readAfterData() : conversation.read();
            owed--;
            if (!reply.isPositive() && refusal == null) {
                refusal = reply;
            }
            return reply;
        }

        /**
         * RFC 3030: after a refused chunk no further chunk may be sent. Reads what the server still owes, resets
         * the transaction, and stops the content's writer by throwing.
         */
        private void abandon() throws SmtpException {
            conversation.flush();
            while (owed > 0) {
                readOwed(false);
            }
            conversation.reset();
            throw new SmtpException(SmtpErrorCode.MESSAGE_REJECTED,
                    "The server refused a BDAT chunk; the rest of the message was not sent", refusal);
        }

        @Override
        void end() throws IOException {
            if (gate != null) {
                gate.finish();
            }
            chunker.finish();
        }

        @Override
        Reply awaitFinalReply() throws SmtpException {
            Reply last = null;
            while (owed > 0) {
                last = readOwed(true);
            }
            return refusal != null ? refusal : last;
        }
    }
}
