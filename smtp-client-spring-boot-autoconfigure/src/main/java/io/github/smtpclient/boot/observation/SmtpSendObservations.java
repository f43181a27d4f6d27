package io.github.smtpclient.boot.observation;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import io.github.smtpclient.RecipientResult;
import io.github.smtpclient.SendResult;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.boot.client.SmtpTransactionObserver;
import io.github.smtpclient.event.MessageStartedEvent;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * Times every mail transaction as the Observation {@value #NAME}. Low-cardinality keys, which become timer tags:
 * {@code outcome} (SUCCESS, PARTIAL when some recipients were refused, FAILURE), {@code error.code} (the
 * {@link io.github.smtpclient.SmtpErrorCode} name, or {@code none}) and {@code server.address}; Micrometer's own
 * {@code error} tag names the exception class. The sender, the recipients, the Message-ID and the subject are
 * high-cardinality keys, which reach traces but never metrics.
 */
public final class SmtpSendObservations implements SmtpTransactionObserver {

    /** The observation's name, and so the timer's. */
    public static final String NAME = "smtp.client.send";

    private final ObservationRegistry registry;
    private final String server;

    /** Observations in the registry, for the server {@code host:port}. */
    public SmtpSendObservations(ObservationRegistry registry, String server) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.server = Objects.requireNonNull(server, "server");
    }

    @Override
    public Transaction started(MessageStartedEvent message) {
        Observation observation = Observation.createNotStarted(NAME, registry)
                .contextualName("smtp send")
                .lowCardinalityKeyValue("server.address", server)
                .highCardinalityKeyValue("smtp.sender", message.envelope().sender());
        message.messageId().ifPresent(id -> observation.highCardinalityKeyValue("smtp.message_id", id));
        message.subject().ifPresent(subject -> observation.highCardinalityKeyValue("smtp.subject", subject));
        observation.start();
        return new Transaction() {
            @Override
            public void succeeded(SendResult result) {
                stop(observation, result.isPartial() ? "PARTIAL" : "SUCCESS", "none", result.recipients());
            }

            @Override
            public void failed(SmtpException failure, List<RecipientResult> recipients, long bytesSent) {
                observation.error(failure);
                stop(observation, "FAILURE", failure.errorCode().name(), recipients);
            }
        };
    }

    private static void stop(Observation observation, String outcome, String error, List<RecipientResult> recipients) {
        observation.lowCardinalityKeyValue("outcome", outcome)
                .lowCardinalityKeyValue("error.code", error)
                .highCardinalityKeyValue("smtp.recipients",
                        recipients.stream().map(RecipientResult::address).collect(Collectors.joining(",")))
                .stop();
    }
}
