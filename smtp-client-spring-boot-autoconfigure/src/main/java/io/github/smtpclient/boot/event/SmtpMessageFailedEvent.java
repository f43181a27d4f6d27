package io.github.smtpclient.boot.event;

import java.util.List;

import io.github.smtpclient.RecipientResult;
import io.github.smtpclient.SmtpException;

import org.springframework.context.ApplicationEvent;

/** A message was not accepted. A pooled sender may still retry it; each try that fails publishes one of these. */
public final class SmtpMessageFailedEvent extends ApplicationEvent {

    private static final long serialVersionUID = 1L;

    private final String sender;
    private final transient SmtpException failure;
    private final transient List<RecipientResult> recipients;

    /**
     * A failed try to send from {@code sender} through the server {@code host:port}, with the RCPT replies received.
     */
    public SmtpMessageFailedEvent(String server, String sender, SmtpException failure, List<RecipientResult> recipients) {
        super(server);
        this.sender = sender;
        this.failure = failure;
        this.recipients = List.copyOf(recipients);
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
}
