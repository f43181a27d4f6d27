package io.github.smtpclient.boot.event;

import io.github.smtpclient.event.CommandEvent;

/** A command was sent (credentials masked). Switched off by {@code smtp.client.events.command=false}. */
public final class SmtpCommandEvent extends SmtpClientApplicationEvent<CommandEvent> {

    private static final long serialVersionUID = 1L;

    /** Wraps the core event of a client talking to the server {@code host:port}. */
    public SmtpCommandEvent(String server, CommandEvent event) {
        super(server, event);
    }
}
