package io.github.smtpclient.tls;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.bouncycastle.tls.TlsSession;

/**
 * TLS sessions kept for resumption, keyed by server host name and port. Every {@link TlsSettings} starts with a cache
 * of its own, so one {@code SmtpClient} resumes across its reconnects; an {@code SmtpMailSender} gives all its pooled
 * clients one cache, so a new pooled connection resumes the session of an earlier one. A session made with one
 * address of a host is offered to another address of that host only with
 * {@link TlsSettings#setForceResumeIfDestinationChanges(boolean)}. Thread-safe.
 *
 * <p>Resumption never skips validation: the chain of a resumed session (from its original handshake) is validated
 * again against the connecting client's settings.
 */
public final class TlsSessionCache {

    private final Map<String, Destination<JsseContext>> jsse = new HashMap<>();
    private final Map<String, Destination<TlsSession>> bouncyCastle = new HashMap<>();

    /** An empty cache. */
    public TlsSessionCache() {
    }

    /** The number of destinations with a resumable session (on either engine). */
    public synchronized int size() {
        return jsse.size() + bouncyCastle.size();
    }

    /** Forgets every session. */
    public synchronized void clear() {
        jsse.clear();
        bouncyCastle.clear();
    }

    /**
     * The JSSE context for {@code host:port}, whose session cache holds its sessions: the one made earlier when
     * resumption may use it here, otherwise a new one from {@code factory} that replaces it.
     */
    synchronized JsseContext jsseContext(String host, int port, InetAddress address, boolean anyAddress,
            Supplier<JsseContext> factory) {
        String key = key(host, port);
        Destination<JsseContext> known = jsse.get(key);
        if (known != null && (anyAddress || known.address().equals(address))) {
            return known.state();
        }
        JsseContext fresh = factory.get();
        jsse.put(key, new Destination<>(address, fresh));
        return fresh;
    }

    /** The Bouncy Castle session to offer to {@code host:port}, or {@code null}. */
    synchronized TlsSession bouncyCastleSession(String host, int port, InetAddress address, boolean anyAddress) {
        Destination<TlsSession> known = bouncyCastle.get(key(host, port));
        if (known == null || !(anyAddress || known.address().equals(address)) || !known.state().isResumable()) {
            return null;
        }
        return known.state();
    }

    /** Keeps {@code session} for {@code host:port}; a {@code null} or non-resumable session forgets the old one. */
    synchronized void keep(String host, int port, InetAddress address, TlsSession session) {
        if (session == null || !session.isResumable()) {
            bouncyCastle.remove(key(host, port));
        } else {
            bouncyCastle.put(key(host, port), new Destination<>(address, session));
        }
    }

    private static String key(String host, int port) {
        return host.toLowerCase(Locale.ROOT) + ":" + port;
    }

    /** What is kept for one host and port, and the address it was made with. */
    private record Destination<S>(InetAddress address, S state) {
        Destination {
            Objects.requireNonNull(address, "address");
        }
    }
}
