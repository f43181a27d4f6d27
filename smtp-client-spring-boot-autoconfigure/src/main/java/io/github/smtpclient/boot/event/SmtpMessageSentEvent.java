package io.github.smtpclient.boot.event;

import io.github.smtpclient.SendResult;

import org.springframework.context.ApplicationEvent;

/**
 * The server accepted a message for at least one recipient; the result carries its recipients, final reply, byte
 * count and Message-ID. Published once per delivered message, with the try that delivered it.
 */
public final class SmtpMessageSentEvent extends ApplicationEvent {

    private static final long serialVersionUID = 1L;

    private final String sender;
    private final transient SendResult result;
    private final int attempt;

    /**
     * A message from {@code sender} accepted by the server {@code host:port}.
     *
     * @param server  the server as {@code host:port}
     * @param sender  the envelope sender
     * @param result  what the server accepted
     * @param attempt which try of the pooled send delivered it, from 1; 1 for a client of one's own
     */
    public SmtpMessageSentEvent(String server, String sender, SendResult result, int attempt) {
        super(server);
        this.sender = sender;
        this.result = result;
        this.attempt = attempt;
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

    /**
     * Which try of the pooled send delivered the message: 1 unless the sender retried it.
     *
     * @return the try, from 1
     */
    public int getAttempt() {
        return attempt;
    }
}
