package io.github.smtpclient.benchmarks;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Command-line options of {@link BenchmarkRunner}.
 *
 * @param quick               smoke run: a tenth of the messages, short warm-up and repetitions, 64 MB instead of 1 GB
 * @param sink                "postfix" (smtp-sink), "java" (the in-process {@link JavaSink}) or "auto"
 * @param workloads           the workloads to run
 * @param clients             the clients to run
 * @param repetitions         timed repetitions after warm-up, of a client that runs once
 * @param rounds              alternating rounds of the clients that targets compare ({@link Client#hasTarget()})
 * @param warmupSeconds       warm-up time per client and workload
 * @param targetSeconds       the length a repetition aims at for clients too slow to send the whole count
 * @param childTimeoutSeconds a client's JVM is killed after this long
 * @param output              file the markdown table is written to, or null
 * @param profile             JFR recording of smtp-client on the 1 KB workload, or null for none
 * @param logDirectory        where the client JVMs' output goes
 */
record RunnerOptions(boolean quick, String sink, List<Workload> workloads, List<Client> clients, int repetitions,
        int rounds, double warmupSeconds, double targetSeconds, int childTimeoutSeconds, Path output, Path profile,
        Path logDirectory) {

    /**
     * Repetitions per JVM: a client that runs in several rounds splits the repetitions over them, at least two a
     * round, so its median rests on at least as many as a client that runs once.
     */
    int repetitionsFor(Client client) {
        return rounds > 1 && client.hasTarget() ? Math.max(2, (repetitions + rounds - 1) / rounds) : repetitions;
    }

    static RunnerOptions parse(String[] args) {
        boolean quick = Arrays.asList(args).contains("--quick");
        String sink = "auto";
        List<Workload> workloads = List.of(Workload.values());
        List<Client> clients = List.of(Client.values());
        int repetitions = 5;
        int rounds = quick ? 1 : 5;
        Path output = null;
        Path profile = null;
        for (String arg : args) {
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
            if (arg.startsWith("--sink=")) {
                sink = value;
            } else if (arg.startsWith("--workloads=")) {
                workloads = Arrays.stream(value.split(",")).map(Workload::byKey).toList();
            } else if (arg.startsWith("--clients=")) {
                clients = Arrays.stream(value.split(",")).map(Client::byKey).toList();
            } else if (arg.startsWith("--reps=")) {
                repetitions = Integer.parseInt(value);
            } else if (arg.startsWith("--rounds=")) {
                rounds = Integer.parseInt(value);
            } else if (arg.startsWith("--out=")) {
                output = Path.of(value);
            } else if (arg.startsWith("--profile=")) {
                profile = Path.of(value);
            } else if (!arg.equals("--quick")) {
                throw new IllegalArgumentException("unknown option '" + arg + "'; options: --quick --sink=auto|postfix|java"
                        + " --workloads=a,b --clients=a,b --reps=N --rounds=N --out=FILE --profile=FILE.jfr");
            }
        }
        if (rounds < 1 || repetitions < 1) {
            throw new IllegalArgumentException("--reps and --rounds must be at least 1");
        }
        return new RunnerOptions(quick, sink, workloads, clients, repetitions, rounds, quick ? 0.3 : 5.0, quick ? 0.2 : 1.5,
                quick ? 120 : 300, output, profile, Path.of("target", "bench-logs"));
    }
}
