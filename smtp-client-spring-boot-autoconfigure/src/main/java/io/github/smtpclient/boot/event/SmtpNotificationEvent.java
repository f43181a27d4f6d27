package io.github.smtpclient.boot.event;

import io.github.smtpclient.event.NotificationEvent;

/** Something worth knowing that is not an error happened (a downgrade, a disabled check, a fallback). */
public final class SmtpNotificationEvent extends SmtpClientApplicationEvent<NotificationEvent> {

    public SmtpNotificationEvent(String server, NotificationEvent event) {
        super(server, event);
    }
}
