package io.github.smtpclient.outbox.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.github.smtpclient.RecipientResult;
import io.github.smtpclient.Reply;
import io.github.smtpclient.SendOutcome;
import io.github.smtpclient.SendResult;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.outbox.OutboxState;
import io.github.smtpclient.outbox.RecipientState;

/**
 * Reads one attempt's outcome the way the reply says: each recipient accepted (and the data too) is delivered, one
 * refused for good fails, one refused for now waits for the next attempt; a failure after the end of data without a
 * verdict is UNKNOWN; anything that is not the message's fault (connection, TLS, authentication) is tried again.
 */
final class Verdict {

    /** Failures that no later attempt of the same message can cure. */
    private static final Set<SmtpErrorCode> MESSAGE_CANNOT_BE_SENT = EnumSet.of(SmtpErrorCode.MESSAGE_TOO_LARGE,
            SmtpErrorCode.EXTENSION_NOT_SUPPORTED, SmtpErrorCode.ILLEGAL_WIRE_VALUE, SmtpErrorCode.INVALID_ARGUMENT);

    private final int maxAttempts;
    private final boolean atLeastOnce;
    private final Backoff backoff;

    Verdict(int maxAttempts, boolean atLeastOnce, Backoff backoff) {
        this.maxAttempts = maxAttempts;
        this.atLeastOnce = atLeastOnce;
        this.backoff = backoff;
    }

    Decision decide(Claimed message, SendOutcome outcome, Instant now) {
        List<RecipientResult> replies = outcome.recipients();
        List<Decision.RecipientUpdate> updates = new ArrayList<>();
        boolean delivered = message.anyDelivered();
        boolean pending = false;
        Reply decisive;
        String reason;
        if (outcome.isSuccess()) {
            SendResult result = outcome.result().orElseThrow();
            decisive = result.finalReply();
            reason = "Accepted: " + decisive;
            for (int i = 0; i < message.recipientIndexes().size(); i++) {
                Reply rcpt = i < replies.size() ? replies.get(i).reply() : null;
                RecipientState state = rcpt == null || rcpt.isTransientFailure() ? RecipientState.PENDING
                        : rcpt.isPositive() ? RecipientState.DELIVERED : RecipientState.FAILED;
                delivered |= state == RecipientState.DELIVERED;
                pending |= state == RecipientState.PENDING;
                updates.add(new Decision.RecipientUpdate(message.recipientIndexes().get(i), state,
                        rcpt == null ? null : state == RecipientState.DELIVERED ? decisive.toString() : rcpt.toString()));
            }
        } else {
            SmtpException failure = outcome.failure().orElseThrow();
            decisive = failure.reply().orElse(null);
            reason = failure.getMessage();
            SmtpErrorCode code = failure.errorCode();
            if (code == SmtpErrorCode.OUTCOME_UNKNOWN) {
                return unknown(message, replies, failure, now);
            }
            for (int i = 0; i < message.recipientIndexes().size(); i++) {
                Reply rcpt = i < replies.size() ? replies.get(i).reply() : null;
                RecipientState state = recipientAfterFailure(code, failure, rcpt);
                pending |= state == RecipientState.PENDING;
                updates.add(new Decision.RecipientUpdate(message.recipientIndexes().get(i), state,
                        rcpt != null && !rcpt.isPositive() ? rcpt.toString()
                                : decisive != null ? decisive.toString() : null));
            }
        }
        String lastReply = decisive == null ? null : decisive.toString();
        boolean definitive = decisive != null;
        if (pending) {
            String giveUp = null;
            Instant next = null;
            if (message.attemptsInBudget() >= maxAttempts) {
                giveUp = "Gave up after " + message.attemptsInBudget() + " attempts; last: " + reason;
            } else {
                Duration pause = backoff.after(message.attemptsInBudget());
                next = now.plus(pause);
                if (message.expiresAt() != null && next.isAfter(message.expiresAt())) {
                    giveUp = "Expires at " + message.expiresAt() + ", before the next attempt; last: " + reason;
                }
            }
            if (giveUp == null) {
                return new Decision(message.id(), message.attempt(), OutboxState.QUEUED, next, lastReply,
                        "Attempt " + message.attempt() + " left recipients pending: " + reason, updates, definitive);
            }
            reason = giveUp;
            updates.replaceAll(update -> update.state() == RecipientState.PENDING
                    ? new Decision.RecipientUpdate(update.index(), RecipientState.FAILED, update.reply()) : update);
        }
        return new Decision(message.id(), message.attempt(), delivered ? OutboxState.SENT : OutboxState.DEAD, null,
                lastReply, reason, updates, definitive);
    }

    /** A claimed message with no recipient left to send to (only when its recipients changed under it). */
    Decision nothingPending(Claimed message) {
        return new Decision(message.id(), message.attempt(), message.anyDelivered() ? OutboxState.SENT
                : OutboxState.DEAD, null, null, "No recipient was pending", List.of(), false);
    }

    private static RecipientState recipientAfterFailure(SmtpErrorCode code, SmtpException failure, Reply rcpt) {
        if (rcpt != null && !rcpt.isPositive()) {
            // Refused at RCPT: its own reply decides, whatever became of the others.
            return rcpt.isPermanentFailure() ? RecipientState.FAILED : RecipientState.PENDING;
        }
        if (MESSAGE_CANNOT_BE_SENT.contains(code)) {
            return RecipientState.FAILED;
        }
        boolean refusal = code == SmtpErrorCode.MESSAGE_REJECTED || code == SmtpErrorCode.SENDER_REJECTED
                || code == SmtpErrorCode.ALL_RECIPIENTS_REJECTED;
        return refusal && failure.isPermanent() ? RecipientState.FAILED : RecipientState.PENDING;
    }

    /** The end of data may have arrived: kept in UNKNOWN, or queued again at once under at-least-once. */
    private Decision unknown(Claimed message, List<RecipientResult> replies, SmtpException failure, Instant now) {
        List<Decision.RecipientUpdate> updates = new ArrayList<>();
        for (int i = 0; i < message.recipientIndexes().size(); i++) {
            Reply rcpt = i < replies.size() ? replies.get(i).reply() : null;
            RecipientState state = rcpt != null && rcpt.isPermanentFailure() ? RecipientState.FAILED
                    : RecipientState.PENDING;
            updates.add(new Decision.RecipientUpdate(message.recipientIndexes().get(i), state,
                    rcpt == null ? null : rcpt.toString()));
        }
        String reason = "Attempt " + message.attempt() + ": " + failure.getMessage();
        if (atLeastOnce) {
            return new Decision(message.id(), message.attempt(), OutboxState.QUEUED, now, null,
                    reason + " (queued again: at-least-once)", updates, false);
        }
        return new Decision(message.id(), message.attempt(), OutboxState.UNKNOWN, null, null, reason, updates, false);
    }
}
