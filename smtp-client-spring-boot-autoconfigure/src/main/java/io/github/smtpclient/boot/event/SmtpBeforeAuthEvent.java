package io.github.smtpclient.boot.event;

import io.github.smtpclient.event.BeforeAuthEvent;

/** Authentication is about to start; a listener may choose the mechanism or supply an OAuth 2 token. */
public final class SmtpBeforeAuthEvent extends SmtpClientApplicationEvent<BeforeAuthEvent> {

    private static final long serialVersionUID = 1L;

    /** Wraps the core event of a client talking to the server {@code host:port}. */
    public SmtpBeforeAuthEvent(String server, BeforeAuthEvent event) {
        super(server, event);
    }
}
