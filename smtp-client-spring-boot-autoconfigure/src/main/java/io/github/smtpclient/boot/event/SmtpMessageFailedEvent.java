package io.github.smtpclient.boot.event;

import java.util.List;

import io.github.smtpclient.RecipientResult;
import io.github.smtpclient.SmtpException;

import org.springframework.context.ApplicationEvent;

/**
 * A try of a message was not accepted. A pooled sender may still retry it: each try that fails publishes one of
 * these, numbered by {@link #getAttempt()}, so count messages with the {@code smtp.client.send} metric (one per
 * message, tagged with its {@code attempts}) rather than with these events.
 */
public final class SmtpMessageFailedEvent extends ApplicationEvent {

    private static final long serialVersionUID = 1L;

    private final String sender;
    private final transient SmtpException failure;
    private final transient List<RecipientResult> recipients;
    private final int attempt;

    /**
     * A failed try to send from {@code sender} through the server {@code host:port}, with the RCPT replies received.
     *
     * @param server     the server as {@code host:port}
     * @param sender     the envelope sender
     * @param failure    why the try failed
     * @param recipients the RCPT replies received before the failure
     * @param attempt    which try of the pooled send failed, from 1; 1 for a client of one's own
     */
    public SmtpMessageFailedEvent(String server, String sender, SmtpException failure, List<RecipientResult> recipients,
            int attempt) {
        super(server);
        this.sender = sender;
        this.failure = failure;
        this.recipients = List.copyOf(recipients);
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

    /** Why the message was not accepted; {@link SmtpException#isTransient()} and friends classify it. */
    public SmtpException getFailure() {
        return failure;
    }

    /** The RCPT replies received before the failure, possibly none. */
    public List<RecipientResult> getRecipients() {
        return recipients;
    }

    /**
     * Which try of the pooled send failed: 1 for the first.
     *
     * @return the try, from 1
     */
    public int getAttempt() {
        return attempt;
    }
}
