package io.github.smtpclient.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One message in the outbox as an operator sees it: its state and why, its recipients with their last replies, and
 * every finished attempt. Lists leave recipients and attempts empty; {@link SmtpOutbox#find(UUID)} fills them.
 *
 * @param id            the outbox id returned by the enqueue
 * @param state         where it stands
 * @param priority      higher is claimed first
 * @param messageId     the Message-ID header, when known
 * @param subject       the Subject header, when known
 * @param sender        the envelope sender ("" for the null reverse-path)
 * @param size          the stored content's size in bytes
 * @param attempts      attempts started so far
 * @param createdAt     when it was enqueued
 * @param nextAttemptAt when it is due (for QUEUED)
 * @param expiresAt     after when it is no longer sent, if set
 * @param leaseOwner    the instance holding it (SENDING, COMMITTING) or that last held it (UNKNOWN)
 * @param lastReply     the server's last reply that decided something, if any
 * @param reason        why it is in this state, in words
 * @param recipients    every recipient, in envelope order
 * @param history       every finished attempt, oldest first
 */
public record OutboxEntry(UUID id, OutboxState state, int priority, Optional<String> messageId,
        Optional<String> subject, String sender, long size, int attempts, Instant createdAt, Instant nextAttemptAt,
        Optional<Instant> expiresAt, Optional<String> leaseOwner, Optional<String> lastReply, Optional<String> reason,
        List<Recipient> recipients, List<Attempt> history) {

    /** Copies the lists. */
    public OutboxEntry {
        recipients = List.copyOf(recipients);
        history = List.copyOf(history);
    }

    /**
     * One recipient.
     *
     * @param address   the forward-path
     * @param state     where it stands
     * @param lastReply its last RCPT or end-of-data reply, if any
     */
    public record Recipient(String address, RecipientState state, Optional<String> lastReply) {
    }

    /**
     * One finished attempt.
     *
     * @param number     1 for the first
     * @param finishedAt when its outcome was recorded
     * @param worker     the instance that made it
     * @param outcome    what became of the message (the state it went to)
     * @param reply      the reply that decided it, if any
     * @param detail     the failure or per-recipient detail, in words
     */
    public record Attempt(int number, Instant finishedAt, String worker, OutboxState outcome, Optional<String> reply,
            Optional<String> detail) {
    }
}
