package io.github.smtpclient.net;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Bounds blocking writes, which the socket's read timeout (SO_TIMEOUT) does not cover: if an operation outlasts
 * the timeout, a watchdog closes the TCP socket, which unblocks the write, and the operation fails with
 * {@link SocketTimeoutException}. The connection is unusable afterwards.
 */
final class WriteDeadline {

    /** One blocking operation. */
    interface Operation {
        void run() throws IOException;
    }

    /** A single daemon thread shared by all connections; it exits when no write has been pending for a while. */
    private static final ScheduledThreadPoolExecutor WATCHDOG = watchdog();

    private final Socket socket;
    private final Duration timeout;
    private volatile boolean expired;

    /** @param socket the TCP socket (not a TLS layer over it, whose close could itself block on a write) */
    WriteDeadline(Socket socket, Duration timeout) {
        this.socket = socket;
        this.timeout = timeout;
    }

    /** Runs {@code operation}, closing the socket if it takes longer than the timeout. */
    void run(Operation operation) throws IOException {
        if (expired) {
            throw timedOut(null);
        }
        ScheduledFuture<?> alarm = WATCHDOG.schedule(this::expire, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            operation.run();
        } catch (IOException e) {
            throw expired ? timedOut(e) : e;
        } finally {
            alarm.cancel(false);
        }
        if (expired) {
            throw timedOut(null);
        }
    }

    private void expire() {
        expired = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is the whole point; a failure to close leaves nothing else to do.
        }
    }

    private SocketTimeoutException timedOut(IOException cause) {
        SocketTimeoutException e = new SocketTimeoutException("a write to " + socket.getRemoteSocketAddress()
                + " did not complete within " + timeout.toMillis() + " ms (socket().timeout): the server stopped "
                + "reading; the connection was closed");
        e.initCause(cause);
        return e;
    }

    private static ScheduledThreadPoolExecutor watchdog() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "smtp-client-write-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setKeepAliveTime(30, TimeUnit.SECONDS);
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
