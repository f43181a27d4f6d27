package io.github.smtpclient.event;

import java.util.List;

/**
 * Receives everything an {@link io.github.smtpclient.SmtpClient} does: one method per event of the reference
 * component, plus a start/end pair per message for metrics and tracing. Given to a pooled
 * {@link io.github.smtpclient.SmtpMailSender} (its builder's {@code listener}), it also hears a start/end pair per
 * send, around all of that send's tries. Every method has a no-op default, so implement only what you need.
 *
 * <p>Contract (as OkHttp's {@code EventListener}): methods run on the sending thread, must be fast, and should
 * not throw; an exception thrown by a listener is logged and otherwise ignored (decisions are made through the
 * events, for example {@link ProgressEvent#cancel()}). Secrets never reach a listener: AUTH lines and SASL
 * exchanges arrive masked.
 */
public interface SmtpListener {

    /** A listener that ignores everything. */
    SmtpListener NONE = new SmtpListener() {
    };

    /**
     * One listener that passes every event to {@code listeners} in order. A listener that throws is logged and
     * skipped; the others still hear the event. {@link io.github.smtpclient.SmtpClient} wraps its listener so.
     */
    static SmtpListener of(List<? extends SmtpListener> listeners) {
        return new CompositeSmtpListener(List.copyOf(listeners));
    }

    /**
     * The connection is open and the greeting not yet read: the server's (and proxy's) address, implicit TLS. Fired
     * once per connection, before any command or reply event of it.
     */
    default void connected(ConnectedEvent event) {
    }

    /**
     * Before authentication starts. The event lists the mechanisms both sides support, in the order the client
     * will try them; the listener may choose another mechanism or supply an OAuth 2 bearer token.
     */
    default void beforeAuth(BeforeAuthEvent event) {
    }

    /**
     * The server's TLS certificate chain was checked. The event carries the verdict of the built-in validation;
     * the listener may accept a chain the validation rejected, or reject one it accepted.
     */
    default void certificateValidate(CertificateValidateEvent event) {
    }

    /** A command line was sent (credentials masked). */
    default void command(CommandEvent event) {
    }

    /** Message data was written after DATA or BDAT. Called per buffer, so keep it cheap. */
    default void commandData(CommandDataEvent event) {
    }

    /** A reply arrived from the server. */
    default void commandReply(CommandReplyEvent event) {
    }

    /** An operation failed; the exception is also thrown to the caller. */
    default void error(ErrorEvent event) {
    }

    /** Something worth knowing happened that is not an error (a downgrade, a disabled check, a fallback). */
    default void notification(NotificationEvent event) {
    }

    /** Message data transfer progressed. The listener may cancel the transfer. */
    default void progress(ProgressEvent event) {
    }

    /**
     * A message's transaction begins. Every start is followed by exactly one {@link #messageSent} or
     * {@link #messageFailed} with the same sequence number (as OkHttp pairs callStart with callEnd or callFailed).
     */
    default void messageStarted(MessageStartedEvent event) {
    }

    /** The server accepted a message for at least one recipient. */
    default void messageSent(MessageSentEvent event) {
    }

    /** A message was not accepted, or its outcome is unknown. */
    default void messageFailed(MessageFailedEvent event) {
    }

    /**
     * A pooled sender began a send. Exactly one {@link #sendFinished} with the same send number follows, after the
     * last try, on the same thread.
     */
    default void sendStarted(SendStartedEvent event) {
    }

    /** A try of a pooled send failed, and the sender will try again after the event's pause. */
    default void sendRetrying(SendRetryingEvent event) {
    }

    /** A pooled send ended after its last try, delivered or not: one event per send, however many tries it took. */
    default void sendFinished(SendFinishedEvent event) {
    }
}
