package io.github.smtpclient.benchmarks;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every client on every workload against the same local sink and prints one markdown table. Each Java
 * client runs in a JVM of its own per workload, so its CPU time, heap and RSS are its alone; the sink and the
 * delaying relay run here (or, for smtp-sink, in their own process). Options: see {@link RunnerOptions}.
 */
public final class BenchmarkRunner {

    private static final long REPLY_DELAY_MILLIS = 2;

    private BenchmarkRunner() {
    }

    public static void main(String[] args) throws Exception {
        RunnerOptions options = RunnerOptions.parse(args);
        List<Result> results = new ArrayList<>();
        String probe;
        String server;
        try (SinkServer sink = SinkServer.start(options.sink());
                DelayingRelay relay = new DelayingRelay("127.0.0.1", sink.port(), REPLY_DELAY_MILLIS)) {
            server = sink.description();
            ChildJvm jvm = new ChildJvm(options);
            for (Workload workload : options.workloads()) {
                results.addAll(alternating(options, jvm, sink, relay, workload));
            }
            probe = String.join("\n", RoundTripProbe.measure(relay).describe());
            if (options.profile() != null) {
                jvm.run(Client.SMTP_CLIENT, Workload.SMALL, sink.port(), "512m", List.of(
                        "-XX:StartFlightRecording=filename=" + options.profile() + ",settings=profile,jdk.ExecutionSample#period=1ms"));
            }
        }
        MarkdownReport report = new MarkdownReport(results);
        String text = "Server: " + server + ". Reply delay for the delayed workload: " + REPLY_DELAY_MILLIS + " ms.\n\n"
                + report.table() + "\n" + probe + "\n\nTargets of issue 12 (ratios of medians to the ceiling in this run):\n\n"
                + String.join("\n", report.targets()) + "\n";
        System.out.println(text);
        if (options.output() != null) {
            Files.writeString(options.output(), text);
        }
    }

    /**
     * Every client on one workload. The clients the targets compare (smtp-client, its pooled sender and the ceiling)
     * run in {@link RunnerOptions#rounds()} alternating rounds of fresh JVMs, whose repetitions are pooled (see
     * {@link RunnerOptions#repetitionsFor(Client)}): a ratio of their medians then compares runs spread over the same
     * minutes, not a client measured while the machine was slow against one measured while it was fast. The other
     * clients, for reference, and the memory workload run once.
     */
    private static List<Result> alternating(RunnerOptions options, ChildJvm jvm, SinkServer sink, DelayingRelay relay,
            Workload workload) throws Exception {
        Map<Client, Result> pooled = new LinkedHashMap<>();
        for (int round = 0; round < options.rounds(); round++) {
            for (Client client : options.clients()) {
                if (round > 0 && (!client.hasTarget() || workload.isMemoryOnly())) {
                    continue;
                }
                Result result = run(options, jvm, sink, relay, workload, client);
                if (result != null) {
                    System.err.println(result);
                    pooled.merge(client, result, Result::pooledWith);
                }
            }
        }
        return new ArrayList<>(pooled.values());
    }

    /** One client on one workload, or null when the combination is not measured. */
    private static Result run(RunnerOptions options, ChildJvm jvm, SinkServer sink, DelayingRelay relay,
            Workload workload, Client client) throws Exception {
        int port = workload.isDelayed() ? relay.port() : sink.port();
        if (client.isNative()) {
            if (!SmtpSourceRun.isInstalled() || workload.isMemoryOnly()) {
                return null;
            }
            long before = relay.bursts();
            Result result = new SmtpSourceRun(options).run(workload, port);
            return countTrips(workload, result, relay.bursts() - before);
        }
        if (workload.isMemoryOnly()) {
            Result small = jvm.run(client, workload, port, "64m", List.of());
            if (!small.failed()) {
                return small.withNote("ran with -Xmx64m");
            }
            Result large = jvm.run(client, workload, port, "256m", List.of());
            return large.failed() ? large.withNote("failed with -Xmx64m and -Xmx256m: " + large.note())
                    : large.withNote("failed with -Xmx64m, ran with -Xmx256m");
        }
        long before = relay.bursts();
        Result result = jvm.run(client, workload, port, "512m", List.of());
        if (client == Client.SMTP_CLIENT && workload.connections() > 1 && !result.failed()) {
            result = result.withNote(workload.connections() + " SmtpClients, one per thread");
        }
        return countTrips(workload, result, relay.bursts() - before);
    }

    private static Result countTrips(Workload workload, Result result, long bursts) {
        if (!workload.isDelayed() || result.failed() || result.totalMessages() == 0) {
            return result;
        }
        return result.withRoundTrips((double) bursts / result.totalMessages());
    }
}
