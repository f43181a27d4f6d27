package io.github.smtpclient.boot.event;

import io.github.smtpclient.event.BeforeAuthEvent;

/** Authentication is about to start; a listener may choose the mechanism or supply an OAuth 2 token. */
public final class SmtpBeforeAuthEvent extends SmtpClientApplicationEvent<BeforeAuthEvent> {

    public SmtpBeforeAuthEvent(String server, BeforeAuthEvent event) {
        super(server, event);
    }
}
