package io.github.smtpclient.boot.observation;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import io.github.smtpclient.RecipientResult;
import io.github.smtpclient.SendOutcome;
import io.github.smtpclient.SendResult;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.boot.client.SmtpTransactionObserver;
import io.github.smtpclient.event.MessageStartedEvent;
import io.github.smtpclient.event.SendFinishedEvent;
import io.github.smtpclient.event.SendRetryingEvent;
import io.github.smtpclient.event.SendStartedEvent;
import io.github.smtpclient.event.SmtpListener;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * Times every message sent as the Observation {@value #NAME}: once per message, however many tries it took.
 * Low-cardinality keys, which become timer tags: {@code outcome} (SUCCESS, PARTIAL when some recipients were
 * refused, FAILURE), {@code error.code} (the {@link io.github.smtpclient.SmtpErrorCode} name, or {@code none}),
 * {@code attempts} (how many tries, 1 unless the pooled sender retried) and {@code server.address}; Micrometer's own
 * {@code error} tag names the exception class. The sender, the recipients, the Message-ID, the subject and the
 * account a send authenticated as are high-cardinality keys, which reach traces but never metrics.
 *
 * <p>A message sent through the pooled {@code SmtpMailSender} is observed from the sender's send events (so a
 * message whose every try failed to connect, or that the circuit breaker refused, is observed too), and the
 * transactions of its tries only add their details; each retry is an Observation event. A message sent on a
 * client of one's own, or in a batch, is observed per transaction. Register this as the sender's and the clients'
 * listener and transaction observer, as the auto-configuration does.
 */
public final class SmtpSendObservations implements SmtpTransactionObserver, SmtpListener {

    /** The observation's name, and so the timer's. */
    public static final String NAME = "smtp.client.send";

    private final ObservationRegistry registry;
    private final String server;
    /** The pooled sends under way on this thread, innermost first: every try of a send runs on the thread it began. */
    @SuppressWarnings("ThreadLocalUsage") // one stack per observer (per server), not one shared by every instance
    private final ThreadLocal<Deque<PooledSend>> pooledSends = new ThreadLocal<>();

    /**
     * Observations in the registry, for the server {@code host:port}.
     *
     * @param registry where observations go
     * @param server   the server as {@code host:port}, the {@code server.address} key
     */
    public SmtpSendObservations(ObservationRegistry registry, String server) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.server = Objects.requireNonNull(server, "server");
    }

    /** One single-message send of the pooled sender, observed from its start to its last try. */
    private static final class PooledSend {
        final long send;
        final Observation observation;
        final Observation.Scope scope;
        List<RecipientResult> recipients = List.of();

        PooledSend(long send, Observation observation) {
            this.send = send;
            this.observation = observation;
            this.scope = observation.openScope();
        }
    }

    @Override
    public void sendStarted(SendStartedEvent event) {
        if (event.messages() != 1) {
            return;
        }
        Observation observation = newObservation();
        event.username().ifPresent(username -> observation.highCardinalityKeyValue("smtp.user", username));
        observation.start();
        Deque<PooledSend> sends = pooledSends.get();
        if (sends == null) {
            sends = new ArrayDeque<>();
            pooledSends.set(sends);
        }
        sends.push(new PooledSend(event.send(), observation));
    }

    @Override
    public void sendRetrying(SendRetryingEvent event) {
        PooledSend send = current();
        if (send != null && send.send == event.send()) {
            send.observation.event(Observation.Event.of("smtp.retry", "try " + event.attempt() + " failed with "
                    + event.failure().errorCode() + "; trying again in " + event.pause().toMillis() + " ms"));
        }
    }

    @Override
    public void sendFinished(SendFinishedEvent event) {
        PooledSend send = current();
        if (send == null || send.send != event.send()) {
            return;
        }
        Deque<PooledSend> sends = pooledSends.get();
        sends.pop();
        if (sends.isEmpty()) {
            pooledSends.remove();
        }
        send.scope.close();
        String attempts = String.valueOf(event.attempts());
        if (event.failure().isPresent()) {
            SmtpException failure = event.failure().get();
            send.observation.error(failure);
            stop(send.observation, "FAILURE", failure.errorCode().name(), attempts, send.recipients);
            return;
        }
        // A send without a failure of its own can still hold a refused message: one whose every recipient was
        // refused (ALL_RECIPIENTS_REJECTED) is an outcome with a failure and no result.
        SendOutcome first = event.outcomes().stream().findFirst().orElse(null);
        if (first != null && first.result().isEmpty() && first.failure().isPresent()) {
            SmtpException failure = first.failure().get();
            send.observation.error(failure);
            stop(send.observation, "FAILURE", failure.errorCode().name(), attempts,
                    first.recipients().isEmpty() ? send.recipients : first.recipients());
            return;
        }
        SendResult result = first == null ? null : first.result().orElse(null);
        if (result == null) {
            stop(send.observation, "SUCCESS", "none", attempts, send.recipients);
            return;
        }
        stop(send.observation, result.isPartial() ? "PARTIAL" : "SUCCESS", "none", attempts, result.recipients());
    }

    @Override
    public Transaction started(MessageStartedEvent message) {
        PooledSend send = current();
        if (send != null) {
            describe(send.observation, message);
            return new Transaction() {
                @Override
                public void succeeded(SendResult result) {
                    send.recipients = result.recipients();
                }

                @Override
                public void failed(SmtpException failure, List<RecipientResult> recipients, long bytesSent) {
                    send.recipients = recipients;
                }
            };
        }
        Observation observation = newObservation();
        describe(observation, message);
        observation.start();
        String attempts = String.valueOf(message.attempt());
        return new Transaction() {
            @Override
            public void succeeded(SendResult result) {
                stop(observation, result.isPartial() ? "PARTIAL" : "SUCCESS", "none", attempts, result.recipients());
            }

            @Override
            public void failed(SmtpException failure, List<RecipientResult> recipients, long bytesSent) {
                observation.error(failure);
                stop(observation, "FAILURE", failure.errorCode().name(), attempts, recipients);
            }
        };
    }

    private PooledSend current() {
        Deque<PooledSend> sends = pooledSends.get();
        return sends == null ? null : sends.peek();
    }

    private Observation newObservation() {
        return Observation.createNotStarted(NAME, registry)
                .contextualName("smtp send")
                .lowCardinalityKeyValue("server.address", server);
    }

    private static void describe(Observation observation, MessageStartedEvent message) {
        observation.highCardinalityKeyValue("smtp.sender", message.envelope().sender());
        message.messageId().ifPresent(id -> observation.highCardinalityKeyValue("smtp.message_id", id));
        message.subject().ifPresent(subject -> observation.highCardinalityKeyValue("smtp.subject", subject));
    }

    private static void stop(Observation observation, String outcome, String error, String attempts,
            List<RecipientResult> recipients) {
        observation.lowCardinalityKeyValue("outcome", outcome)
                .lowCardinalityKeyValue("error.code", error)
                .lowCardinalityKeyValue("attempts", attempts)
                .highCardinalityKeyValue("smtp.recipients",
                        recipients.stream().map(RecipientResult::address).collect(Collectors.joining(",")))
                .stop();
    }
}
