package io.github.smtpclient.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import io.github.smtpclient.Envelope;
import io.github.smtpclient.SmtpClient;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.SmtpMailSender;
import io.github.smtpclient.Submission;
import io.github.smtpclient.net.Connector;
import io.github.smtpclient.net.SocketSettings;
import io.github.smtpclient.net.SocketWire;
import io.github.smtpclient.pool.PoolSettings;
import io.github.smtpclient.tls.TlsMode;
import io.github.smtpclient.tls.TlsSettings;

/**
 * Measures the speed limits: how close the achieved rate comes to each limit over a fixed window (per connection
 * outgoing and incoming, and the limits a whole {@link SmtpMailSender} keeps), and what the limits cost when they do
 * not bind. Writes a Markdown section; {@code benchmarks/run-speed-limits.sh} runs it and puts the section into
 * {@code docs/BENCHMARKS.md}.
 *
 * <pre>java -cp ... io.github.smtpclient.benchmarks.SpeedLimitBenchmark [--seconds=10] --out=FILE</pre>
 */
public final class SpeedLimitBenchmark {

    private static final byte[] MESSAGE_64K = message(64 * 1024);
    private static final byte[] MESSAGE_1K = message(1024);

    private final Duration window;
    private final JavaSink sink;
    private final List<String> rows = new ArrayList<>();
    /** What one connection writes per second without a limit, in this run. */
    private double capacity;

    private SpeedLimitBenchmark(Duration window, JavaSink sink) {
        this.window = window;
        this.sink = sink;
    }

    public static void main(String[] args) throws Exception {
        Duration window = Duration.ofSeconds(10);
        Path out = null;
        for (String arg : args) {
            if (arg.startsWith("--seconds=")) {
                window = Duration.ofSeconds(Long.parseLong(arg.substring(10)));
            } else if (arg.startsWith("--out=")) {
                out = Path.of(arg.substring(6));
            } else {
                throw new IllegalArgumentException("unknown argument " + arg + "; use --seconds=N --out=FILE");
            }
        }
        try (JavaSink sink = new JavaSink()) {
            SpeedLimitBenchmark benchmark = new SpeedLimitBenchmark(window, sink);
            String table = benchmark.run();
            if (out == null) {
                System.out.println(table);
            } else {
                Files.writeString(out, table);
            }
        }
        System.exit(0);
    }

    private String run() throws Exception {
        for (long limit : new long[] {0, 256 * 1024, 1024 * 1024, 8 * 1024 * 1024}) {
            outgoingPerConnection(limit);
        }
        for (long limit : new long[] {256 * 1024, 4 * 1024 * 1024}) {
            incomingPerConnection(limit);
        }
        senderBytes(2 * 1024 * 1024);
        senderMessages(200);
        String cost = costWhenNotBinding();
        return "| setting | what is measured | limit | achieved over " + window.toSeconds() + " s | deviation |\n"
                + "|---|---|---|---|---|\n" + String.join("\n", rows) + "\n\n" + String.format(Locale.ROOT,
                        "Without a limit the same connection wrote %,.0f B/s in this run, so every limit above binds.%n%n",
                        capacity) + cost;
    }

    /**
     * One connection sending batches of 64 KB messages, pipelined, as fast as its outgoing limit lets it; bytes
     * counted above TLS. {@code limit} 0 measures what the connection does without a limit, to show the limits bind.
     */
    private void outgoingPerConnection(long limit) throws Exception {
        List<Submission> batch = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            batch.add(new Submission(Envelope.of("a@example.test", "b@example.test"), new SevenBitBytes(MESSAGE_64K), null));
        }
        try (SmtpClient client = client()) {
            client.socket().setOutgoingSpeedLimit(limit);
            client.connect("127.0.0.1", sink.port());
            long before = client.getConnectionInfo().orElseThrow().bytesSent();
            long started = System.nanoTime();
            long deadline = started + window.toNanos();
            while (System.nanoTime() < deadline) {
                client.sendAll(batch);
            }
            long bytes = client.getConnectionInfo().orElseThrow().bytesSent() - before;
            long elapsed = System.nanoTime() - started;
            if (limit == 0) {
                capacity = bytes / (elapsed / 1e9);
            } else {
                row("socket().outgoingSpeedLimit", "one connection, 64 KB messages pipelined, all bytes written", limit,
                        bytes, elapsed, "B/s");
            }
        }
    }

    /** One connection reading from a server that writes as fast as it can. */
    private void incomingPerConnection(long limit) throws Exception {
        try (ServerSocket firehose = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread writer = new Thread(() -> blast(firehose), "firehose");
            writer.setDaemon(true);
            writer.start();
            SocketSettings socket = new SocketSettings();
            socket.setIncomingSpeedLimit(limit);
            TlsSettings tls = new TlsSettings();
            tls.setMode(TlsMode.NONE);
            try (SocketWire wire = new Connector().connect("127.0.0.1", firehose.getLocalPort(), socket, tls, null)) {
                InputStream in = wire.input();
                byte[] buffer = new byte[64 * 1024];
                long started = System.nanoTime();
                long deadline = started + window.toNanos();
                long bytes = 0;
                while (System.nanoTime() < deadline) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        break;
                    }
                    bytes += n;
                }
                row("socket().incomingSpeedLimit", "one connection reading a server that never stops writing", limit,
                        bytes, System.nanoTime() - started, "B/s");
            }
        }
    }

    /** Four connections of one sender, eight threads, against the sender's byte limit. */
    private void senderBytes(long limit) throws Exception {
        try (SmtpMailSender sender = sender(0, limit)) {
            AtomicLong bytes = new AtomicLong();
            long elapsed = hammer(8, () -> bytes.addAndGet(sender.sendBytes(MESSAGE_64K).bytesSent()));
            row("SmtpMailSender rateLimit(bytes)", "pool of 4, 8 threads, 64 KB messages, message bytes only", limit,
                    bytes.get(), elapsed, "B/s");
        }
    }

    /** Four connections of one sender, eight threads, against the sender's message limit. */
    private void senderMessages(double limit) throws Exception {
        try (SmtpMailSender sender = sender(limit, 0)) {
            AtomicLong messages = new AtomicLong();
            long elapsed = hammer(8, () -> {
                sender.sendBytes(MESSAGE_1K);
                messages.incrementAndGet();
            });
            row("SmtpMailSender rateLimit(messages)", "pool of 4, 8 threads, 1 KB messages", (long) limit,
                    messages.get(), elapsed, "msgs/s");
        }
    }

    /** 1 KB messages pipelined over one connection: no limit (streams not wrapped) against a limit that never binds. */
    private String costWhenNotBinding() throws Exception {
        List<Submission> batch = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            batch.add(new Submission(Envelope.of("a@example.test", "b@example.test"), new SevenBitBytes(MESSAGE_1K), null));
        }
        double[] off = new double[5];
        double[] on = new double[5];
        for (int round = -1; round < off.length; round++) {
            double offRate = pipelined(batch, 0);
            double onRate = pipelined(batch, 10L * 1024 * 1024 * 1024);
            if (round >= 0) { // round -1 warms up the JIT
                off[round] = offRate;
                on[round] = onRate;
            }
        }
        Arrays.sort(off);
        Arrays.sort(on);
        return String.format(Locale.ROOT, "No limit against a limit that never binds (10 GB/s, so the throttling"
                + " stream is in place but never waits): 1 KB messages pipelined over one connection to the Java"
                + " sink, 3 s per round, 5 rounds alternated after one warm-up round. Median %,.0f msgs/s without a"
                + " limit (range %,.0f-%,.0f), %,.0f msgs/s with it (range %,.0f-%,.0f): %+.1f %%. Without a limit"
                + " the streams are not wrapped at all, so the code path is the one measured before limits"
                + " existed.%n", off[2], off[0], off[4], on[2], on[0], on[4], (on[2] / off[2] - 1) * 100);
    }

    private double pipelined(List<Submission> batch, long limit) throws Exception {
        try (SmtpClient client = client()) {
            client.socket().setOutgoingSpeedLimit(limit);
            client.connect("127.0.0.1", sink.port());
            long sent = 0;
            long started = System.nanoTime();
            long deadline = started + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < deadline) {
                client.sendAll(batch);
                sent += batch.size();
            }
            return sent / ((System.nanoTime() - started) / 1e9);
        }
    }

    private void row(String setting, String what, long limit, long achieved, long elapsedNanos, String unit) {
        double rate = achieved / (elapsedNanos / 1e9);
        rows.add(String.format(Locale.ROOT, "| `%s` | %s | %,d %s | %,.0f %s | %+.2f %% |", setting, what, limit,
                unit, rate, unit, (rate / limit - 1) * 100));
        System.err.println(rows.get(rows.size() - 1));
    }

    /** Runs {@code send} on {@code threads} threads until the window is over; returns the elapsed nanoseconds. */
    private long hammer(int threads, Send send) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long started = System.nanoTime();
        long deadline = started + window.toNanos();
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            running.add(pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    send.run();
                }
                return null;
            }));
        }
        for (Future<?> future : running) {
            future.get();
        }
        long elapsed = System.nanoTime() - started;
        pool.shutdown();
        return elapsed;
    }

    @FunctionalInterface
    private interface Send {
        void run() throws SmtpException;
    }

    private SmtpMailSender sender(double messagesPerSecond, long bytesPerSecond) {
        PoolSettings pool = new PoolSettings();
        pool.setMaxSize(4);
        return SmtpMailSender.builder("127.0.0.1", sink.port())
                .configureClients(client -> client.tls().setMode(TlsMode.NONE))
                .pool(pool)
                .rateLimit(messagesPerSecond, bytesPerSecond)
                .build();
    }

    private static SmtpClient client() {
        SmtpClient client = new SmtpClient();
        client.tls().setMode(TlsMode.NONE);
        return client;
    }

    private static void blast(ServerSocket firehose) {
        byte[] chunk = new byte[64 * 1024];
        while (!firehose.isClosed()) {
            try (Socket socket = firehose.accept(); OutputStream out = socket.getOutputStream()) {
                while (true) {
                    out.write(chunk);
                }
            } catch (IOException closed) {
                // the reader went away; wait for the next one
            }
        }
    }

    private static byte[] message(int size) {
        String head = "From: a@example.test\r\nTo: b@example.test\r\nSubject: speed limit\r\n\r\n";
        StringBuilder body = new StringBuilder(size);
        while (body.length() + head.length() < size - 80) {
            body.append("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdef\r\n");
        }
        return (head + body).getBytes(StandardCharsets.US_ASCII);
    }
}
