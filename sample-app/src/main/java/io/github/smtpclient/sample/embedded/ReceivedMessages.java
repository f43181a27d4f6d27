package io.github.smtpclient.sample.embedded;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The last messages the embedded server received, newest first; older ones are forgotten. Thread-safe. */
public final class ReceivedMessages {

    private final int capacity;
    private final Deque<ReceivedMessage> messages;

    /** @param capacity how many messages are kept, at least 1 */
    public ReceivedMessages(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("sample.embedded-server.keep must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.messages = new ArrayDeque<>(capacity);
    }

    synchronized void add(ReceivedMessage message) {
        if (messages.size() == capacity) {
            messages.removeLast();
        }
        messages.addFirst(message);
    }

    /** The kept messages, newest first. */
    public synchronized List<ReceivedMessage> newestFirst() {
        return List.copyOf(messages);
    }
}
