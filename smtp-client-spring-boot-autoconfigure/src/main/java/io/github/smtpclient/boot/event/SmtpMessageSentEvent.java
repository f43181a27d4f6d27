package io.github.smtpclient.boot.event;

import io.github.smtpclient.SendResult;

import org.springframework.context.ApplicationEvent;

/**
 * The server accepted a message for at least one recipient; the result carries its recipients, final reply, byte
 * count and Message-ID.
 */
public final class SmtpMessageSentEvent extends ApplicationEvent {

    private static final long serialVersionUID = 1L;

    private final String sender;
    private final transient SendResult result;

    /** A message from {@code sender} accepted by the server {@code host:port}. */
    public SmtpMessageSentEvent(String server, String sender, SendResult result) {
        super(server);
        this.sender = sender;
        this.result = result;
    }

    /** The server, as {@code host:port}. */
    public String getServer() {
        return (String) getSource();
    }

    /** The envelope sender, empty for a null reverse-path. */
    public String getSender() {
        return sender;
    }

    /** The result: recipients, final reply, byte count and Message-ID. */
    public SendResult getResult() {
        return result;
    }
}
