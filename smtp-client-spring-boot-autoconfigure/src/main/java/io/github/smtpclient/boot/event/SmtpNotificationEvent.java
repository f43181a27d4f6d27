package io.github.smtpclient.boot.event;

import io.github.smtpclient.event.NotificationEvent;

/** Something worth knowing that is not an error happened (a downgrade, a disabled check, a fallback). */
public final class SmtpNotificationEvent extends SmtpClientApplicationEvent<NotificationEvent> {

    private static final long serialVersionUID = 1L;

    /** Wraps the core event of a client talking to the server {@code host:port}. */
    public SmtpNotificationEvent(String server, NotificationEvent event) {
        super(server, event);
    }
}
