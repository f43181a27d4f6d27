package io.github.smtpclient.protocol;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.github.smtpclient.RecipientResult;
import io.github.smtpclient.Reply;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.Submission;
import io.github.smtpclient.event.NotificationEvent;
import io.github.smtpclient.event.SmtpListener;

/**
 * A batch pipelined across messages with BDAT (RFC 2920 PIPELINING with RFC 3030 CHUNKING): each message's MAIL, RCPTs
 * and BDAT chunks are written right behind the previous message's {@code BDAT n LAST}, without waiting for any reply.
 * The replies are read and judged strictly in order later. A server answers every BDAT, and discards the data after a
 * refused MAIL or when every RCPT was refused (RFC 3030 2), so each message's outcome follows from its own replies:
 * delivered to the recipients that were accepted, refused (sender, every recipient, or the data), or unknown when the
 * connection is lost after its last chunk may have left the client.
 *
 * <p><b>The window.</b> One thread writes and reads, interleaved: before a message is written, the oldest messages are
 * answered until fewer than {@link SessionSettings.PipelineWindow#messages()} messages and at most
 * {@link SessionSettings.PipelineWindow#bytes()} bytes on the wire (this message's included: commands, BDAT lines and
 * content) are in flight. So the replies waiting
 * in the receive buffer are never more than the window's messages owe (replies are not read earlier: waiting for a
 * message's last reply while there is more to write would hold the writing up), and what the client writes ahead of
 * them is bounded by the window's bytes: with the default window
 * both fit the sockets' buffers, so a server that reads nothing until it may write its replies cannot make the client
 * block in a write while the server blocks in one. A server that stops reading altogether makes the client wait for
 * a reply, which the reply timeouts bound. A reading thread would remove the bound but not a round trip.
 *
 * <p><b>A lost connection.</b> The messages in flight whose last chunk was handed to the connection (bytes counted by
 * {@link CommandWriter#bytesSent()}) end {@link SmtpErrorCode#OUTCOME_UNKNOWN}; those still in the client's buffer never
 * reached the server and end {@link SmtpErrorCode#NOT_CONNECTED}, as do the messages not written yet. A 421 read in
 * step ends only the message it answers: the server stopped there.
 *
 * <p><b>No transaction left open.</b> Postfix 3.7 ends the transaction itself when it refuses BDAT after a refused MAIL
 * ({@code 503 5.5.1 Error: need RCPT command}) or when no RCPT was accepted ({@code 554 5.5.1 Error: no valid
 * recipients}). A message whose MAIL was accepted but that was not delivered is still followed by an RSET, pipelined in
 * front of the next message written (and sent on its own when the batch ends), as the lock-step path does.
 */
final class BdatWindow {

    private static final int RSET_LINE = "RSET\r\n".length();
    /** {@code BDAT}, a 19-digit size, {@code LAST} and CRLF. */
    private static final int MAX_BDAT_LINE = "BDAT  LAST\r\n".length() + 19;

    private final Conversation conversation;
    private final CommandWriter writer;
    private final SmtpListener listener;
    private final int chunkSize;
    private final SessionSettings.PipelineWindow window;
    private final AtomicLong transactions;
    private final Consumer<MessageDelivery> finished;
    private final Deque<Written> inFlight = new ArrayDeque<>();
    private final List<MessageDelivery> furtherTransactions = new ArrayList<>();
    private long bytesInFlight;
    private boolean resetOwed;

    /**
     * @param transactions counts the MAIL commands of the connection, for the server's MAILMAX
     * @param finished     told about each message once its last transaction in the window has ended
     */
    BdatWindow(Conversation conversation, SmtpListener listener, int chunkSize, SessionSettings.PipelineWindow window,
            AtomicLong transactions, Consumer<MessageDelivery> finished) throws SmtpException {
        this.conversation = conversation;
        this.writer = conversation.commandWriter();
        this.listener = listener;
        this.chunkSize = chunkSize;
        this.window = window;
        this.transactions = transactions;
        this.finished = finished;
    }

    /** Whether a message of {@code size} bytes (-1 when unknown) may be pipelined: only one that fits the window. */
    boolean fits(long size) {
        return size >= 0 && size <= window.bytes();
    }

    /**
     * The most octets a message of {@code size} content bytes takes on the wire: its commands (an RSET in front, which
     * making room may yet call for, MAIL, every RCPT), one {@code BDAT n [LAST]} line per chunk and its content. The
     * window counts all of them, since what it bounds is what may be written ahead of a server that does not read:
     * with many recipients the commands outweigh a short message.
     */
    private long wireBound(long size, EnvelopeCommands commands) {
        long chunks = Math.max(1, (size + chunkSize - 1) / chunkSize);
        return RSET_LINE + commands.wireLength() + chunks * MAX_BDAT_LINE + size;
    }

    /**
     * Writes one message's whole transaction, to all of its recipients, once the window has room for it. Every
     * command is checked and encoded before any is written.
     */
    void send(MessageDelivery delivery, EnvelopeCommands commands) {
        Submission submission = delivery.submission;
        makeRoom(wireBound(submission.content().size(), commands));
        if (conversation.hasFailedWrite()) {
            // The server stopped reading: the replies it sent before decide the messages in flight; this one can't go.
            drain();
        }
        if (conversation.isBroken()) {
            delivery.abandonPending(new SmtpException(SmtpErrorCode.NOT_CONNECTED,
                    "Not sent: the connection was lost while sending an earlier message of the batch"));
            finish(delivery);
            return;
        }
        List<Integer> positions = delivery.nextTransaction(OptionalInt.empty(), OptionalInt.empty());
        List<Conversation.Prepared> prepared = new ArrayList<>(positions.size() + 2);
        try {
            if (resetOwed) {
                prepared.add(conversation.prepare("RSET"));
            }
            prepared.add(conversation.prepare(commands.mailFrom()));
            for (Integer position : positions) {
                prepared.add(conversation.prepare(commands.rcptTo().get(position)));
            }
        } catch (SmtpException e) {
            delivery.transactionFailed(e, positions, 0);
            finish(delivery);
            return;
        }
        Written written = new Written(delivery, positions, resetOwed,
                DataTransfer.bdatInWindow(conversation, listener, chunkSize));
        resetOwed = false;
        transactions.incrementAndGet();
        inFlight.addLast(written);
        long start = writer.bytesWritten();
        try {
            for (Conversation.Prepared command : prepared) {
                conversation.write(command);
            }
            written.bytes = written.transfer.send(submission.content(), submission.endOfData(), List.of());
            written.end = writer.bytesWritten();
            written.onWire = written.end - start;
            bytesInFlight += written.onWire;
        } catch (SmtpException e) {
            // The transfer closed the connection: this message never ended (or, if its end was being written,
            // the transfer says its outcome is unknown). The messages before it are judged by what left the client.
            inFlight.removeLast();
            delivery.transactionFailed(e, positions, 0);
            finish(delivery);
            lost(e, null);
        }
    }

    /** Reads the replies of every message in flight, then ends an open transaction; the window is empty after. */
    void drain() {
        while (!inFlight.isEmpty()) {
            answerOldest();
        }
        if (conversation.hasFailedWrite() && !conversation.isBroken()) {
            // Every reply owed was read, but nothing more can be written: the connection is done.
            conversation.breakConnection();
            resetOwed = false;
        }
        if (resetOwed && !conversation.isBroken()) {
            resetOwed = false;
            try {
                conversation.reset();
            } catch (SmtpException e) {
                // reset() closed the connection; every outcome is known already, and the next send says NOT_CONNECTED.
                listener.notification(new NotificationEvent(NotificationEvent.Kind.DISCONNECTED,
                        "The connection was closed after the batch: " + e.getMessage()));
            }
        }
    }

    /** Messages whose server put some recipients off (452): they need a further transaction, after the window. */
    List<MessageDelivery> furtherTransactions() {
        return furtherTransactions;
    }

    private void makeRoom(long size) {
        while (!inFlight.isEmpty()
                && (inFlight.size() >= window.messages() || bytesInFlight + size > window.bytes())) {
            answerOldest();
        }
    }

    /** Reads and judges the replies of the oldest message in flight; sends what it needs first. */
    private void answerOldest() {
        Written oldest = inFlight.peekFirst();
        boolean envelopeRead = false;
        try {
            // Everything written goes out before the client waits: bytes held back meanwhile would leave the server
            // idle once it has answered what it has. If the server has closed its side, the replies it sent before
            // can still be read; the failure surfaces at the next read that finds nothing, or the next write.
            conversation.flushAhead();
            if (oldest.resetBefore) {
                Reply reset = conversation.read();
                if (!reset.isPositive()) {
                    conversation.breakConnection();
                    throw new SmtpException(SmtpErrorCode.PROTOCOL_VIOLATION, "The server refused RSET; the"
                            + " connection was closed because its state is unknown", reset);
                }
            }
            List<Reply> replies = new ArrayList<>(oldest.positions.size() + 1);
            for (int i = 0; i <= oldest.positions.size(); i++) {
                replies.add(conversation.read());
            }
            envelopeRead = true;
            Reply finalReply = oldest.transfer.awaitFinalReply();
            inFlight.removeFirst();
            bytesInFlight -= oldest.onWire;
            judge(oldest, replies, finalReply);
        } catch (SmtpException e) {
            lost(e, envelopeRead ? TransactionPipeline.afterData(e) : envelopeFailure(e));
        }
    }

    /**
     * A failure while the envelope replies were read: a 421 refuses the message (the server went no further);
     * anything else leaves its fate unknown, since its data left the client.
     */
    private static SmtpException envelopeFailure(SmtpException e) {
        if (e.replyCode() == 421) {
            return e;
        }
        return e.isOutcomeUnknown() ? e : DataTransfer.outcomeUnknown(e);
    }

    /** One message's replies, in order: recipients, put-off ones, the envelope, then the data. */
    private void judge(Written written, List<Reply> replies, Reply finalReply) {
        MessageDelivery delivery = written.delivery;
        Submission submission = delivery.submission;
        List<RecipientResult> asked = TransactionPipeline.recipientResults(submission, written.positions, replies);
        TransactionPipeline.Kept kept = TransactionPipeline.keepAnswered(delivery, written.positions, asked, false,
                listener);
        SmtpException refusal = TransactionPipeline.judgeEnvelope(submission, replies, kept.recipients(), false);
        if (refusal == null && !finalReply.isPositive()) {
            refusal = new SmtpException(SmtpErrorCode.MESSAGE_REJECTED,
                    "The server refused the message after receiving it", finalReply);
        }
        if (refusal != null) {
            // RFC 3030: after a refused MAIL or with no recipient the server discarded the data.
            resetOwed |= replies.get(0).isPositive();
            delivery.transactionFailed(refusal, kept.positions(), written.bytes);
        } else {
            TransactionPipeline.noteRefusedRecipients(kept.recipients(), listener);
            delivery.transactionDelivered(finalReply, written.bytes);
        }
        finish(delivery);
    }

    /**
     * The connection is gone: {@code oldestFailure} (when not null) ends the oldest message in flight, and the others
     * end by whether their last chunk left the client.
     */
    private void lost(SmtpException cause, SmtpException oldestFailure) {
        if (!conversation.isBroken()) {
            conversation.breakConnection();
        }
        long sent = writer.bytesSent();
        boolean serverStopped = cause.replyCode() == 421;
        boolean first = true;
        while (!inFlight.isEmpty()) {
            Written written = inFlight.removeFirst();
            SmtpException failure;
            if (first && oldestFailure != null) {
                failure = oldestFailure;
            } else if (written.end <= sent && !serverStopped) {
                failure = DataTransfer.outcomeUnknown(cause);
            } else {
                failure = new SmtpException(SmtpErrorCode.NOT_CONNECTED, "Not sent: the connection was lost before"
                        + " the server received this message (" + cause.getMessage() + ")", cause);
            }
            first = false;
            written.delivery.transactionFailed(failure, written.positions, 0);
            finish(written.delivery);
        }
        bytesInFlight = 0;
    }

    private void finish(MessageDelivery delivery) {
        if (delivery.hasPending() && !conversation.isBroken()) {
            furtherTransactions.add(delivery);
            return;
        }
        if (delivery.hasPending()) {
            delivery.abandonPending(new SmtpException(SmtpErrorCode.NOT_CONNECTED,
                    "Not sent: the connection was lost during an earlier transaction"));
        }
        delivery.allStarted();
        finished.accept(delivery);
    }

    /** A message written and not yet judged. */
    private static final class Written {
        final MessageDelivery delivery;
        final List<Integer> positions;
        /** Whether an RSET went out in front of its MAIL, so its reply comes first. */
        final boolean resetBefore;
        final DataTransfer transfer;
        /** Its content's bytes sent, for its outcome. */
        long bytes;
        /** Everything it put on the wire, commands and framing included, for the window. */
        long onWire;
        /** The position on the wire just after its last chunk; Long.MAX_VALUE until that is written. */
        long end = Long.MAX_VALUE;

        Written(MessageDelivery delivery, List<Integer> positions, boolean resetBefore, DataTransfer transfer) {
            this.delivery = delivery;
            this.positions = positions;
            this.resetBefore = resetBefore;
            this.transfer = transfer;
        }
    }
}
