package io.github.smtpclient.protocol;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import io.github.smtpclient.Envelope;
import io.github.smtpclient.RecipientResult;
import io.github.smtpclient.Reply;
import io.github.smtpclient.SendOutcome;
import io.github.smtpclient.SendResult;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.Submission;

/**
 * One message on its way over as many transactions as its recipients need: RFC 9422 RCPTMAX and RCPTDOMAINMAX cap
 * each transaction, and recipients a server put off with 452 "too many recipients" (RFC 5321 4.5.3.1.10) go into a
 * further one. Collects every recipient's own reply, in envelope order, into the one outcome of the message.
 */
final class MessageDelivery {

    final int index;
    final long sequence;
    final Submission submission;
    private final List<Envelope.Recipient> envelopeRecipients;
    private final RecipientResult[] results;
    private final Deque<Integer> pending;
    private int transactionsStarted;
    private int transactionsOpen;
    private int transactionsDelivered;
    private boolean allStarted;
    private boolean settled;
    private SmtpException firstFailure;
    private SmtpException lostTransaction;
    /** Made when the first recipient is left without the message, which few are. */
    private List<String> undelivered;
    private Reply finalReply;
    private long bytes;
    private Set<SendResult.Downgrade> downgrades = Set.of();

    MessageDelivery(int index, long sequence, Submission submission) {
        this.index = index;
        this.sequence = sequence;
        this.submission = submission;
        this.envelopeRecipients = submission.envelope().recipients();
        this.results = new RecipientResult[envelopeRecipients.size()];
        this.pending = new ArrayDeque<>(envelopeRecipients.size());
        for (int i = 0; i < envelopeRecipients.size(); i++) {
            pending.add(i);
        }
    }

    /** What the message goes without in every transaction, which its result reports. */
    void planned(Set<SendResult.Downgrade> downgrades) {
        this.downgrades = downgrades;
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    boolean isFirstTransaction() {
        return transactionsStarted == 0;
    }

    /** Whether the whole envelope fits one transaction under these limits. */
    boolean fitsOneTransaction(OptionalInt maxRecipients, OptionalInt maxDomains) {
        if (maxRecipients.isEmpty() && maxDomains.isEmpty()) {
            return true; // most servers set no limit, and this is asked for every message
        }
        return nextPositions(maxRecipients, maxDomains, false).size() == pending.size();
    }

    /** Takes the envelope positions of the next transaction, at most the limits allow (always at least one). */
    List<Integer> nextTransaction(OptionalInt maxRecipients, OptionalInt maxDomains) {
        List<Integer> positions = nextPositions(maxRecipients, maxDomains, true);
        transactionsStarted++;
        transactionsOpen++;
        return positions;
    }

    private List<Integer> nextPositions(OptionalInt maxRecipients, OptionalInt maxDomains, boolean take) {
        int recipientLimit = maxRecipients.orElse(Integer.MAX_VALUE);
        int domainLimit = maxDomains.orElse(Integer.MAX_VALUE);
        List<Integer> positions = new ArrayList<>(Math.min(pending.size(), recipientLimit));
        // Domains are counted only under a domain limit: most servers set none, and it is asked for every message.
        Set<String> domains = maxDomains.isPresent() ? new HashSet<>() : null;
        for (Integer position : pending) {
            if (positions.size() == recipientLimit) {
                break;
            }
            if (domains != null) {
                String domain = domainOf(envelopeRecipients.get(position).address());
                if (!domains.contains(domain) && domains.size() == domainLimit) {
                    break;
                }
                domains.add(domain);
            }
            positions.add(position);
        }
        if (take) {
            // The positions are the head of the queue, in its order.
            for (int i = 0; i < positions.size(); i++) {
                pending.removeFirst();
            }
        }
        return positions;
    }

    private static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    /** Records the RCPT replies of a transaction, in the order of its positions. */
    void recordReplies(List<Integer> positions, List<RecipientResult> replies) {
        for (int i = 0; i < replies.size(); i++) {
            results[positions.get(i)] = replies.get(i);
        }
    }

    /** Puts recipients put off by the server back for a further transaction; their 452 stays as their reply until then. */
    void defer(List<Integer> positions) {
        List<Integer> ordered = new ArrayList<>(positions);
        for (int i = ordered.size() - 1; i >= 0; i--) {
            pending.addFirst(ordered.get(i));
        }
    }

    void transactionDelivered(Reply reply, long sent) {
        transactionsOpen--;
        transactionsDelivered++;
        finalReply = reply;
        bytes += sent;
    }

    /**
     * A transaction that ended without delivering. When every recipient of it was refused, that is only their
     * refusal; anything else (sender or data refused, connection lost) leaves its recipients without the message.
     */
    void transactionFailed(SmtpException failure, List<Integer> positions, long sent) {
        transactionsOpen--;
        bytes += sent;
        if (firstFailure == null) {
            firstFailure = failure;
        }
        if (failure.errorCode() != SmtpErrorCode.ALL_RECIPIENTS_REJECTED) {
            if (lostTransaction == null) {
                lostTransaction = failure;
            }
            for (Integer position : positions) {
                leftWithout(position);
            }
        }
    }

    /** The recipients never put in a transaction fail with {@code failure}; no more transactions start. */
    void abandonPending(SmtpException failure) {
        if (firstFailure == null) {
            firstFailure = failure;
        }
        if (lostTransaction == null) {
            lostTransaction = failure;
        }
        for (Integer position : pending) {
            leftWithout(position);
        }
        pending.clear();
    }

    private void leftWithout(int position) {
        if (undelivered == null) {
            undelivered = new ArrayList<>();
        }
        undelivered.add(envelopeRecipients.get(position).address());
    }

    void allStarted() {
        allStarted = true;
    }

    /** The outcome once every transaction has ended, at most once; empty before that. */
    Optional<SendOutcome> settle() {
        if (settled || !allStarted || transactionsOpen > 0) {
            return Optional.empty();
        }
        settled = true;
        List<RecipientResult> known = new ArrayList<>(results.length);
        for (RecipientResult result : results) {
            if (result != null) {
                known.add(result);
            }
        }
        if (transactionsDelivered == 0) {
            return Optional.of(SendOutcome.failure(firstFailure, known));
        }
        if (lostTransaction != null) {
            List<String> without = undelivered == null ? List.of() : undelivered;
            SmtpException partial = new SmtpException(SmtpErrorCode.PARTIALLY_SENT, "The message was delivered in "
                    + transactionsDelivered + " of " + transactionsStarted + " transactions; not delivered to "
                    + without + ": " + lostTransaction.getMessage(), lostTransaction.reply().orElse(null),
                    lostTransaction);
            return Optional.of(SendOutcome.failure(partial, known));
        }
        return Optional.of(SendOutcome.success(new SendResult(Optional.ofNullable(submission.messageId()), known,
                finalReply, bytes, downgrades)));
    }

    long bytes() {
        return bytes;
    }
}
