package io.github.smtpclient.boot.outbox.crash;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP relay in front of a real SMTP server that injects the faults no real server produces on demand, decided by a
 * seeded random source: connections reset on arrival, a 421 instead of forwarding MAIL FROM, a reset in the middle of
 * a message's data, a connection dropped right after the final dot was forwarded (the server has the message, the
 * client never hears so; for BDAT, after the last chunk), and delayed replies. Replies stay in order, as a real server's do. It reads the client's side line by line to know where the data ends.
 */
final class FaultInjectingRelay implements AutoCloseable {

    /** What was injected, for the test's figures. */
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger resetsOnConnect = new AtomicInteger();
    final AtomicInteger refusals421 = new AtomicInteger();
    final AtomicInteger resetsInData = new AtomicInteger();
    final AtomicInteger dropsAfterDot = new AtomicInteger();
    final AtomicInteger delays = new AtomicInteger();

    private static final Pattern BDAT = Pattern.compile("BDAT (\\d+)( LAST)?\r\n", Pattern.CASE_INSENSITIVE);

    private final ServerSocket listener;
    private final String upstreamHost;
    private final int upstreamPort;
    private final Random random;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "fault-relay");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean faults = true;

    FaultInjectingRelay(String upstreamHost, int upstreamPort, long seed) throws IOException {
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        this.random = new Random(seed);
        this.listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** From now on only relays, so that what is left can be delivered. */
    void stopFaults() {
        faults = false;
    }

    private synchronized boolean chance(double probability) {
        return faults && random.nextDouble() < probability;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                connections.incrementAndGet();
                threads.execute(() -> relay(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        try (client; Socket server = new Socket(upstreamHost, upstreamPort)) {
            if (chance(0.03)) {
                resetsOnConnect.incrementAndGet();
                reset(client);
                return;
            }
            server.setSoTimeout(30_000);
            threads.execute(() -> pumpReplies(server, client));
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream up = server.getOutputStream();
            boolean data = false;
            int transactions = 0;
            byte[] line;
            while ((line = readLine(in)) != null) {
                String text = new String(line, StandardCharsets.US_ASCII);
                boolean mail = !data && text.regionMatches(true, 0, "MAIL FROM:", 0, 10);
                // Only the first MAIL of a connection: later ones are pipelined behind a final dot whose reply is
                // still owed, and a 421 read as that reply would say the server refused a message it took.
                if (mail && transactions++ == 0 && chance(0.06)) {
                    refusals421.incrementAndGet();
                    client.getOutputStream().write("421 4.3.2 Relay shutting down (injected)\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    client.getOutputStream().flush();
                    return;
                }
                Matcher chunk = data ? null : BDAT.matcher(text);
                if (chunk != null && chunk.matches()) {
                    // A batch goes with BDAT (RFC 3030): its chunks are counted bytes, not lines, and meet the same
                    // faults as DATA's.
                    if (!relayChunk(line, in.readNBytes(Integer.parseInt(chunk.group(1))), chunk.group(2) != null,
                            client, server, up)) {
                        return;
                    }
                    continue;
                }
                if (data && text.equals(".\r\n")) {
                    data = false;
                    if (chance(0.02)) {
                        // The server gets the whole message and commits it; the client never hears about it.
                        up.write(line);
                        up.flush();
                        dropsAfterDot.incrementAndGet();
                        reset(client);
                        return;
                    }
                } else if (data && chance(0.002)) {
                    resetsInData.incrementAndGet();
                    reset(client);
                    reset(server);
                    return;
                }
                if (!data && text.equalsIgnoreCase("DATA\r\n")) {
                    data = true;
                }
                up.write(line);
                if (in.available() == 0) {
                    up.flush();
                }
            }
        } catch (IOException e) {
            // A reset or a closed side ends the relay of this connection.
        }
    }

    /**
     * Forwards one BDAT command and its chunk, or injects a fault: a reset in the middle of the chunk, or (after the
     * last chunk, forwarded whole) a dropped connection, so that the server has the message and the client never
     * hears so. Returns false when the connection ended.
     */
    private boolean relayChunk(byte[] command, byte[] chunk, boolean last, Socket client, Socket server,
            OutputStream up) throws IOException {
        up.write(command);
        if (chance(0.002 * Math.max(1, chunk.length / 100))) {
            up.write(chunk, 0, chunk.length / 2);
            up.flush();
            resetsInData.incrementAndGet();
            reset(client);
            reset(server);
            return false;
        }
        up.write(chunk);
        if (last && chance(0.02)) {
            up.flush();
            dropsAfterDot.incrementAndGet();
            reset(client);
            return false;
        }
        return true;
    }

    /** Server to client, some replies delayed; after the client is gone, the server's replies are read and dropped. */
    private void pumpReplies(Socket server, Socket client) {
        try {
            InputStream in = new BufferedInputStream(server.getInputStream());
            OutputStream out = client.getOutputStream();
            byte[] line;
            boolean clientGone = false;
            while ((line = readLine(in)) != null) {
                if (clientGone) {
                    continue;
                }
                if (chance(0.01)) {
                    delays.incrementAndGet();
                    Thread.sleep(300);
                }
                try {
                    out.write(line);
                    if (in.available() == 0) {
                        out.flush();
                    }
                } catch (SocketException e) {
                    clientGone = true;
                }
            }
        } catch (IOException e) {
            // Closed: nothing more to relay.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                server.close();
            } catch (IOException e) {
                // Already closed.
            }
        }
    }

    private static void reset(Socket socket) throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /** One line with its CRLF (or what is left at the end of the stream), or null at the end. */
    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) >= 0) {
            line.write(b);
            if (b == '\n') {
                return line.toByteArray();
            }
        }
        return line.size() == 0 ? null : line.toByteArray();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        threads.shutdownNow();
    }
}
