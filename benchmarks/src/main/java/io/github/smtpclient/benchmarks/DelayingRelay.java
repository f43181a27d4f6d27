package io.github.smtpclient.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A loopback relay between client and server that delays everything the server sends by a fixed time, as a
 * network path would (bytes keep their order and are not delayed twice), and counts the server's reply bursts:
 * a burst is server data that follows client data, so bursts are the round trips the client waited for.
 */
public final class DelayingRelay implements AutoCloseable {

    private final ServerSocket listener;
    private final String targetHost;
    private final int targetPort;
    private final long delayNanos;
    private final AtomicLong bursts = new AtomicLong();

    public DelayingRelay(String targetHost, int targetPort, long delayMillis) throws IOException {
        this.listener = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress());
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.delayNanos = TimeUnit.MILLISECONDS.toNanos(delayMillis);
        daemon(this::accept, "relay");
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Server reply bursts relayed so far, over all connections. */
    public long bursts() {
        return bursts.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(targetHost, targetPort);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                new Connection(client, server).start();
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }

    private static void daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Chunk of server data and the time it may be passed on; an empty chunk marks the end. */
    @SuppressWarnings("ArrayRecordComponent") // never compared or hashed: array identity does not matter
    private record Due(byte[] data, long releaseAt) {
    }

    /** One relayed connection: three threads, client-to-server, server reader, delayed writer. */
    private final class Connection {
        private final Socket client;
        private final Socket server;
        private final BlockingQueue<Due> delayed = new LinkedBlockingQueue<>();
        private volatile boolean clientSpoke = true;

        Connection(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void start() {
            daemon(this::clientToServer, "relay-up");
            daemon(this::readServer, "relay-down");
            daemon(this::writeClient, "relay-delay");
        }

        private void clientToServer() {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = client.getInputStream(); OutputStream out = server.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    clientSpoke = true;
                }
            } catch (IOException e) {
                // Either side closed; the other pump ends too.
            } finally {
                closeBoth();
            }
        }

        private void readServer() {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = server.getInputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (clientSpoke) {
                        clientSpoke = false;
                        bursts.incrementAndGet();
                    }
                    delayed.add(new Due(Arrays.copyOf(buffer, n), System.nanoTime() + delayNanos));
                }
            } catch (IOException e) {
                // Closed.
            } finally {
                delayed.add(new Due(new byte[0], 0));
            }
        }

        private void writeClient() {
            try (OutputStream out = client.getOutputStream()) {
                while (true) {
                    Due due = delayed.take();
                    if (due.data().length == 0) {
                        return;
                    }
                    long wait;
                    while ((wait = due.releaseAt() - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    out.write(due.data());
                }
            } catch (IOException | InterruptedException e) {
                // Closed.
            } finally {
                closeBoth();
            }
        }

        private void closeBoth() {
            try {
                client.close();
                server.close();
            } catch (IOException ignored) {
                // Closing anyway.
            }
        }
    }
}
