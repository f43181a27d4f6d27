package io.github.smtpclient.boot.outbox.actuate;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

import io.github.smtpclient.outbox.OutboxEntry;
import io.github.smtpclient.outbox.OutboxState;
import io.github.smtpclient.outbox.SmtpOutbox;

/**
 * The {@code smtpoutbox} Actuator endpoint. {@code GET /actuator/smtpoutbox?state=UNKNOWN&limit=50} lists messages
 * in a state (depths by state without one), {@code GET /actuator/smtpoutbox/{id}} shows one with its recipients and
 * every attempt's reply, {@code POST /actuator/smtpoutbox/{id}} with {@code {"action":"retry"}} or
 * {@code {"action":"park"}} acts on it, {@code DELETE /actuator/smtpoutbox/{id}} deletes it. Expose it only to
 * operators: a retry of an UNKNOWN message may deliver it twice.
 */
@Endpoint(id = "smtpoutbox")
public final class SmtpOutboxEndpoint {

    private final SmtpOutbox outbox;

    /** @param outbox the outbox operated on */
    public SmtpOutboxEndpoint(SmtpOutbox outbox) {
        this.outbox = outbox;
    }

    /** The depths by state and, with {@code state}, up to {@code limit} (default 50) of its messages. */
    @ReadOperation
    public Listing list(@Nullable OutboxState state, @Nullable Integer limit) {
        List<OutboxEntry> messages = state == null ? List.of() : outbox.list(state, limit == null ? 50 : limit);
        return new Listing(outbox.depths(), messages);
    }

    /** One message with its recipients and attempts, or 404. */
    @ReadOperation
    public @Nullable OutboxEntry show(@Selector UUID id) {
        return outbox.find(id).orElse(null);
    }

    /** {@code retry} or {@code park}; the message afterwards, or 404 when it does not exist. */
    @WriteOperation
    public @Nullable ActionResult act(@Selector UUID id, String action) {
        boolean changed = switch (action) {
            case "retry" -> outbox.retry(id, "actuator");
            case "park" -> outbox.park(id, "actuator");
            default -> throw new IllegalArgumentException("action must be retry or park, was \"" + action + "\"");
        };
        return outbox.find(id).map(entry -> new ActionResult(action, changed, entry)).orElse(null);
    }

    /** Deletes a message that no worker holds. */
    @DeleteOperation
    public Map<String, Object> delete(@Selector UUID id) {
        return Map.of("id", id, "deleted", outbox.delete(id));
    }

    /**
     * The listing.
     *
     * @param depths   messages per state
     * @param messages the messages of the state asked for
     */
    public record Listing(Map<OutboxState, Long> depths, List<OutboxEntry> messages) {
    }

    /**
     * What an action did.
     *
     * @param action  the action
     * @param changed false when the message's state did not allow it
     * @param message the message afterwards
     */
    public record ActionResult(String action, boolean changed, OutboxEntry message) {
    }
}
