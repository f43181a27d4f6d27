package io.github.smtpclient.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import io.github.smtpclient.Envelope;
import io.github.smtpclient.MessageContent;
import io.github.smtpclient.SmtpClient;
import io.github.smtpclient.Submission;
import io.github.smtpclient.message.Attachment;
import io.github.smtpclient.message.MailMessage;
import io.github.smtpclient.message.MimeOptions;
import io.github.smtpclient.message.MimeWriter;
import io.github.smtpclient.tls.TlsMode;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * What composing a message, and handing over a ready one, costs the caller on top of sending bytes that are already
 * a {@link MessageContent}: one client on one connection to the sink, one message per call, the ways of sending
 * alternating in every repetition. CPU and allocation are the calling thread's (the client does all its work on
 * it); the sink runs outside when Postfix's smtp-sink is installed.
 *
 * <p>Arguments: {@code --out=FILE} (the markdown table), {@code --profile=DIR} (JFR recordings of the composed and
 * sendBytes ways), {@code --quick}, {@code --sink=auto|postfix|java}.
 */
public final class ComposeBenchmark {

    /** The ways of sending the same message, with the issue 12 target of each as a ratio to pre-built content. */
    enum Way {
        PREBUILT("pre-built `MessageContent` (`sendAll`)", 1.0),
        COMPOSED("composed `MailMessage` (`sendMessage`)", 1.5),
        BUILT_AND_COMPOSED("built per call, then composed", Double.NaN),
        SEND_BYTES("ready bytes (`sendBytes`)", 1.2),
        SEND_BYTES_WITH_ENVELOPE("ready bytes and their envelope (`sendBytes(envelope, bytes)`)", Double.NaN),
        SEND_FILE("ready file (`sendFile`)", Double.NaN);

        final String label;
        final double target;

        Way(String label, double target) {
            this.label = label;
            this.target = target;
        }
    }

    private static final long ALLOCATION_TARGET = 8 * 1024;

    private static final String TEXT = "The quick brown fox jumps over the lazy dog; pack my box with five dozen jugs.\n"
            .repeat(9);

    private ComposeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String out = null;
        Path profile = null;
        boolean quick = false;
        String sinkKind = "auto";
        for (String arg : args) {
            if (arg.startsWith("--out=")) {
                out = arg.substring(6);
            } else if (arg.startsWith("--profile=")) {
                profile = Path.of(arg.substring(10));
            } else if (arg.equals("--quick")) {
                quick = true;
            } else if (arg.startsWith("--sink=")) {
                sinkKind = arg.substring(7);
            } else {
                throw new IllegalArgumentException("Unknown argument " + arg);
            }
        }
        // Short repetitions, many of them: the ways alternate every few tens of milliseconds, so a burst of other
        // work on the machine falls on all of them alike.
        int perRepetition = quick ? 500 : 1_000;
        int repetitions = quick ? 6 : 45;
        int warmUp = quick ? 3_000 : 30_000;

        byte[] attachment = new byte[256];
        new Random(42).nextBytes(attachment);
        MailMessage message = message(attachment);
        byte[] rendered = render(message);
        Path file = Files.createTempFile("compose-benchmark", ".eml");
        Files.write(file, rendered);
        Envelope envelope = Envelope.of(TestMessages.SENDER, List.of("rcpt1@example.test"));
        Submission prebuilt = new Submission(envelope, new SevenBitBytes(rendered), null);

        Map<Way, List<double[]>> samples = new EnumMap<>(Way.class);
        String sinkDescription;
        try (SinkServer sink = SinkServer.start(sinkKind)) {
            sinkDescription = sink.description();
            SmtpClient client = new SmtpClient();
            client.setDomain("bench.example.test");
            client.tls().setMode(TlsMode.NONE);
            client.connect("127.0.0.1", sink.port());
            Map<Way, Send> sends = new EnumMap<>(Way.class);
            sends.put(Way.PREBUILT, () -> client.sendAll(List.of(prebuilt)).get(0).orThrow());
            sends.put(Way.COMPOSED, () -> client.sendMessage(message));
            sends.put(Way.BUILT_AND_COMPOSED, () -> client.sendMessage(message(attachment)));
            sends.put(Way.SEND_BYTES, () -> client.sendBytes(rendered));
            sends.put(Way.SEND_BYTES_WITH_ENVELOPE, () -> client.sendBytes(envelope, rendered));
            sends.put(Way.SEND_FILE, () -> client.sendFile(file));
            for (Way way : Way.values()) {
                repeat(sends.get(way), warmUp);
            }
            for (int repetition = 0; repetition < repetitions; repetition++) {
                Way[] ways = Way.values();
                for (int i = 0; i < ways.length; i++) {
                    Way way = ways[(i + repetition) % ways.length];
                    samples.computeIfAbsent(way, w -> new ArrayList<>()).add(measure(sends.get(way), perRepetition));
                }
            }
            if (profile != null) {
                int profiled = quick ? 4_000 : 20_000;
                record(sends.get(Way.PREBUILT), profiled, profile.resolve("compose-prebuilt.jfr"));
                record(sends.get(Way.COMPOSED), profiled, profile.resolve("compose-composed.jfr"));
                record(sends.get(Way.SEND_BYTES), profiled, profile.resolve("compose-sendbytes.jfr"));
            }
            client.disconnect();
        } finally {
            Files.deleteIfExists(file);
        }
        String table = table(samples, rendered.length, repetitions, perRepetition, sinkDescription);
        if (out == null) {
            System.out.print(table);
        } else {
            Files.writeString(Path.of(out), table);
        }
    }

    /** One send; the result is checked by the client, which throws on any refusal. */
    @FunctionalInterface
    private interface Send {
        void run() throws Exception;
    }

    /** A text part of about 700 bytes and a 256-byte attachment: about 1.7 KB on the wire. */
    static MailMessage message(byte[] attachment) {
        return MailMessage.builder()
                .from("Benchmark <" + TestMessages.SENDER + ">")
                .to("rcpt1@example.test")
                .subject("smtp-client benchmark message")
                .plainText(TEXT)
                .attach(Attachment.fromBytes("data.bin", attachment))
                .build();
    }

    private static byte[] render(MailMessage message) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var prepared = MimeWriter.prepare(message, MimeOptions.defaults())) {
            prepared.writeTo(out);
        }
        return out.toByteArray();
    }

    private static void repeat(Send send, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            send.run();
        }
    }

    /** Caller-thread CPU nanoseconds and allocated bytes per message over {@code count} sends. */
    private static double[] measure(Send send, int count) throws Exception {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long cpu = threads.getCurrentThreadCpuTime();
        long allocated = threads.getThreadAllocatedBytes(thread);
        repeat(send, count);
        long cpuPerMessage = (threads.getCurrentThreadCpuTime() - cpu) / count;
        long allocatedPerMessage = (threads.getThreadAllocatedBytes(thread) - allocated) / count;
        return new double[] {cpuPerMessage, allocatedPerMessage};
    }

    private static void record(Send send, int count, Path file) throws Exception {
        try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
            recording.enable("jdk.ObjectAllocationSample").with("throttle", "5000/s");
            recording.start();
            repeat(send, count);
            recording.stop();
            recording.dump(file);
        }
    }

    private static String table(Map<Way, List<double[]>> samples, int size, int repetitions, int perRepetition,
            String sink) {
        double baseline = median(samples.get(Way.PREBUILT), 0);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "One connection to %s, one message of %,d bytes per call, %d repetitions"
                + " of %,d sends per way after warm-up, the ways alternating. CPU and allocation are the calling"
                + " thread's, per message (medians, min-max).%n%n", sink, size, repetitions, perRepetition));
        out.append("| way | CPU µs/msg | vs pre-built | target | allocated bytes/msg | target |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (Way way : Way.values()) {
            List<double[]> runs = samples.get(way);
            double cpu = median(runs, 0);
            double ratio = cpu / baseline;
            double allocated = median(runs, 1);
            String cpuTarget = Double.isNaN(way.target) || way == Way.PREBUILT ? "-"
                    : String.format(Locale.ROOT, "≤ %.1fx: %s", way.target, ratio <= way.target ? "met" : "**missed**");
            String allocationTarget = way != Way.COMPOSED ? "-"
                    : String.format(Locale.ROOT, "≤ %,d: %s", ALLOCATION_TARGET,
                            allocated <= ALLOCATION_TARGET ? "met" : "**missed**");
            out.append(String.format(Locale.ROOT, "| %s | %.1f (%.1f-%.1f) | %.2fx | %s | %,.0f (%,.0f-%,.0f) | %s |%n",
                    way.label, cpu / 1000, min(runs, 0) / 1000, max(runs, 0) / 1000, ratio, cpuTarget, allocated,
                    min(runs, 1), max(runs, 1), allocationTarget));
        }
        return out.toString();
    }

    private static double median(List<double[]> runs, int column) {
        double[] values = runs.stream().mapToDouble(r -> r[column]).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static double min(List<double[]> runs, int column) {
        return runs.stream().mapToDouble(r -> r[column]).min().orElseThrow();
    }

    private static double max(List<double[]> runs, int column) {
        return runs.stream().mapToDouble(r -> r[column]).max().orElseThrow();
    }
}
