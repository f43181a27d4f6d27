package io.github.smtpclient.event;

import java.util.Objects;

/**
 * A listener that passes every event to another one: extend it and override the methods whose events you want
 * to change, drop or add to, as Okio's {@code ForwardingSink} does for bytes. The delegate is called as is, so
 * wrap it with {@link SmtpListener#of} first if it may throw.
 */
public abstract class ForwardingSmtpListener implements SmtpListener {

    private final SmtpListener delegate;

    /**
     * @param delegate the listener that receives the events
     */
    protected ForwardingSmtpListener(SmtpListener delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /**
     * The listener events are passed to.
     *
     * @return the delegate
     */
    protected final SmtpListener delegate() {
        return delegate;
    }

    @Override
    public void connected(ConnectedEvent event) {
        delegate.connected(event);
    }

    @Override
    public void beforeAuth(BeforeAuthEvent event) {
        delegate.beforeAuth(event);
    }

    @Override
    public void certificateValidate(CertificateValidateEvent event) {
        delegate.certificateValidate(event);
    }

    @Override
    public void command(CommandEvent event) {
        delegate.command(event);
    }

    @Override
    public void commandData(CommandDataEvent event) {
        delegate.commandData(event);
    }

    @Override
    public void commandReply(CommandReplyEvent event) {
        delegate.commandReply(event);
    }

    @Override
    public void error(ErrorEvent event) {
        delegate.error(event);
    }

    @Override
    public void notification(NotificationEvent event) {
        delegate.notification(event);
    }

    @Override
    public void progress(ProgressEvent event) {
        delegate.progress(event);
    }

    @Override
    public void messageStarted(MessageStartedEvent event) {
        delegate.messageStarted(event);
    }

    @Override
    public void messageSent(MessageSentEvent event) {
        delegate.messageSent(event);
    }

    @Override
    public void messageFailed(MessageFailedEvent event) {
        delegate.messageFailed(event);
    }

    @Override
    public void sendStarted(SendStartedEvent event) {
        delegate.sendStarted(event);
    }

    @Override
    public void sendRetrying(SendRetryingEvent event) {
        delegate.sendRetrying(event);
    }

    @Override
    public void sendFinished(SendFinishedEvent event) {
        delegate.sendFinished(event);
    }
}
