package io.github.smtpclient.net;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.smtpclient.Setting;
import io.github.smtpclient.SettingNames;

/**
 * Bounds blocking writes, which the socket's read timeout (SO_TIMEOUT) does not cover: if an operation outlasts
 * the timeout, a watchdog closes the TCP socket, which unblocks the write, and the operation fails with
 * {@link SocketTimeoutException}. The connection is unusable afterwards.
 *
 * <p>A write only stamps its start time; one shared daemon thread looks at the open connections every
 * {@value #TICK_MILLIS} ms. Scheduling a timer per write cost more CPU than the SMTP exchange itself.
 */
final class WriteDeadline {

    /** One blocking operation. */
    interface Operation {
        void run() throws IOException;
    }

    static final long TICK_MILLIS = 50;

    private static final Set<WriteDeadline> OPEN = ConcurrentHashMap.newKeySet();
    private static Thread watchdog;

    private final Socket socket;
    private final Duration timeout;
    private final long timeoutNanos;
    /** When the running operation started (System.nanoTime, never 0), or 0 when none runs. */
    private volatile long startedNanos;
    private volatile boolean expired;

    /** @param socket the TCP socket (not a TLS layer over it, whose close could itself block on a write) */
    WriteDeadline(Socket socket, Duration timeout) {
        this.socket = socket;
        this.timeout = timeout;
        this.timeoutNanos = timeout.toNanos();
        OPEN.add(this);
        startWatchdog();
    }

    /** Runs {@code operation}, closing the socket if it takes longer than the timeout. */
    void run(Operation operation) throws IOException {
        start();
        try {
            operation.run();
        } finally {
            stop();
        }
    }

    /**
     * Starts timing a blocking operation; {@link #stop()} must follow in a {@code finally}. Writes use this pair
     * directly rather than {@link #run}: a lambda per write was an allocation and a megamorphic call on the path
     * every command and every slice of data takes.
     *
     * @throws SocketTimeoutException if an earlier operation timed out and the socket is closed
     */
    void start() throws SocketTimeoutException {
        if (expired) {
            throw timedOut();
        }
        startedNanos = System.nanoTime() | 1;
    }

    /**
     * Ends the operation {@link #start()} began. Called from {@code finally}, so when the watchdog closed the socket
     * this replaces whatever the operation threw (an exception about the closed socket) with the timeout that
     * caused it, and turns an operation that completed just as the socket was closed into that timeout too.
     *
     * @throws SocketTimeoutException if the operation outlasted the timeout
     */
    void stop() throws SocketTimeoutException {
        startedNanos = 0;
        if (expired) {
            throw timedOut();
        }
    }

    /** The connection is closed: nothing more to watch. */
    void release() {
        OPEN.remove(this);
    }

    private void checkAt(long now) {
        long started = startedNanos;
        if (started != 0 && now - started > timeoutNanos) {
            expire();
        }
    }

    private void expire() {
        expired = true;
        release();
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is the whole point; a failure to close leaves nothing else to do.
        }
    }

    private SocketTimeoutException timedOut() {
        return new SocketTimeoutException("a write to " + socket.getRemoteSocketAddress()
                + " did not complete within " + timeout.toMillis() + " ms (" + SettingNames.JAVA_API.name(Setting.SOCKET_TIMEOUT.mention()) + "): the server stopped "
                + "reading; the connection was closed");
    }

    private static synchronized void startWatchdog() {
        if (watchdog != null) {
            return;
        }
        watchdog = new Thread(WriteDeadline::watch, "smtp-client-write-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** Runs while connections are open; a later connection starts a new watchdog. */
    private static void watch() {
        while (true) {
            synchronized (WriteDeadline.class) {
                if (OPEN.isEmpty()) {
                    watchdog = null;
                    return;
                }
            }
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                synchronized (WriteDeadline.class) {
                    watchdog = null;
                }
                return;
            }
            long now = System.nanoTime();
            for (WriteDeadline deadline : OPEN) {
                deadline.checkAt(now);
            }
        }
    }
}
