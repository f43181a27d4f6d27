package io.github.smtpclient.boot.event;

import java.util.List;
import java.util.Objects;

import io.github.smtpclient.RecipientResult;
import io.github.smtpclient.SendResult;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.boot.client.SmtpTransactionObserver;
import io.github.smtpclient.event.BeforeAuthEvent;
import io.github.smtpclient.event.CertificateValidateEvent;
import io.github.smtpclient.event.CommandDataEvent;
import io.github.smtpclient.event.CommandEvent;
import io.github.smtpclient.event.CommandReplyEvent;
import io.github.smtpclient.event.ErrorEvent;
import io.github.smtpclient.event.MessageStartedEvent;
import io.github.smtpclient.event.NotificationEvent;
import io.github.smtpclient.event.ProgressEvent;
import io.github.smtpclient.event.SmtpListener;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes each client event as its {@link SmtpClientApplicationEvent}, and each finished transaction as a
 * {@link SmtpMessageSentEvent} or {@link SmtpMessageFailedEvent}, numbered with the try of the pooled send it
 * belongs to. Stateless, so one instance serves every client.
 */
public final class ApplicationEventSmtpListener implements SmtpListener, SmtpTransactionObserver {

    private final ApplicationEventPublisher publisher;
    private final String server;
    private final SmtpEventSwitches switches;

    /** A listener publishing the events the switches turn on, for the server {@code host:port}. */
    public ApplicationEventSmtpListener(ApplicationEventPublisher publisher, String server, SmtpEventSwitches switches) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.server = Objects.requireNonNull(server, "server");
        this.switches = Objects.requireNonNull(switches, "switches");
    }

    @Override
    public void beforeAuth(BeforeAuthEvent event) {
        publisher.publishEvent(new SmtpBeforeAuthEvent(server, event));
    }

    @Override
    public void certificateValidate(CertificateValidateEvent event) {
        publisher.publishEvent(new SmtpCertificateValidateEvent(server, event));
    }

    @Override
    public void command(CommandEvent event) {
        if (switches.command()) {
            publisher.publishEvent(new SmtpCommandEvent(server, event));
        }
    }

    @Override
    public void commandData(CommandDataEvent event) {
        if (switches.commandData()) {
            publisher.publishEvent(new SmtpCommandDataEvent(server, event));
        }
    }

    @Override
    public void commandReply(CommandReplyEvent event) {
        if (switches.commandReply()) {
            publisher.publishEvent(new SmtpCommandReplyEvent(server, event));
        }
    }

    @Override
    public void error(ErrorEvent event) {
        publisher.publishEvent(new SmtpErrorEvent(server, event));
    }

    @Override
    public void notification(NotificationEvent event) {
        publisher.publishEvent(new SmtpNotificationEvent(server, event));
    }

    @Override
    public void progress(ProgressEvent event) {
        if (switches.progress()) {
            publisher.publishEvent(new SmtpProgressEvent(server, event));
        }
    }

    @Override
    public Transaction started(MessageStartedEvent message) {
        String sender = message.envelope().sender();
        int attempt = message.attempt();
        return new Transaction() {
            @Override
            public void succeeded(SendResult result) {
                publisher.publishEvent(new SmtpMessageSentEvent(server, sender, result, attempt));
            }

            @Override
            public void failed(SmtpException failure, List<RecipientResult> recipients, long bytesSent) {
                publisher.publishEvent(new SmtpMessageFailedEvent(server, sender, failure, recipients, attempt));
            }
        };
    }
}
