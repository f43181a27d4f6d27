package io.github.smtpclient.outbox;

import java.io.InputStream;
import java.util.UUID;

import io.github.smtpclient.Envelope;
import io.github.smtpclient.message.MailMessage;

/**
 * Puts messages into the outbox. The content is written to the store as it is composed or read, in chunks, so a
 * message of any size is never held whole in memory. Each method returns the outbox id, which identifies the message
 * to the operations of {@link SmtpOutbox}; with an idempotency key already present it returns that message's id and
 * stores nothing.
 */
public interface OutboxEnqueuer {

    /** Composes {@code message} and queues it to its To, Cc and Bcc recipients. */
    default UUID enqueue(MailMessage message) {
        return enqueue(message, EnqueueOptions.defaults());
    }

    /** Composes {@code message} and queues it to its To, Cc and Bcc recipients, as {@code options} say. */
    UUID enqueue(MailMessage message, EnqueueOptions options);

    /**
     * Queues a ready-made RFC 5322 message read from {@code content} until its end (not closed), for {@code envelope}
     * (null: from the headers, as {@link io.github.smtpclient.SmtpClient#sendStream} does; Bcc is removed).
     */
    default UUID enqueue(Envelope envelope, InputStream content) {
        return enqueue(envelope, content, EnqueueOptions.defaults());
    }

    /** {@link #enqueue(Envelope, InputStream)} as {@code options} say. */
    UUID enqueue(Envelope envelope, InputStream content, EnqueueOptions options);
}
