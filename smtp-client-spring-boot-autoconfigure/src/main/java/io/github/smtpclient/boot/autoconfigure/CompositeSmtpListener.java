package io.github.smtpclient.boot.autoconfigure;

import java.util.List;

import io.github.smtpclient.event.BeforeAuthEvent;
import io.github.smtpclient.event.CertificateValidateEvent;
import io.github.smtpclient.event.CommandDataEvent;
import io.github.smtpclient.event.CommandEvent;
import io.github.smtpclient.event.CommandReplyEvent;
import io.github.smtpclient.event.ErrorEvent;
import io.github.smtpclient.event.NotificationEvent;
import io.github.smtpclient.event.ProgressEvent;
import io.github.smtpclient.event.SmtpListener;

/**
 * Passes every event to several listeners in order. Events that carry a decision (certificate verdict, mechanism,
 * token, cancel) are the same object for all, so a later listener sees what an earlier one decided.
 */
final class CompositeSmtpListener implements SmtpListener {

    private final List<SmtpListener> listeners;

    CompositeSmtpListener(List<SmtpListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void beforeAuth(BeforeAuthEvent event) {
        listeners.forEach(listener -> listener.beforeAuth(event));
    }

    @Override
    public void certificateValidate(CertificateValidateEvent event) {
        listeners.forEach(listener -> listener.certificateValidate(event));
    }

    @Override
    public void command(CommandEvent event) {
        listeners.forEach(listener -> listener.command(event));
    }

    @Override
    public void commandData(CommandDataEvent event) {
        // Each listener gets its own view of the buffer, so one reading it cannot hide the bytes from the next.
        listeners.forEach(listener -> listener.commandData(new CommandDataEvent(event.data().duplicate())));
    }

    @Override
    public void commandReply(CommandReplyEvent event) {
        listeners.forEach(listener -> listener.commandReply(event));
    }

    @Override
    public void error(ErrorEvent event) {
        listeners.forEach(listener -> listener.error(event));
    }

    @Override
    public void notification(NotificationEvent event) {
        listeners.forEach(listener -> listener.notification(event));
    }

    @Override
    public void progress(ProgressEvent event) {
        listeners.forEach(listener -> listener.progress(event));
    }
}
