package io.github.smtpclient.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import io.github.smtpclient.SmtpClient;
import io.github.smtpclient.message.Attachment;
import io.github.smtpclient.message.MailMessage;
import io.github.smtpclient.message.dkim.DkimKey;
import io.github.smtpclient.message.dkim.DkimSigner;
import io.github.smtpclient.tls.TlsMode;

/**
 * What DKIM signing costs: a 100 MB message signed and sent in a small heap (run with {@code -Xmx64m}: a composed
 * message with a 100 MB attachment, written twice, and a 100 MB raw stream, spooled to the temporary directory), and
 * the time per message of 1 KB and 5 MB messages unsigned, signed with RSA-2048, with Ed25519, and with both. Sends
 * to the module's {@link JavaSink} on loopback. {@code benchmarks/run-dkim.sh} runs both parts.
 *
 * <pre>java -Xmx64m -cp ... io.github.smtpclient.benchmarks.DkimBenchmark large
 * java -cp ... io.github.smtpclient.benchmarks.DkimBenchmark cost [--seconds=3]</pre>
 */
public final class DkimBenchmark {

    private static final int LARGE_BYTES = 100 * 1024 * 1024;

    private DkimBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = 3;
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("--seconds=")) {
                seconds = Double.parseDouble(args[i].substring(10));
            } else {
                throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        DkimSigner rsa = signer("rsa", key("RSA"));
        DkimSigner ed = signer("ed", key("Ed25519"));
        try (JavaSink sink = new JavaSink()) {
            switch (args.length == 0 ? "" : args[0]) {
                case "large" -> large(sink, List.of(rsa, ed));
                case "cost" -> cost(sink, rsa, ed, seconds);
                default -> throw new IllegalArgumentException("use: large | cost [--seconds=N]");
            }
        }
        System.exit(0);
    }

    private static void large(JavaSink sink, List<DkimSigner> signers) throws Exception {
        long maxHeap = Runtime.getRuntime().maxMemory();
        System.out.println("| Message (signed with RSA-2048 and Ed25519) | Bytes on the wire | Seconds | Peak heap used | Max heap |");
        System.out.println("|---|---:|---:|---:|---:|");
        try (SmtpClient client = client(sink, signers)) {
            resetPeaks();
            long start = System.nanoTime();
            MailMessage message = MailMessage.builder().from("bench@example.test").to("sink@example.test")
                    .subject("100 MB attachment, DKIM-signed").plainText("See the attachment.")
                    .attach(Attachment.fromStream("large.bin", () -> new RandomBytes(LARGE_BYTES))).build();
            client.sendMessage(message);
            long bytes = client.getConnectionInfo().orElseThrow().bytesSent();
            row("composed, 100 MiB attachment (written twice)", bytes, start, maxHeap);
        }
        try (SmtpClient client = client(sink, signers)) {
            resetPeaks();
            long start = System.nanoTime();
            byte[] head = ("From: bench@example.test\r\nTo: sink@example.test\r\nSubject: 100 MB raw stream\r\n"
                    + "MIME-Version: 1.0\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Transfer-Encoding: base64\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] block = GeneratedMimeStream.base64Block();
            long blocks = (long) LARGE_BYTES / block.length + 1;
            try (InputStream in = new GeneratedMimeStream(head, block, blocks, new byte[0])) {
                client.sendStream(in);
            }
            long bytes = client.getConnectionInfo().orElseThrow().bytesSent();
            row("raw stream, 100 MiB (spooled once to sign)", bytes, start, maxHeap);
        }
    }

    private static void row(String name, long bytes, long start, long maxHeap) {
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "| %s | %,d | %.1f | %.1f MiB | %.0f MiB |%n", name, bytes, seconds,
                peakHeap() / 1048576.0, maxHeap / 1048576.0);
    }

    private static void cost(JavaSink sink, DkimSigner rsa, DkimSigner ed, double seconds) throws Exception {
        System.out.println("| Message | Unsigned | rsa-sha256 | ed25519-sha256 | RSA + Ed25519 | RSA cost |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (int size : new int[] {1024, 5 * 1024 * 1024}) {
            byte[] message = rawMessage(size);
            List<Double> times = new ArrayList<>();
            for (List<DkimSigner> signers : List.of(List.<DkimSigner>of(), List.of(rsa), List.of(ed), List.of(rsa, ed))) {
                times.add(millisPerMessage(sink, signers, message, seconds));
            }
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | +%.3f ms (%.2fx) |%n",
                    size == 1024 ? "1 KB" : "5 MB", ms(times.get(0)), ms(times.get(1)), ms(times.get(2)),
                    ms(times.get(3)), times.get(1) - times.get(0), times.get(1) / times.get(0));
        }
    }

    private static String ms(double millis) {
        return String.format(Locale.ROOT, "%.3f ms", millis);
    }

    /** Warms up for a second, then sends for {@code seconds}; the mean time per message. */
    private static double millisPerMessage(JavaSink sink, List<DkimSigner> signers, byte[] message, double seconds)
            throws Exception {
        try (SmtpClient client = client(sink, signers)) {
            long warm = System.nanoTime() + 1_000_000_000L;
            while (System.nanoTime() < warm) {
                client.sendBytes(message);
            }
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            int sent = 0;
            while (System.nanoTime() < end) {
                client.sendBytes(message);
                sent++;
            }
            return (System.nanoTime() - start) / 1e6 / sent;
        }
    }

    private static byte[] rawMessage(int size) {
        StringBuilder text = new StringBuilder("From: bench@example.test\r\nTo: sink@example.test\r\n"
                + "Subject: DKIM cost\r\nDate: Thu, 03 Dec 2026 14:00:00 +0000\r\nMessage-ID: <bench@example.test>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n");
        Random random = new Random(1);
        for (int word = 1; text.length() < size; word++) {
            text.append(Long.toString(random.nextLong() >>> 1, 36)).append(word % 10 == 0 ? "\r\n" : " ");
        }
        return (text.substring(0, size - 2) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static SmtpClient client(JavaSink sink, List<DkimSigner> signers) throws IOException {
        SmtpClient client = new SmtpClient();
        client.tls().setMode(TlsMode.NONE);
        client.transfer().setTempPath(Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"))));
        client.dkim().setSigners(signers);
        client.connect("127.0.0.1", sink.port());
        return client;
    }

    private static DkimSigner signer(String selector, DkimKey key) {
        return DkimSigner.builder().domain("example.test").selector(selector).key(key).build();
    }

    private static DkimKey key(String algorithm) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (algorithm.equals("RSA")) {
            generator.initialize(2048);
        }
        return DkimKey.of(generator.generateKeyPair().getPrivate());
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The sum of the heap pools' peaks: an upper bound of the heap in use at any one time. */
    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    /** {@code size} pseudo-random bytes, made as they are read: one 64 KiB block repeated. */
    private static final class RandomBytes extends InputStream {
        private static final byte[] BLOCK = new byte[64 * 1024];

        static {
            new Random(3).nextBytes(BLOCK);
        }

        private long remaining;

        RandomBytes(long size) {
            this.remaining = size;
        }

        @Override
        public int read() {
            if (remaining == 0) {
                return -1;
            }
            remaining--;
            return BLOCK[(int) (remaining % BLOCK.length)] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (remaining == 0) {
                return -1;
            }
            int n = (int) Math.min(len, remaining);
            int done = 0;
            while (done < n) {
                int at = (int) ((remaining - done) % BLOCK.length);
                int chunk = Math.min(n - done, BLOCK.length - at);
                System.arraycopy(BLOCK, at, b, off + done, chunk);
                done += chunk;
            }
            remaining -= n;
            return n;
        }
    }
}
