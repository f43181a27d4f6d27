package io.github.smtpclient.boot.event;

import io.github.smtpclient.event.ProgressEvent;

/** Message data transfer progressed; a listener may cancel it. Switched off by {@code smtp.client.events.progress=false}. */
public final class SmtpProgressEvent extends SmtpClientApplicationEvent<ProgressEvent> {

    private static final long serialVersionUID = 1L;

    /** Wraps the core event of a client talking to the server {@code host:port}. */
    public SmtpProgressEvent(String server, ProgressEvent event) {
        super(server, event);
    }
}
