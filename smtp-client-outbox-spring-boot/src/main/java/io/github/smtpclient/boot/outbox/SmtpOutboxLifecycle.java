package io.github.smtpclient.boot.outbox;

import org.springframework.context.SmartLifecycle;

import io.github.smtpclient.outbox.SmtpOutbox;

/**
 * Starts the outbox's workers once the context is refreshed, and stops them gracefully when it closes: no new
 * claims, in-flight batches finish within {@code smtp.client.outbox.shutdown-timeout}, the rest goes back to the
 * queue. Stopped before the pooled sender it uses is closed.
 */
final class SmtpOutboxLifecycle implements SmartLifecycle {

    private final SmtpOutbox outbox;
    private volatile boolean running;

    SmtpOutboxLifecycle(SmtpOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void start() {
        outbox.start();
        running = true;
    }

    @Override
    public void stop() {
        outbox.close();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
