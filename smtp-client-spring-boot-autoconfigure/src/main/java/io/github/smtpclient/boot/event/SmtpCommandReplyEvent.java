package io.github.smtpclient.boot.event;

import io.github.smtpclient.event.CommandReplyEvent;

/** A reply arrived. Switched off by {@code smtp.client.events.command-reply=false}. */
public final class SmtpCommandReplyEvent extends SmtpClientApplicationEvent<CommandReplyEvent> {

    private static final long serialVersionUID = 1L;

    /** Wraps the core event of a client talking to the server {@code host:port}. */
    public SmtpCommandReplyEvent(String server, CommandReplyEvent event) {
        super(server, event);
    }
}
