package io.github.smtpclient.boot.event;

import io.github.smtpclient.event.ErrorEvent;

/** An operation failed; the exception was also thrown to the caller. */
public final class SmtpErrorEvent extends SmtpClientApplicationEvent<ErrorEvent> {

    private static final long serialVersionUID = 1L;

    /** Wraps the core event of a client talking to the server {@code host:port}. */
    public SmtpErrorEvent(String server, ErrorEvent event) {
        super(server, event);
    }
}
