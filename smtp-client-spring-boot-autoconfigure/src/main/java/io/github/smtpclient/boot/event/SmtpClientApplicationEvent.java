package io.github.smtpclient.boot.event;

import org.springframework.context.ApplicationEvent;

/**
 * A client event published to the application context. The source is the server, as {@code host:port}; the
 * wrapped core event is {@link #getEvent()}. Events are published synchronously on the sending thread, so an
 * {@code @EventListener} can still act on events that carry a decision (accept or reject a certificate, choose a
 * mechanism or supply a token before authentication, cancel a transfer). Secrets are already masked.
 *
 * @param <T> the core event type
 */
public abstract class SmtpClientApplicationEvent<T> extends ApplicationEvent {

    private static final long serialVersionUID = 1L;

    private final transient T event;

    /** Wraps the core event of a client talking to the server {@code host:port}. */
    protected SmtpClientApplicationEvent(String server, T event) {
        super(server);
        this.event = event;
    }

    /** The server the client talks to, as {@code host:port}. */
    public String getServer() {
        return (String) getSource();
    }

    /** The core event. */
    public T getEvent() {
        return event;
    }
}
