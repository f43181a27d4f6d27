package io.github.smtpclient.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;

/**
 * Connects to the first of several addresses that answers, as RFC 8305 (Happy Eyeballs) section 5 describes: one
 * attempt starts, and the next starts beside it when the running ones have not connected within the
 * {@link SocketSettings#getConnectionAttemptDelay() attempt delay}, or at once when one fails. The first connection
 * made wins and the others are closed. {@link SocketSettings#getConnectTimeout()} bounds the whole race.
 *
 * <p>A single address is connected to on the calling thread. With several, each attempt runs on a daemon thread of
 * a shared pool (threads end after a minute idle); with a fixed local port they cannot overlap, so then each
 * attempt waits for the previous one to fail.
 */
final class ConnectRace {

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService ATTEMPTS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "smtp-client-connect-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private ConnectRace() {
    }

    /**
     * A connected socket to one of {@code addresses} (in the order to try) on {@code port}.
     *
     * @param name how the target is named in errors ("mail.example.com", "the proxy proxy.example.com")
     * @throws SmtpException CONNECT_FAILED, or TIMEOUT when every address stayed silent until the connect timeout
     */
    static Socket connect(String name, List<InetAddress> addresses, int port, SocketSettings settings)
            throws SmtpException {
        ConnectFailures failures = new ConnectFailures(name, port, settings.getConnectTimeout());
        long timeoutNanos = settings.getConnectTimeout().toNanos();
        long deadline = System.nanoTime() + timeoutNanos;
        if (addresses.size() == 1) {
            Attempt only = new Attempt(addresses.get(0), port, settings, deadline, null);
            only.run();
            if (only.connected != null) {
                return only.connected;
            }
            failures.add(only.address, only.failure);
            throw failures.toException();
        }
        boolean overlap = settings.getLocalPort() == 0;
        long delayNanos = settings.getConnectionAttemptDelay().toNanos();
        BlockingQueue<Attempt> finished = new LinkedBlockingQueue<>();
        List<Attempt> running = new ArrayList<>();
        int next = 0;
        boolean startNext = true;
        try {
            while (true) {
                if (startNext && next < addresses.size() && (overlap || running.isEmpty())) {
                    Attempt attempt = new Attempt(addresses.get(next++), port, settings, deadline, finished);
                    running.add(attempt);
                    ATTEMPTS.execute(attempt);
                }
                startNext = false;
                long now = System.nanoTime();
                if (now - deadline >= 0) {
                    break;
                }
                boolean more = next < addresses.size() && overlap;
                Attempt done = finished.poll(more ? Math.min(delayNanos, deadline - now) : deadline - now,
                        TimeUnit.NANOSECONDS);
                // No result within the delay: the next address starts beside the running ones. A failure starts it
                // at once rather than after the delay.
                startNext = true;
                if (done == null) {
                    continue;
                }
                running.remove(done);
                if (done.connected != null) {
                    return done.connected;
                }
                failures.add(done.address, done.failure);
                if (running.isEmpty() && next == addresses.size()) {
                    throw failures.toException();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmtpException(SmtpErrorCode.CANCELLED, "interrupted while connecting to " + name + ":" + port, e);
        } finally {
            running.forEach(Attempt::cancel);
        }
        for (Attempt attempt : running) {
            failures.add(attempt.address, new SocketTimeoutException("connect timed out"));
        }
        for (int i = next; i < addresses.size(); i++) {
            failures.notTried(addresses.get(i));
        }
        throw failures.toException();
    }

    /** One connect to one address; reports to {@code finished} (when racing) and closes itself if cancelled. */
    private static final class Attempt implements Runnable {

        private final InetAddress address;
        private final int port;
        private final SocketSettings settings;
        private final long deadline;
        private final BlockingQueue<Attempt> finished;
        private final Socket socket = new Socket();
        private volatile boolean cancelled;
        private Socket connected;
        private IOException failure;

        Attempt(InetAddress address, int port, SocketSettings settings, long deadline, BlockingQueue<Attempt> finished) {
            this.address = address;
            this.port = port;
            this.settings = settings;
            this.deadline = deadline;
            this.finished = finished;
        }

        @Override
        public void run() {
            try {
                long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remainingMillis < 1) {
                    throw new SocketTimeoutException("connect timed out");
                }
                open(remainingMillis);
                if (cancelled) {
                    socket.close(); // another address won; this late connection is not wanted
                } else {
                    connected = socket;
                }
            } catch (IOException e) {
                closeQuietly(e);
                failure = e;
            }
            if (finished != null) {
                finished.add(this);
            }
        }

        private void open(long timeoutMillis) throws IOException {
            if (settings.getLocalAddress() != null || settings.getLocalPort() != 0) {
                socket.setReuseAddress(settings.getLocalPort() != 0);
                socket.bind(new InetSocketAddress(settings.getLocalAddress(), settings.getLocalPort()));
            }
            if (settings.getSendBufferSize() > 0) {
                socket.setSendBufferSize(settings.getSendBufferSize()); // before connect, for TCP window scaling
            }
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) settings.getTimeout().toMillis());
            socket.connect(new InetSocketAddress(address, port), (int) Math.min(Integer.MAX_VALUE, timeoutMillis));
        }

        void cancel() {
            cancelled = true;
            closeQuietly(null);
        }

        private void closeQuietly(IOException failure) {
            try {
                socket.close();
            } catch (IOException e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                }
            }
        }
    }
}
