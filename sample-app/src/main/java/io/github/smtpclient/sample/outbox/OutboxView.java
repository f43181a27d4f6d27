package io.github.smtpclient.sample.outbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.github.smtpclient.outbox.OutboxEntry;
import io.github.smtpclient.outbox.OutboxState;
import io.github.smtpclient.outbox.SmtpOutbox;

/**
 * What the page's Outbox panel shows: how many messages are in each state, and the newest messages of every state,
 * with what an operator may do to each.
 */
final class OutboxView {

    /** States an operator may queue again from (see {@link SmtpOutbox#retry}). */
    static final Set<OutboxState> RETRYABLE = EnumSet.of(OutboxState.UNKNOWN, OutboxState.DEAD, OutboxState.PARKED);

    /** States an operator may hold back (see {@link SmtpOutbox#park}). */
    static final Set<OutboxState> PARKABLE = EnumSet.of(OutboxState.QUEUED, OutboxState.UNKNOWN, OutboxState.DEAD);

    private static final int ROWS = 25;

    private final SmtpOutbox outbox;

    OutboxView(SmtpOutbox outbox) {
        this.outbox = outbox;
    }

    /**
     * The panel's content.
     *
     * @param depths   messages per state, in the whole store
     * @param messages the newest messages, whatever their state
     */
    record Snapshot(Map<OutboxState, Long> depths, List<Row> messages) {
    }

    /**
     * One message in the panel.
     *
     * @param id            the outbox id
     * @param state         where it stands
     * @param subject       its subject
     * @param attempts      attempts started so far
     * @param createdAt     when it was queued
     * @param nextAttemptAt when a QUEUED message is due
     * @param lastReply     the server's last reply that decided something, or empty
     * @param reason        why it is in this state, or empty
     * @param retryable     whether the Retry button applies
     * @param parkable      whether the Park button applies
     */
    record Row(UUID id, OutboxState state, String subject, int attempts, Instant createdAt, Instant nextAttemptAt,
            String lastReply, String reason, boolean retryable, boolean parkable) {

        static Row of(OutboxEntry entry) {
            return new Row(entry.id(), entry.state(), entry.subject().orElse(""), entry.attempts(), entry.createdAt(),
                    entry.nextAttemptAt(), entry.lastReply().orElse(""), entry.reason().orElse(""),
                    RETRYABLE.contains(entry.state()), PARKABLE.contains(entry.state()));
        }
    }

    Snapshot snapshot() {
        List<OutboxEntry> newest = new ArrayList<>();
        for (OutboxState state : OutboxState.values()) {
            newest.addAll(outbox.list(state, ROWS));
        }
        newest.sort(Comparator.comparing(OutboxEntry::createdAt).thenComparing(OutboxEntry::id).reversed());
        return new Snapshot(outbox.depths(), newest.stream().limit(ROWS).map(Row::of).toList());
    }
}
