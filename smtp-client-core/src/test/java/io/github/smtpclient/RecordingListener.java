package io.github.smtpclient;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.smtpclient.event.BeforeAuthEvent;
import io.github.smtpclient.event.CertificateValidateEvent;
import io.github.smtpclient.event.CommandEvent;
import io.github.smtpclient.event.CommandReplyEvent;
import io.github.smtpclient.event.ErrorEvent;
import io.github.smtpclient.event.NotificationEvent;
import io.github.smtpclient.event.ProgressEvent;
import io.github.smtpclient.event.SmtpListener;

/** Records every event a client fires, for tests that check what crossed the wire and what was reported. */
class RecordingListener implements SmtpListener {

    final List<String> commands = new CopyOnWriteArrayList<>();
    final List<Reply> replies = new CopyOnWriteArrayList<>();
    final List<NotificationEvent> notifications = new CopyOnWriteArrayList<>();
    final List<SmtpException> errors = new CopyOnWriteArrayList<>();
    final List<Long> progress = new CopyOnWriteArrayList<>();
    final List<List<String>> authCandidates = new CopyOnWriteArrayList<>();
    final List<CertificateValidateEvent> certificateChecks = new CopyOnWriteArrayList<>();
    final List<String> messageEvents = new CopyOnWriteArrayList<>();
    long dataBytes;

    @Override
    public void messageStarted(io.github.smtpclient.event.MessageStartedEvent event) {
        messageEvents.add("started " + event.sequence() + " " + event.subject().orElse("-"));
    }

    @Override
    public void messageSent(io.github.smtpclient.event.MessageSentEvent event) {
        messageEvents.add("sent " + event.sequence() + " " + event.result().finalReply().text());
    }

    @Override
    public void messageFailed(io.github.smtpclient.event.MessageFailedEvent event) {
        messageEvents.add("failed " + event.sequence() + " " + event.failure().errorCode());
    }

    @Override
    public void command(CommandEvent event) {
        commands.add(event.line());
    }

    @Override
    public void commandReply(CommandReplyEvent event) {
        replies.add(event.reply());
    }

    @Override
    public void commandData(io.github.smtpclient.event.CommandDataEvent event) {
        dataBytes += event.data().remaining();
    }

    @Override
    public void notification(NotificationEvent event) {
        notifications.add(event);
    }

    @Override
    public void error(ErrorEvent event) {
        errors.add(event.exception());
    }

    @Override
    public void progress(ProgressEvent event) {
        progress.add(event.bytesSent());
    }

    @Override
    public void beforeAuth(BeforeAuthEvent event) {
        authCandidates.add(event.candidates());
    }

    @Override
    public void certificateValidate(CertificateValidateEvent event) {
        certificateChecks.add(event);
    }

    boolean notified(NotificationEvent.Kind kind) {
        return notifications.stream().anyMatch(n -> n.kind() == kind);
    }
}
