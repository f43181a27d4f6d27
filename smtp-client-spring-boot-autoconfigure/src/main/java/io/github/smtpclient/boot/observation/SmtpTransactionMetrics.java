package io.github.smtpclient.boot.observation;

import java.util.List;
import java.util.Objects;

import io.github.smtpclient.RecipientResult;
import io.github.smtpclient.SendResult;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.boot.client.SmtpTransactionObserver;
import io.github.smtpclient.event.MessageStartedEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts, for every mail transaction, the recipients the server accepted and refused
 * ({@value #RECIPIENTS}, tag {@code result}) and the message bytes written ({@value #BYTES_SENT}).
 */
public final class SmtpTransactionMetrics implements SmtpTransactionObserver {

    /** Recipients the server answered, tagged {@code result=accepted|rejected}. */
    public static final String RECIPIENTS = "smtp.client.recipients";

    /** Message bytes written to the server, after dot-stuffing or chunk framing. */
    public static final String BYTES_SENT = "smtp.client.bytes.sent";

    private final Counter accepted;
    private final Counter rejected;
    private final Counter bytesSent;

    /** Counters in the registry, tagged with the server {@code host:port}. */
    public SmtpTransactionMetrics(MeterRegistry registry, String server) {
        Objects.requireNonNull(registry, "registry");
        this.accepted = recipients(registry, server, "accepted");
        this.rejected = recipients(registry, server, "rejected");
        this.bytesSent = Counter.builder(BYTES_SENT).baseUnit("bytes").tag("server.address", server)
                .description("Message bytes written to the SMTP server").register(registry);
    }

    private static Counter recipients(MeterRegistry registry, String server, String result) {
        return Counter.builder(RECIPIENTS).tag("server.address", server).tag("result", result)
                .description("Recipients the SMTP server accepted or refused").register(registry);
    }

    @Override
    public Transaction started(MessageStartedEvent message) {
        return new Transaction() {
            @Override
            public void succeeded(SendResult result) {
                count(result.recipients(), result.bytesSent());
            }

            @Override
            public void failed(SmtpException failure, List<RecipientResult> recipients, long bytes) {
                count(recipients, bytes);
            }
        };
    }

    private void count(List<RecipientResult> recipients, long bytes) {
        for (RecipientResult recipient : recipients) {
            (recipient.isAccepted() ? accepted : rejected).increment();
        }
        bytesSent.increment((double) bytes);
    }
}
