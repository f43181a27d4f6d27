package io.github.smtpclient.boot.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.smtpclient.event.MessageFailedEvent;
import io.github.smtpclient.event.MessageSentEvent;
import io.github.smtpclient.event.MessageStartedEvent;
import io.github.smtpclient.event.SmtpListener;

/**
 * Hands each message a client sends to the {@link SmtpTransactionObserver}s: the client's start event opens a
 * transaction for every observer, and the sent or failed event with the same sequence number ends it. With
 * pipelining the next message starts before the previous one ends, hence the map.
 *
 * <p>One instance per client, used on that client's thread, like the client itself.
 */
public final class SmtpTransactionTracker implements SmtpListener {

    private final List<SmtpTransactionObserver> observers;
    private final Map<Long, List<SmtpTransactionObserver.Transaction>> open = new HashMap<>();

    /** A tracker telling these observers, in order, about each transaction. */
    public SmtpTransactionTracker(List<SmtpTransactionObserver> observers) {
        this.observers = List.copyOf(observers);
    }

    @Override
    public void messageStarted(MessageStartedEvent event) {
        List<SmtpTransactionObserver.Transaction> started = new ArrayList<>(observers.size());
        for (SmtpTransactionObserver observer : observers) {
            started.add(observer.started(event));
        }
        open.put(event.sequence(), started);
    }

    @Override
    public void messageSent(MessageSentEvent event) {
        List<SmtpTransactionObserver.Transaction> ended = open.remove(event.sequence());
        if (ended != null) {
            ended.forEach(transaction -> transaction.succeeded(event.result()));
        }
    }

    @Override
    public void messageFailed(MessageFailedEvent event) {
        List<SmtpTransactionObserver.Transaction> ended = open.remove(event.sequence());
        if (ended != null) {
            ended.forEach(transaction -> transaction.failed(event.failure(), event.recipients(), event.bytesSent()));
        }
    }
}
