package io.github.smtpclient.protocol;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import io.github.smtpclient.DataCommand;
import io.github.smtpclient.EndOfDataHook;
import io.github.smtpclient.RecipientPolicy;
import io.github.smtpclient.RecipientResult;
import io.github.smtpclient.Reply;
import io.github.smtpclient.SendOutcome;
import io.github.smtpclient.SendResult;
import io.github.smtpclient.ServerInfo;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.Submission;
import io.github.smtpclient.event.MessageFailedEvent;
import io.github.smtpclient.event.MessageSentEvent;
import io.github.smtpclient.event.MessageStartedEvent;
import io.github.smtpclient.event.NotificationEvent;
import io.github.smtpclient.event.SmtpListener;

/**
 * Runs mail transactions. With PIPELINING (RFC 2920) MAIL, every RCPT and DATA go out in one write and every
 * reply is read before any is judged; the next message's commands are written right behind the previous
 * message's final dot, so a batch with DATA costs one round trip per message. A batch with BDAT (RFC 3030) goes
 * through a {@link BdatWindow} and costs a few round trips in all. Without PIPELINING each command waits
 * for its reply. Failed transactions are reset so the connection stays usable; a connection whose state is
 * unknown is closed.
 */
final class TransactionPipeline {

    private final Conversation conversation;
    private final ServerInfo server;
    private final SessionSettings settings;
    private final SmtpListener listener;
    private final boolean pipelining;
    /** Whether this batch goes with BDAT; see {@link #usesBdat(int)}. */
    private boolean bdat;
    private final AtomicLong sequences;
    private final AtomicLong transactions;
    private final OptionalInt maxRecipients;
    private final OptionalInt maxDomains;
    private InFlight inFlight;

    /**
     * @param sequences    numbers the messages of one connection for the listener's start/end events
     * @param transactions counts the MAIL commands of one connection, for the server's MAILMAX (RFC 9422)
     */
    TransactionPipeline(Conversation conversation, ServerInfo server, SessionSettings settings, SmtpListener listener,
            AtomicLong sequences, AtomicLong transactions) {
        this.conversation = conversation;
        this.sequences = sequences;
        this.transactions = transactions;
        this.maxRecipients = server.maxRecipientsPerTransaction();
        this.maxDomains = server.maxRecipientDomainsPerTransaction();
        this.server = server;
        this.settings = settings;
        this.listener = listener;
        this.pipelining = server.isPipeliningSupported();
        if (settings.binaryMode() && !server.isChunkingSupported()) {
            listener.notification(new NotificationEvent(NotificationEvent.Kind.BINARY_MODE_UNAVAILABLE,
                    "Binary mode is enabled but the server does not offer CHUNKING; sending with DATA"));
        }
    }

    /**
     * Sends every submission in order; one failing does not stop the others unless the connection is lost. A batch
     * over BDAT and PIPELINING goes through a {@link BdatWindow}: the messages it can take are written without
     * waiting for each other's replies; any other message first has the window answered and then goes lock-step.
     */
    List<SendOutcome> sendAll(List<Submission> submissions) {
        List<SendOutcome> outcomes = new ArrayList<>(submissions.size());
        bdat = usesBdat(submissions.size());
        BdatWindow window = null;
        if (bdat && pipelining && submissions.size() > 1 && !conversation.isBroken()) {
            try {
                window = new BdatWindow(conversation, listener, settings.binaryChunkSize(), settings.window(),
                        transactions, delivery -> settle(delivery, outcomes));
            } catch (SmtpException e) {
                window = null;
            }
        }
        for (int index = 0; index < submissions.size(); index++) {
            Submission submission = submissions.get(index);
            outcomes.add(null);
            long sequence = sequences.incrementAndGet();
            listener.messageStarted(new MessageStartedEvent(sequence, submission.envelope(),
                    Optional.ofNullable(submission.messageId()), Optional.ofNullable(submission.subject()),
                    submission.sensitive()));
            MessageDelivery delivery = new MessageDelivery(index, sequence, submission);
            if (conversation.isBroken()) {
                delivery.abandonPending(new SmtpException(SmtpErrorCode.NOT_CONNECTED,
                        "Not sent: the connection was lost while sending an earlier message of the batch"));
            } else if (window != null && sendInWindow(window, delivery, outcomes)) {
                continue;
            } else {
                if (window != null) {
                    window.drain();
                }
                deliver(delivery, outcomes);
            }
            delivery.allStarted();
            settle(delivery, outcomes);
            if (!pipelining || index == submissions.size() - 1) {
                finishInFlight(outcomes);
            }
        }
        if (window != null) {
            window.drain();
            for (MessageDelivery further : window.furtherTransactions()) {
                deliver(further, outcomes);
                further.allStarted();
                settle(further, outcomes);
                if (!pipelining) {
                    finishInFlight(outcomes);
                }
            }
        }
        finishInFlight(outcomes);
        return outcomes;
    }

    /**
     * BDAT or DATA for this batch: BDAT needs CHUNKING; binary mode and {@link DataCommand#BDAT} ask for it always,
     * {@link DataCommand#AUTO} for a pipelined batch, where it saves the round trip DATA's 354 costs every message.
     */
    private boolean usesBdat(int batchSize) {
        if (!server.isChunkingSupported()) {
            return false;
        }
        return switch (settings.dataCommand()) {
            case DATA -> false;
            case BDAT -> true;
            case AUTO -> settings.binaryMode() || (pipelining && batchSize > 1);
        };
    }

    /**
     * Hands a message to the window when the window can take it whole: one transaction to every recipient (no
     * LIMITS split, no transaction limit reached), not all-or-nothing (that waits for the RCPT replies before the
     * data), no end-of-data hook (it is owed the RCPT replies before the end), and a size known to fit the window.
     *
     * @return whether the message was handled here (sent, or refused before anything was written)
     */
    private boolean sendInWindow(BdatWindow window, MessageDelivery delivery, List<SendOutcome> outcomes) {
        Submission submission = delivery.submission;
        OptionalInt maxTransactions = server.maxTransactionsPerSession();
        if (!window.fits(submission.content().size()) || submission.endOfData() != EndOfDataHook.NONE
                || isAllOrNothing(submission) || !delivery.fitsOneTransaction(maxRecipients, maxDomains)
                || (maxTransactions.isPresent() && transactions.get() >= maxTransactions.getAsInt())) {
            return false;
        }
        EnvelopeCommands commands;
        try {
            commands = EnvelopeCommands.plan(submission.envelope(), submission.content(), server, true,
                    authenticated(), conversation.isSecure(), settings, listener);
            delivery.planned(commands.downgrades());
        } catch (SmtpException e) {
            delivery.abandonPending(e);
            delivery.allStarted();
            settle(delivery, outcomes);
            return true;
        }
        // A lock-step message still in flight owes its final reply before any of the window's.
        finishInFlight(outcomes);
        window.send(delivery, commands);
        return true;
    }

    /** A session that authenticates is open only once AUTH succeeded (SmtpSession.open throws otherwise). */
    private boolean authenticated() {
        return settings.auth().isAuthenticating();
    }

    /**
     * Starts the transactions of one message: as many as RCPTMAX and RCPTDOMAINMAX (RFC 9422) and the server's 452
     * "too many recipients" replies (RFC 5321 4.5.3.1.10) call for, each sending the same content to its share of the
     * recipients. A further transaction needs content that can be written again; all-or-nothing delivery needs one.
     */
    private void deliver(MessageDelivery delivery, List<SendOutcome> outcomes) {
        Submission submission = delivery.submission;
        boolean allOrNothing = isAllOrNothing(submission);
        EnvelopeCommands commands;
        try {
            commands = EnvelopeCommands.plan(submission.envelope(), submission.content(), server, bdat, authenticated(),
                    conversation.isSecure(), settings, listener);
            delivery.planned(commands.downgrades());
            if (!delivery.fitsOneTransaction(maxRecipients, maxDomains)) {
                checkSplittable(submission, allOrNothing);
            }
        } catch (SmtpException e) {
            delivery.abandonPending(e);
            return;
        }
        while (delivery.hasPending()) {
            if (!pipelining) {
                // Without pipelining the transaction before this one ends with its final reply before MAIL is sent.
                finishInFlight(outcomes);
            }
            if (conversation.isBroken()) {
                delivery.abandonPending(new SmtpException(SmtpErrorCode.NOT_CONNECTED,
                        "Not sent: the connection was lost during an earlier transaction"));
                return;
            }
            OptionalInt maxTransactions = server.maxTransactionsPerSession();
            if (maxTransactions.isPresent() && transactions.get() >= maxTransactions.getAsInt()) {
                finishInFlight(outcomes);
                conversation.breakConnection();
                delivery.abandonPending(new SmtpException(SmtpErrorCode.TRANSACTION_LIMIT_REACHED, "Not sent on this"
                        + " connection: the server allows " + maxTransactions.getAsInt() + " transactions per session"
                        + " (LIMITS MAILMAX) and they are used; the connection was closed, connect again to send it"));
                return;
            }
            if (!delivery.isFirstTransaction() && !submission.content().isReplayable()) {
                delivery.abandonPending(new SmtpException(SmtpErrorCode.INVALID_ARGUMENT, "The server took only some"
                        + " recipients in one transaction and the content is a one-shot stream, which cannot be sent"
                        + " again for the others; send bytes, a file or a composed message instead"));
                return;
            }
            List<Integer> positions = delivery.nextTransaction(maxRecipients, maxDomains);
            try {
                start(delivery, positions, commands, allOrNothing, outcomes);
            } catch (SmtpException e) {
                delivery.transactionFailed(e, positions, 0);
            }
        }
    }

    /** Refuses, before MAIL, a message whose recipients need several transactions when that cannot be done right. */
    private void checkSplittable(Submission submission, boolean allOrNothing) throws SmtpException {
        String limits = "the server takes at most " + maxRecipients.orElse(-1) + " recipients and "
                + maxDomains.orElse(-1) + " recipient domains per transaction (LIMITS; -1: no limit)";
        if (allOrNothing) {
            throw new SmtpException(SmtpErrorCode.INVALID_ARGUMENT, "All-or-nothing delivery was asked for but " + limits
                    + ", so the message would need several transactions; nothing was sent. Split the recipients or"
                    + " use RecipientPolicy.PARTIAL");
        }
        if (!submission.content().isReplayable()) {
            throw new SmtpException(SmtpErrorCode.INVALID_ARGUMENT, "The message needs several transactions because "
                    + limits + ", and its content is a one-shot stream that cannot be sent again; nothing was sent."
                    + " Send bytes, a file or a composed message instead");
        }
    }

    private boolean isAllOrNothing(Submission submission) {
        return submission.envelope().recipientPolicy().orElse(settings.recipientPolicy())
                == RecipientPolicy.ALL_OR_NOTHING;
    }

    /** Records the outcome of a message and tells the listener, once its last transaction has ended. */
    private void settle(MessageDelivery delivery, List<SendOutcome> outcomes) {
        delivery.settle().ifPresent(outcome -> {
            outcomes.set(delivery.index, outcome);
            if (outcome.isSuccess()) {
                listener.messageSent(new MessageSentEvent(delivery.sequence, outcome.result().orElseThrow()));
            } else {
                listener.messageFailed(new MessageFailedEvent(delivery.sequence, outcome.failure().orElseThrow(),
                        outcome.recipients(), delivery.bytes()));
            }
        });
    }

    /** Flushes and reads the final reply of the message in flight, if any, recording its outcome. */
    private void finishInFlight(List<SendOutcome> outcomes) {
        if (inFlight == null) {
            return;
        }
        InFlight finishing = inFlight;
        inFlight = null;
        SmtpException failure;
        try {
            conversation.flush();
            Reply finalReply = finishing.transfer.awaitFinalReply();
            if (finalReply.isPositive()) {
                finishing.delivery.transactionDelivered(finalReply, finishing.bytes);
                settle(finishing.delivery, outcomes);
                return;
            }
            if (bdat) {
                conversation.reset();
            }
            failure = new SmtpException(SmtpErrorCode.MESSAGE_REJECTED,
                    "The server refused the message after receiving it", finalReply);
        } catch (SmtpException e) {
            failure = afterData(e);
        }
        finishing.delivery.transactionFailed(failure, finishing.positions, finishing.bytes);
        settle(finishing.delivery, outcomes);
    }

    /**
     * Classifies a failure after the end of data, where only a refusing reply read in step decides the message's
     * fate. A 421 there refuses the message (RFC 5321 3.8), so it becomes MESSAGE_REJECTED: SERVICE_UNAVAILABLE then
     * always means nothing was committed, and a retry policy can trust it. Anything else (no reply, a reply the RFC
     * does not allow there such as 221, 220 or 354, or more replies than the data was owed) leaves the fate unknown.
     */
    static SmtpException afterData(SmtpException e) {
        if (e.replyCode() == 421) {
            return new SmtpException(SmtpErrorCode.MESSAGE_REJECTED, "The server refused the message after receiving"
                    + " it and closed the session (421)", e.reply().orElse(null), e);
        }
        return e.isOutcomeUnknown() ? e : DataTransfer.outcomeUnknown(e);
    }

    /**
     * Sends the envelope and, when it is accepted, the data of one message, which then stays in flight until its
     * final reply is read. With pipelining, the message before it is finished as soon as this one's commands are
     * on their way. Every command of the envelope is checked and encoded before any is written, so a value that
     * cannot be sent leaves nothing behind for the server to receive with the next message.
     */
    private void start(MessageDelivery delivery, List<Integer> positions, EnvelopeCommands commands,
            boolean allOrNothing, List<SendOutcome> outcomes) throws SmtpException {
        Submission submission = delivery.submission;
        List<Conversation.Prepared> envelope = new ArrayList<>(positions.size() + 1);
        envelope.add(conversation.prepare(commands.mailFrom()));
        for (Integer position : positions) {
            envelope.add(conversation.prepare(commands.rcptTo().get(position)));
        }
        Conversation.Prepared data = bdat ? null : conversation.prepare("DATA");
        // All-or-nothing must see every RCPT reply before DATA: a 354 to a pipelined DATA would deliver whatever
        // follows to the recipients the server accepted.
        boolean dataWithEnvelope = data != null && !allOrNothing;
        List<Reply> replies = new ArrayList<>(envelope.size());
        Reply dataReply = null;
        transactions.incrementAndGet();
        if (pipelining) {
            for (Conversation.Prepared command : envelope) {
                conversation.write(command);
            }
            if (dataWithEnvelope) {
                conversation.write(data);
            }
            conversation.flush();
            finishInFlight(outcomes);
            for (int i = 0; i < envelope.size(); i++) {
                replies.add(conversation.read());
            }
            dataReply = dataWithEnvelope ? conversation.read() : null;
        } else {
            Reply mail = conversation.exchange(envelope.get(0));
            replies.add(mail);
            if (mail.isPositive()) {
                for (int i = 1; i < envelope.size(); i++) {
                    replies.add(conversation.exchange(envelope.get(i)));
                }
                if (dataWithEnvelope && anyRecipientAccepted(replies)) {
                    dataReply = conversation.exchange(data);
                }
            }
        }
        Kept answered = keepAnswered(delivery, positions, recipientResults(submission, positions, replies),
                allOrNothing, listener);
        List<Integer> kept = answered.positions();
        List<RecipientResult> recipients = answered.recipients();
        SmtpException refusal = judgeEnvelope(submission, replies, recipients, allOrNothing);
        if (refusal == null && data != null) {
            if (dataReply == null) {
                dataReply = conversation.exchange(data);
            }
            if (dataReply.code() != 354) {
                refusal = new SmtpException(SmtpErrorCode.MESSAGE_REJECTED, "The server refused DATA", dataReply);
            }
        }
        if (refusal != null) {
            abandon(replies.get(0), dataReply);
            delivery.transactionFailed(refusal, kept, 0);
            return;
        }
        noteRefusedRecipients(recipients, listener);
        DataTransfer transfer = bdat
                ? DataTransfer.bdat(conversation, listener, settings.binaryChunkSize(), pipelining)
                : DataTransfer.dotStuffed(conversation, listener);
        long bytes;
        try {
            bytes = transfer.send(submission.content(), submission.endOfData(), recipients);
        } catch (SmtpException e) {
            // The recipients were asked already: the outcome keeps their replies.
            delivery.transactionFailed(e, kept, 0);
            return;
        }
        inFlight = new InFlight(delivery, kept, transfer, bytes);
    }

    /** The recipients that stay in a transaction once the ones the server put off (452) are taken out. */
    record Kept(List<Integer> positions, List<RecipientResult> recipients) {
    }

    /**
     * Records a transaction's RCPT replies and puts the recipients the server put off with 452 "too many recipients"
     * back for a further transaction (not for all-or-nothing delivery, which has no further transaction); returns
     * the positions and replies that stay in this one.
     */
    static Kept keepAnswered(MessageDelivery delivery, List<Integer> positions, List<RecipientResult> asked,
            boolean allOrNothing, SmtpListener listener) {
        delivery.recordReplies(positions, asked);
        List<Integer> putOff = allOrNothing ? List.of() : putOff(positions, asked);
        if (putOff.isEmpty()) {
            return new Kept(positions, asked);
        }
        delivery.defer(putOff);
        List<Integer> kept = new ArrayList<>(positions.size());
        List<RecipientResult> recipients = new ArrayList<>(positions.size());
        for (int i = 0; i < asked.size(); i++) {
            if (!putOff.contains(positions.get(i))) {
                kept.add(positions.get(i));
                recipients.add(asked.get(i));
            }
        }
        listener.notification(new NotificationEvent(NotificationEvent.Kind.RECIPIENTS_REJECTED, "The server took"
                + " only " + kept.size() + " recipients in this transaction (452 too many recipients); "
                + putOff.size() + " more go into a further transaction"));
        return new Kept(kept, recipients);
    }

    /** Tells the listener which recipients of a transaction that goes ahead were refused, if any. */
    static void noteRefusedRecipients(List<RecipientResult> recipients, SmtpListener listener) {
        if (!allAccepted(recipients)) {
            listener.notification(new NotificationEvent(NotificationEvent.Kind.RECIPIENTS_REJECTED,
                    "Some recipients were refused: " + recipients.stream().filter(r -> !r.isAccepted())
                            .map(RecipientResult::address).toList()));
        }
    }

    private static boolean anyRecipientAccepted(List<Reply> replies) {
        for (int i = 1; i < replies.size(); i++) {
            if (replies.get(i).isPositive()) {
                return true;
            }
        }
        return false;
    }

    /** A plain loop: this runs for every message, streams only where something was refused. */
    private static boolean allAccepted(List<RecipientResult> recipients) {
        for (RecipientResult recipient : recipients) {
            if (!recipient.isAccepted()) {
                return false;
            }
        }
        return true;
    }

    /** The RCPT replies of one transaction (after the MAIL reply in {@code replies}), for its envelope positions. */
    static List<RecipientResult> recipientResults(Submission submission, List<Integer> positions,
            List<Reply> replies) {
        List<RecipientResult> results = new ArrayList<>();
        var recipients = submission.envelope().recipients();
        for (int i = 0; i < positions.size() && i + 1 < replies.size(); i++) {
            results.add(new RecipientResult(recipients.get(positions.get(i)).address(), replies.get(i + 1)));
        }
        return results;
    }

    /**
     * The positions the server put off with 452 "too many recipients" (RFC 5321 4.5.3.1.10: enhanced code 4.5.3, or
     * none at all), for a further transaction: only when it accepted somebody in this one, so each transaction makes
     * progress. The RCPT replies are read in one place, pipelined or not, so this holds for both.
     */
    private static List<Integer> putOff(List<Integer> positions, List<RecipientResult> asked) {
        List<Integer> putOff = new ArrayList<>();
        boolean anyAccepted = false;
        for (int i = 0; i < asked.size(); i++) {
            Reply reply = asked.get(i).reply();
            anyAccepted |= reply.isPositive();
            if (isTooManyRecipients(reply)) {
                putOff.add(positions.get(i));
            }
        }
        return anyAccepted ? putOff : List.of();
    }

    private static boolean isTooManyRecipients(Reply reply) {
        return reply.code() == 452 && reply.enhancedStatus().map(status -> "4.5.3".equals(status.toString()))
                .orElse(true);
    }

    /** The reason the data must not be sent, judged on the MAIL and RCPT replies, or null when it may. */
    static SmtpException judgeEnvelope(Submission submission, List<Reply> replies, List<RecipientResult> recipients,
            boolean allOrNothing) {
        Reply mail = replies.get(0);
        if (!mail.isPositive()) {
            return new SmtpException(SmtpErrorCode.SENDER_REJECTED,
                    "The server refused the sender <" + submission.envelope().sender() + ">", mail);
        }
        if (allAccepted(recipients)) {
            return null;
        }
        List<RecipientResult> refused = recipients.stream().filter(r -> !r.isAccepted()).toList();
        String detail = refused.stream().map(r -> "<" + r.address() + ">: " + r.reply())
                .collect(Collectors.joining("; "));
        // A permanent refusal, when there is one, is the reply carried: isTransient() then holds only when every
        // refusal was temporary, so retrying the same envelope can succeed.
        Reply carried = refused.stream().filter(RecipientResult::isPermanentFailure).map(RecipientResult::reply)
                .findFirst().orElse(refused.get(0).reply());
        if (refused.size() == recipients.size()) {
            return new SmtpException(SmtpErrorCode.ALL_RECIPIENTS_REJECTED,
                    "The server refused every recipient, so no data was sent: " + detail, carried);
        }
        if (allOrNothing) {
            return new SmtpException(SmtpErrorCode.RECIPIENT_REJECTED, "The server refused " + refused.size() + " of "
                    + recipients.size() + " recipients and all-or-nothing delivery was asked for, so the transaction"
                    + " was reset and nobody received the message: " + detail, carried);
        }
        return null;
    }

    /**
     * Leaves no transaction open after a refused envelope: a DATA that was accepted anyway (with no recipient
     * accepted, or the sender refused) gets an empty message ended at once (RFC 2920 3.1), and an accepted MAIL is
     * undone with RSET.
     */
    private void abandon(Reply mail, Reply dataReply) throws SmtpException {
        if (dataReply != null && dataReply.code() == 354) {
            try {
                conversation.dataOutput().write(new byte[] {'.', '\r', '\n'});
            } catch (IOException e) {
                conversation.breakConnection();
                throw new SmtpException(SmtpErrorCode.CONNECTION_CLOSED, "Cannot end the refused DATA", e);
            }
            conversation.announce(".");
            conversation.flush();
            conversation.read();
        }
        if (mail.isPositive()) {
            conversation.reset();
        }
    }

    /** A message whose data has been written and whose final reply is still owed. */
    private record InFlight(MessageDelivery delivery, List<Integer> positions, DataTransfer transfer, long bytes) {
    }
}
