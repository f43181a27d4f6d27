package io.github.smtpclient.boot.event;

import io.github.smtpclient.event.ErrorEvent;

/** An operation failed; the exception was also thrown to the caller. */
public final class SmtpErrorEvent extends SmtpClientApplicationEvent<ErrorEvent> {

    public SmtpErrorEvent(String server, ErrorEvent event) {
        super(server, event);
    }
}
