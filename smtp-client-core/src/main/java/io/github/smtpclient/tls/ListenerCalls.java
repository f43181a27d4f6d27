package io.github.smtpclient.tls;

import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers events to a listener under the {@link io.github.smtpclient.event.SmtpListener} contract: a throwing listener is logged and ignored. */
final class ListenerCalls {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerCalls.class);

    private ListenerCalls() {
    }

    /** Calls {@code method} with {@code event}; returns false if the listener threw. */
    static <E> boolean deliver(Consumer<E> method, E event) {
        try {
            method.accept(event);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("SmtpListener threw while handling {}; ignored", event.getClass().getSimpleName(), e);
            return false;
        }
    }
}
