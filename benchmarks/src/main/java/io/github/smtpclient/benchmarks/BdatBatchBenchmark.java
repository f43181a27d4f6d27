package io.github.smtpclient.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The BDAT batch row of issue 12: batches of 1 KB messages through a {@link DelayingRelay} in front of a server that
 * offers PIPELINING and CHUNKING (Postfix), smtp-client's {@code sendAll} against {@link MinimalBdatPipeliningDriver}
 * in the same run, alternating (after {@value #WARM_UP_BATCHES} warm-up batches each, a fresh connection per batch),
 * with the round trips per message counted by the relay. Prints a Markdown table.
 *
 * <pre>
 * java -cp CP io.github.smtpclient.benchmarks.BdatBatchBenchmark HOST PORT RECIPIENT DELAY_MS BATCH REPS [DELAY_MS BATCH REPS ...]
 * </pre>
 */
public final class BdatBatchBenchmark {

    private static final int WARM_UP_BATCHES = 8;

    private BdatBatchBenchmark() {
    }

    /**
     * Runs the row for every (delay, batch, repetitions) triple given.
     *
     * @param args host, port and recipient of the server, then triples of delay in ms, batch size and repetitions
     */
    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        String recipient = args[2];
        TestMessage text = TestMessages.text(1024, 1);
        String body = new String(text.bytes(), java.nio.charset.StandardCharsets.US_ASCII)
                .replace(text.recipients().get(0), recipient);
        TestMessage message = TestMessage.ofBytes(TestMessages.SENDER, List.of(recipient),
                body.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        System.out.println("| delay | batch | client | msgs/s (median, min-max) | round trips/msg (median) | ratio to ceiling |");
        System.out.println("|---|---|---|---|---|---|");
        for (int i = 3; i + 2 < args.length; i += 3) {
            long delay = Long.parseLong(args[i]);
            int batch = Integer.parseInt(args[i + 1]);
            int reps = Integer.parseInt(args[i + 2]);
            try (DelayingRelay relay = new DelayingRelay(host, port, delay)) {
                Row<?> client = new Row<>("smtp-client `sendAll`", new SmtpClientDriver(), message, batch);
                Row<?> ceiling = new Row<>("minimal BDAT-pipelining client", new MinimalBdatPipeliningDriver(), message,
                        batch);
                // Warm-up: smtp-client has far more code than the ceiling for the JIT to compile.
                for (int warmUp = 0; warmUp < WARM_UP_BATCHES; warmUp++) {
                    client.run(relay);
                    ceiling.run(relay);
                }
                client.rates.clear();
                client.trips.clear();
                ceiling.rates.clear();
                ceiling.trips.clear();
                for (int rep = 0; rep < reps; rep++) {
                    client.run(relay);
                    ceiling.run(relay);
                }
                double ceilingRate = median(ceiling.rates);
                for (Row<?> row : List.of(client, ceiling)) {
                    System.out.printf(Locale.ROOT, "| %d ms | %d x 1 KB | %s | %.0f (%.0f-%.0f) | %.3f | %.2fx |%n",
                            delay, batch, row.name, median(row.rates), Collections.min(row.rates),
                            Collections.max(row.rates), median(row.trips), median(row.rates) / ceilingRate);
                }
            }
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** One client's repetitions: a fresh connection each, the batch timed and its reply bursts counted. */
    private static final class Row<M> {
        final String name;
        final List<Double> rates = new ArrayList<>();
        final List<Double> trips = new ArrayList<>();
        private final List<M> prepared;
        private final Driver<M> driver;

        Row(String name, Driver<M> driver, TestMessage message, int batch) throws Exception {
            this.name = name;
            this.driver = driver;
            this.prepared = Collections.nCopies(batch, driver.prepare(message));
        }

        @SuppressWarnings("try") // a sender's close() may throw anything
        void run(DelayingRelay relay) throws Exception {
            try (Driver.Sender<M> sender = driver.open("127.0.0.1", relay.port())) {
                long bursts = relay.bursts();
                long start = System.nanoTime();
                sender.send(prepared);
                double seconds = (System.nanoTime() - start) / 1e9;
                rates.add(prepared.size() / seconds);
                trips.add((relay.bursts() - bursts) / (double) prepared.size());
            }
        }
    }
}
