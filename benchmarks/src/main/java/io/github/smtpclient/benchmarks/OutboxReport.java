package io.github.smtpclient.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Renders the outbox benchmark as one self-contained markdown section between two marker comments, which
 * {@code benchmarks/run-outbox.sh} puts into {@code docs/BENCHMARKS.md} and {@code benchmarks/run.sh} copies in when
 * it rewrites that file.
 */
final class OutboxReport {

    static final String START = "<!-- outbox-benchmark:start -->";
    static final String END = "<!-- outbox-benchmark:end -->";

    private final Run run;

    OutboxReport(Run run) {
        this.run = run;
    }

    String section() {
        StringBuilder out = new StringBuilder();
        out.append(START).append('\n');
        out.append("## Outbox: delivery throughput and enqueue latency\n\n");
        out.append("Written by `benchmarks/run-outbox.sh` (to `benchmarks/outbox-results.md` and here);"
                + " `benchmarks/run.sh` copies that file in when it rewrites this page.\n\n");
        out.append("- Command: `").append(run.command).append("` (as root: it starts a PostgreSQL 15 of its own with"
                + " `scripts/testbed/start-postgres.sh`, turns fsync and synchronous commit back on, and stops it on"
                + " exit)\n");
        out.append("- Date: ").append(run.started).append(run.quick
                ? " — QUICK smoke run: a fifth of the messages; the numbers only show that everything runs"
                : "").append('\n');
        out.append("- Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(cpuModel()).append(", load average at start ").append(run.load).append('\n');
        out.append("- JDK: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append('\n');
        out.append("- Sink: ").append(run.sink).append('\n');
        run.stores.forEach((name, description) -> out.append("- ").append(name).append(": ").append(description)
                .append('\n'));
        out.append('\n');
        throughputTable(out);
        latencyTable(out);
        summary(out);
        out.append(METHOD);
        out.append(END).append('\n');
        return out.toString();
    }

    private void throughputTable(StringBuilder out) {
        out.append("Delivery of 1 KB messages to one recipient, ").append(OutboxThroughput.CONNECTIONS)
                .append(" connections of one pooled `SmtpMailSender`, batches of ").append(OutboxThroughput.BATCH)
                .append(" pipelined per connection. Medians of ").append(run.rounds)
                .append(" rounds (min-max); each round runs every path once, one after the other.\n\n");
        out.append("| Path | msgs/s median (min-max) | ÷ direct (median of the rounds' ratios, min-max)"
                + " | JVM CPU µs/msg | PostgreSQL CPU µs/msg | msgs/round |\n");
        out.append("|---|---|---|---|---|---|\n");
        List<OutboxThroughput.Throughput> direct = run.direct;
        row(out, "direct: `sendAll` from " + OutboxThroughput.CONNECTIONS + " threads", direct, null, false);
        run.outbox.forEach((store, rounds) -> row(out, "outbox on " + store + ": " + OutboxThroughput.CONNECTIONS
                + " workers, claims of " + OutboxThroughput.BATCH, rounds, direct, store.equals("PostgreSQL")));
        out.append('\n');
    }

    private static void row(StringBuilder out, String path, List<OutboxThroughput.Throughput> rounds,
            List<OutboxThroughput.Throughput> direct, boolean server) {
        double[] rate = spread(rounds, OutboxThroughput.Throughput::messagesPerSecond);
        out.append("| ").append(path).append(" | ").append(fmt("%,.0f (%,.0f-%,.0f)", rate[1], rate[0], rate[2]))
                .append(" | ");
        if (direct != null) {
            double[] ratios = new double[Math.min(rounds.size(), direct.size())];
            for (int i = 0; i < ratios.length; i++) {
                ratios[i] = rounds.get(i).messagesPerSecond() / direct.get(i).messagesPerSecond();
            }
            double[] ratio = spread(ratios);
            out.append(fmt("%.2f (%.2f-%.2f)", ratio[1], ratio[0], ratio[2]));
        }
        out.append(" | ").append(fmt("%,.0f", spread(rounds, OutboxThroughput.Throughput::jvmCpuMicrosPerMessage)[1]))
                .append(" | ").append(server
                        ? fmt("%,.0f", spread(rounds, OutboxThroughput.Throughput::serverCpuMicrosPerMessage)[1]) : "")
                .append(" | ").append(rounds.isEmpty() ? 0 : rounds.get(0).messages()).append(" |\n");
    }

    private void latencyTable(StringBuilder out) {
        out.append("Enqueue inside a transaction, one thread, workers stopped: take a pooled connection, insert an"
                + " order row, enqueue the 1 KB message on that connection, commit. Every other transaction leaves"
                + " the enqueue out (the baseline). Microseconds; each figure is the median over ")
                .append(run.rounds).append(" rounds of that round's percentile over ").append(run.transactions)
                .append(" transactions.\n\n");
        out.append("| Store | enqueue call p50 | enqueue call p99 | transaction with enqueue p50 | p99"
                + " | same transaction without p50 | p99 |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        run.latency.forEach((store, rounds) -> out.append("| ").append(store)
                .append(" | ").append(median(rounds, r -> r.enqueue().p50()))
                .append(" | ").append(median(rounds, r -> r.enqueue().p99()))
                .append(" | ").append(median(rounds, r -> r.withOutbox().p50()))
                .append(" | ").append(median(rounds, r -> r.withOutbox().p99()))
                .append(" | ").append(median(rounds, r -> r.withoutOutbox().p50()))
                .append(" | ").append(median(rounds, r -> r.withoutOutbox().p99())).append(" |\n"));
        out.append('\n');
    }

    /** The run's figures in words: each store's share of the direct rate, and what the enqueue adds. */
    private void summary(StringBuilder out) {
        out.append("In this run:\n\n");
        run.outbox.forEach((store, rounds) -> out.append("- The outbox on ").append(store).append(" delivered ")
                .append(fmt("%,.0f", spread(rounds, OutboxThroughput.Throughput::messagesPerSecond)[1]))
                .append(" messages/s, ").append(fmt("%.1f", 100 * spread(rounds,
                        OutboxThroughput.Throughput::messagesPerSecond)[1] / spread(run.direct,
                        OutboxThroughput.Throughput::messagesPerSecond)[1]))
                .append("% of direct sending's median rate.\n"));
        run.latency.forEach((store, rounds) -> out.append("- On ").append(store)
                .append(", the enqueue made the transaction's median ")
                .append(fmt("%,.0f", spread(rounds.stream().mapToDouble(r -> r.withOutbox().p50()).toArray())[1]
                        - spread(rounds.stream().mapToDouble(r -> r.withoutOutbox().p50()).toArray())[1]))
                .append(" µs longer (its call alone: ").append(median(rounds, r -> r.enqueue().p50()))
                .append(" µs).\n"));
        out.append('\n');
    }

    private static String median(List<EnqueueLatency.Round> rounds, ToDoubleFunction<EnqueueLatency.Round> figure) {
        return fmt("%,.0f", spread(rounds.stream().mapToDouble(figure).toArray())[1]);
    }

    private static <T> double[] spread(List<T> rounds, ToDoubleFunction<T> figure) {
        return spread(rounds.stream().mapToDouble(figure).toArray());
    }

    /** min, median, max. */
    private static double[] spread(double[] values) {
        if (values.length == 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new double[] {sorted[0], median, sorted[n - 1]};
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static final String METHOD = """
            How it is measured:

            - Both sides send the same bytes (`TestMessages.text(1024, 1)`) over the same pooled sender and sink. The \
            direct side gives every thread a quarter of the messages and calls `sendAll` with batches of 20. The \
            outbox side enqueues its messages first (`enqueue(Envelope, InputStream)`, 500 per transaction, not \
            timed), then times `start()` until its statistics count every message SENT, and checks that the store \
            holds exactly that many SENT rows. Each outbox round starts on an empty store: a new H2 directory, or the \
            PostgreSQL tables dropped and created again (and `ANALYZE`d after the enqueues, as autovacuum would).
            - What an outbox delivery adds to the send, per message: its share of the batch's claim (five statements \
            and a commit per batch: `SELECT ... FOR UPDATE SKIP LOCKED`, the update to SENDING, the reads of \
            recipients, first chunks and headers), one committed update to COMMITTING just before its final dot \
            (the write that makes a crash after the dot end in UNKNOWN, never in a resend; the connection waits for \
            it), its share of the batch's verdict transaction (message, recipient and attempt rows), and the \
            deletion of its stored content in auto-commit statements. The CPU columns show what that costs each side \
            of the JDBC connection, against the direct row.
            - PostgreSQL runs with its durable defaults (fsync, synchronous commit and full-page writes on); its \
            processes' CPU time is read from `/proc`. H2 runs in the benchmark's JVM, so its CPU is in the JVM \
            column; H2 writes each commit to its file before the commit returns but does not fsync it, so its \
            commits survive a killed process, not a power cut.
            - The rounds of all paths alternate, so a busy spell on this shared machine (see the load average) hits \
            every path; the ratio column divides the rates measured in the same round. The first round of each \
            path is a warm-up and is not counted.

            """;

    /** What one run measured, collected as it goes. */
    static final class Run {

        private final String command;
        private final boolean quick;
        private final int rounds;
        private final int transactions;
        private final String started = ZonedDateTime.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        private final String load = loadAverage();
        private final Map<String, String> stores = new LinkedHashMap<>();
        private final List<OutboxThroughput.Throughput> direct = new ArrayList<>();
        private final Map<String, List<OutboxThroughput.Throughput>> outbox = new LinkedHashMap<>();
        private final Map<String, List<EnqueueLatency.Round>> latency = new LinkedHashMap<>();
        private String sink = "";

        Run(String command, boolean quick, int rounds, int transactions) {
            this.command = command;
            this.quick = quick;
            this.rounds = rounds;
            this.transactions = transactions;
        }

        void sink(String description) {
            sink = description;
        }

        void store(String name, String description) {
            stores.put(name, description);
        }

        void direct(OutboxThroughput.Throughput round) {
            direct.add(round);
        }

        void outbox(String store, OutboxThroughput.Throughput round) {
            outbox.computeIfAbsent(store, s -> new ArrayList<>()).add(round);
        }

        void latency(String store, EnqueueLatency.Round round) {
            latency.computeIfAbsent(store, s -> new ArrayList<>()).add(round);
        }
    }
}
