package io.github.smtpclient.outbox.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.github.smtpclient.outbox.OutboxState;
import io.github.smtpclient.outbox.RecipientState;

/**
 * What one attempt made of one message, ready to be written.
 *
 * @param id            the outbox id
 * @param attempt       the attempt's number
 * @param state         the message's new state
 * @param nextAttemptAt when it is due again (for QUEUED), else null
 * @param lastReply     the reply that decided it, or null
 * @param reason        why, in words
 * @param recipients    the new state of each recipient that was part of the attempt
 * @param definitive    whether the server's own answer decided it: such a verdict also replaces an UNKNOWN that a
 *                      lease expiry put there meanwhile
 */
record Decision(UUID id, int attempt, OutboxState state, Instant nextAttemptAt, String lastReply, String reason,
        List<RecipientUpdate> recipients, boolean definitive) {

    /**
     * One recipient's new state.
     *
     * @param index its row
     * @param state its new state
     * @param reply its reply, or null to keep the last one
     */
    record RecipientUpdate(int index, RecipientState state, String reply) {
    }

    boolean isFinal() {
        return state == OutboxState.SENT || state == OutboxState.DEAD;
    }
}
