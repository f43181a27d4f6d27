package io.github.smtpclient.event;

import java.util.List;
import java.util.Optional;

import io.github.smtpclient.SendOutcome;
import io.github.smtpclient.SmtpException;

/**
 * A pooled send ended, after its last try: once per message (or batch) however many tries it took, so this is
 * the event to count messages by.
 *
 * @param send     pairs this end with its {@link SendStartedEvent}
 * @param attempts how many tries the send took, at least 1 (a try that failed to get a connection counts)
 * @param outcomes when the send returned: one outcome per message (one for a single message, which then
 *                 succeeded); empty when it threw
 * @param failure  when the send threw: the exception the caller got; empty when it returned
 */
public record SendFinishedEvent(long send, int attempts, List<SendOutcome> outcomes,
        Optional<SmtpException> failure) {

    /**
     * @param send     pairs this end with its start
     * @param attempts how many tries the send took
     * @param outcomes one per message when the send returned, copied; empty when it threw
     * @param failure  what the send threw; empty when it returned
     */
    public SendFinishedEvent {
        outcomes = List.copyOf(outcomes);
    }
}
