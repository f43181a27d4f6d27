package io.github.smtpclient.benchmarks;

import java.util.List;

/**
 * One SMTP client under test. {@link #prepare} turns a {@link TestMessage} into the client's own message type
 * outside the timed section; {@link #open} makes one sender (a connection, or for clients that connect
 * per message, whatever they reuse between sends).
 *
 * @param <M> the client's prepared message type
 */
interface Driver<M> {

    /** Converts a test message into what {@link Sender#send} takes; not timed. */
    M prepare(TestMessage message) throws Exception;

    /** Opens one sender against the server; each sending thread opens its own. */
    Sender<M> open(String host, int port) throws Exception;

    /** One thread's sender. */
    @SuppressWarnings("try") // close() ends a client library's connection, which may throw anything
    interface Sender<M> extends AutoCloseable {

        /** Sends every message in order, as the client sends a batch at its best. */
        void send(List<M> messages) throws Exception;
    }
}
