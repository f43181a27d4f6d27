package io.github.smtpclient.outbox.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A message a worker holds under its lease, with what it needs to send it: the envelope to its pending recipients
 * only, and the first chunk when the whole content is one.
 *
 * @param id                the outbox id
 * @param attempt           the number of this attempt (attempts so far, this one included)
 * @param attemptsInBudget  attempts since the message was last retried by an operator, this one included
 * @param header            the envelope (pending recipients only), Message-ID, subject and body type
 * @param recipientIndexes  each envelope recipient's row, in envelope order
 * @param anyDelivered      whether an earlier attempt delivered to some recipient
 * @param size              the content's size in bytes
 * @param chunkCount        how many chunks hold it
 * @param firstChunk        chunk 0 when it is the only one, else null
 * @param expiresAt         the expiry, or null
 */
// A carrier from the store to the sender within one worker: never compared, hashed or printed, so the array's
// identity semantics in equals/hashCode/toString do not matter, and copying the chunk would cost a copy per send.
@SuppressWarnings("ArrayRecordComponent")
record Claimed(UUID id, int attempt, int attemptsInBudget, StoredHeader header, List<Integer> recipientIndexes,
        boolean anyDelivered, long size, int chunkCount, byte[] firstChunk, Instant expiresAt) {
}
