package io.github.smtpclient.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.smtpclient.SmtpMailSender;

/**
 * The outbox's benchmark: delivery throughput through the outbox on H2 and on PostgreSQL beside direct pooled sending,
 * in the same run with the rounds interleaved, and the enqueue's latency inside a transaction. Writes a markdown
 * section (see {@link OutboxReport}). Run by {@code benchmarks/run-outbox.sh}, which starts PostgreSQL.
 *
 * <p>Options: {@code --sink=auto|postfix|java}, {@code --rounds=N} (timed rounds, default 5), {@code --quick} (a
 * fifth of the messages, 3 rounds), {@code --postgres-url= --postgres-user= --postgres-password=
 * --postgres-data=DIR} (without them only H2 is measured), {@code --work=DIR} (H2's files), {@code --out=FILE},
 * {@code --command=TEXT} (the reproducing command, for the report).
 */
public final class OutboxBenchmark {

    private OutboxBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        TestMessage message = TestMessages.text(1024, 1);
        List<OutboxDatabase> databases = new ArrayList<>(List.of(OutboxDatabase.h2(options.work())));
        if (options.postgresUrl() != null) {
            databases.add(OutboxDatabase.postgres(options.postgresUrl(), options.postgresUser(),
                    options.postgresPassword(), options.postgresData()));
        }
        OutboxReport.Run run = new OutboxReport.Run(options.command(), options.quick(), options.rounds(),
                options.transactions());
        try (SinkServer sink = SinkServer.start(options.sink());
                SmtpMailSender sender = PooledSenderDriver.newSender("127.0.0.1", sink.port(),
                        OutboxThroughput.CONNECTIONS)) {
            run.sink(sink.description());
            for (OutboxDatabase database : databases) {
                run.store(database.name(), database.describe());
            }
            OutboxThroughput throughput = new OutboxThroughput(sender, message);
            EnqueueLatency latency = new EnqueueLatency(sender, message);

            progress("warm-up");
            throughput.direct(options.directCount() / 4);
            for (OutboxDatabase database : databases) {
                throughput.outbox(database, options.outboxCount() / 4);
                latency.measure(database, options.transactions() / 4);
            }
            for (int round = 1; round <= options.rounds(); round++) {
                OutboxThroughput.Throughput direct = throughput.direct(options.directCount());
                progress("round " + round + " direct " + rate(direct));
                run.direct(direct);
                for (OutboxDatabase database : databases) {
                    OutboxThroughput.Throughput outbox = throughput.outbox(database, options.outboxCount());
                    progress("round " + round + " outbox on " + database.name() + " " + rate(outbox));
                    run.outbox(database.name(), outbox);
                }
            }
            for (int round = 1; round <= options.rounds(); round++) {
                for (OutboxDatabase database : databases) {
                    EnqueueLatency.Round measured = latency.measure(database, options.transactions());
                    progress("round " + round + " enqueue on " + database.name() + " " + measured);
                    run.latency(database.name(), measured);
                }
            }
        }
        String section = new OutboxReport(run).section();
        System.out.println(section);
        if (options.output() != null) {
            Files.writeString(options.output(), section);
        }
    }

    private static String rate(OutboxThroughput.Throughput throughput) {
        return String.format(Locale.ROOT, "%,.0f msgs/s", throughput.messagesPerSecond());
    }

    private static void progress(String line) {
        System.err.println("outbox-benchmark: " + line);
    }

    /**
     * The command line.
     *
     * @param quick            a smoke run
     * @param sink             which sink ({@link SinkServer#start})
     * @param rounds           timed rounds
     * @param directCount      messages per direct round
     * @param outboxCount      messages per outbox round
     * @param transactions     enqueue transactions per latency round (and as many without the enqueue)
     * @param postgresUrl      the PostgreSQL database, or null to measure H2 only
     * @param postgresUser     its user
     * @param postgresPassword its password
     * @param postgresData     its server's data directory (for the server's CPU time)
     * @param work             where H2's files go
     * @param output           the file the section is written to, or null
     * @param command          the reproducing command shown in the report
     */
    record Options(boolean quick, String sink, int rounds, int directCount, int outboxCount, int transactions, String postgresUrl,
            String postgresUser, String postgresPassword, Path postgresData, Path work, Path output, String command) {

        static Options parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>();
            boolean quick = false;
            for (String arg : args) {
                if (arg.equals("--quick")) {
                    quick = true;
                    continue;
                }
                int equals = arg.indexOf('=');
                String name = equals < 0 ? arg : arg.substring(0, equals);
                if (!arg.startsWith("--") || equals < 0 || !List.of("--sink", "--rounds", "--postgres-url",
                        "--postgres-user", "--postgres-password", "--postgres-data", "--work", "--out", "--command")
                        .contains(name)) {
                    throw new IllegalArgumentException("unknown option '" + arg + "'; options: --quick"
                            + " --sink=auto|postfix|java --rounds=N --postgres-url=JDBC-URL --postgres-user=U"
                            + " --postgres-password=P --postgres-data=DIR --work=DIR --out=FILE --command=TEXT");
                }
                values.put(name.substring(2), arg.substring(equals + 1));
            }
            int scale = quick ? 5 : 1;
            String out = values.get("out");
            String data = values.get("postgres-data");
            return new Options(quick, values.getOrDefault("sink", "auto"),
                    Integer.parseInt(values.getOrDefault("rounds", quick ? "3" : "5")), 20_000 / scale, 5_000 / scale,
                    1_000 / scale, values.get("postgres-url"), values.get("postgres-user"),
                    values.get("postgres-password"), data == null ? null : Path.of(data),
                    Path.of(values.getOrDefault("work", "target/outbox-benchmark")), out == null ? null : Path.of(out),
                    values.getOrDefault("command", "benchmarks/run-outbox.sh" + (quick ? " --quick" : "")));
        }
    }
}
