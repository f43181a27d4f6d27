package io.github.smtpclient.boot.event;

import io.github.smtpclient.event.CommandDataEvent;

/** Message data was written; the buffer is valid only during the call. Off unless {@code smtp.client.events.command-data=true}. */
public final class SmtpCommandDataEvent extends SmtpClientApplicationEvent<CommandDataEvent> {

    private static final long serialVersionUID = 1L;

    /** Wraps the core event of a client talking to the server {@code host:port}. */
    public SmtpCommandDataEvent(String server, CommandDataEvent event) {
        super(server, event);
    }
}
