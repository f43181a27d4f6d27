package io.github.smtpclient.event;

import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes every event to several listeners in order, and keeps the listener contract for the engine: a listener
 * that throws is logged and skipped, never allowed to break a send. Events that carry a decision (certificate
 * verdict, mechanism, token, cancel) are the same object for all, so a later listener sees what an earlier one
 * decided.
 */
final class CompositeSmtpListener implements SmtpListener {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpListener.class);

    private final List<SmtpListener> listeners;

    CompositeSmtpListener(List<SmtpListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    private void each(String event, Consumer<SmtpListener> call) {
        for (SmtpListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("SmtpListener {} threw from {}; the event was skipped for it", listener, event, e);
            }
        }
    }

    @Override
    public void connected(ConnectedEvent event) {
        each("connected", listener -> listener.connected(event));
    }

    @Override
    public void beforeAuth(BeforeAuthEvent event) {
        each("beforeAuth", listener -> listener.beforeAuth(event));
    }

    @Override
    public void certificateValidate(CertificateValidateEvent event) {
        each("certificateValidate", listener -> listener.certificateValidate(event));
    }

    @Override
    public void command(CommandEvent event) {
        each("command", listener -> listener.command(event));
    }

    @Override
    public void commandData(CommandDataEvent event) {
        each("commandData", listener -> listener.commandData(event));
    }

    @Override
    public void commandReply(CommandReplyEvent event) {
        each("commandReply", listener -> listener.commandReply(event));
    }

    @Override
    public void error(ErrorEvent event) {
        each("error", listener -> listener.error(event));
    }

    @Override
    public void notification(NotificationEvent event) {
        each("notification", listener -> listener.notification(event));
    }

    @Override
    public void progress(ProgressEvent event) {
        each("progress", listener -> listener.progress(event));
    }

    @Override
    public void messageStarted(MessageStartedEvent event) {
        each("messageStarted", listener -> listener.messageStarted(event));
    }

    @Override
    public void messageSent(MessageSentEvent event) {
        each("messageSent", listener -> listener.messageSent(event));
    }

    @Override
    public void messageFailed(MessageFailedEvent event) {
        each("messageFailed", listener -> listener.messageFailed(event));
    }

    @Override
    public void sendStarted(SendStartedEvent event) {
        each("sendStarted", listener -> listener.sendStarted(event));
    }

    @Override
    public void sendRetrying(SendRetryingEvent event) {
        each("sendRetrying", listener -> listener.sendRetrying(event));
    }

    @Override
    public void sendFinished(SendFinishedEvent event) {
        each("sendFinished", listener -> listener.sendFinished(event));
    }
}
