package io.github.smtpclient.boot.outbox.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The restart test on the embedded H2 store: one instance enqueues 2,000 messages and delivers them through the
 * fault-injecting relay to Postfix; it is killed with SIGKILL half way and started again on the same directory. Every
 * message then arrived exactly once, or is UNKNOWN or DEAD with its reason. (The embedded store is a database of its
 * own, so its enqueues do not join the application's transactions; the PostgreSQL crash test covers that.)
 */
class OutboxRestartInteropTests {

    private static final int MESSAGES = 2_000;

    @TempDir
    Path directory;

    @Test
    void aKilledInstanceRestartedOnTheEmbeddedStoreLosesAndDuplicatesNothing() throws Exception {
        Map<String, String> postfix = CrashHarness.env(CrashHarness.postfixEnv());
        Path maildir = Path.of(postfix.get("SMTP_TESTBED_MAILDIR_ROOT")).resolve("outbox");
        CrashHarness.empty(maildir);
        long seed = Long.getLong("crash.seed", System.nanoTime());
        System.out.println("[restart] fault seed " + seed + " (rerun with -Dcrash.seed=" + seed + ")");
        Path logs = Files.createDirectories(Path.of("target", "crash-test"));
        Path store = directory.resolve("outbox");
        try (FaultInjectingRelay relay = new FaultInjectingRelay(postfix.get("SMTP_TESTBED_ADDRESS"),
                Integer.parseInt(postfix.get("SMTP_TESTBED_PLAIN_PORT")), seed)) {
            List<String> properties = new ArrayList<>(CrashHarness.outboxProperties(relay.port()));
            properties.addAll(List.of("--crash.embedded=true", "--smtp.client.outbox.store=embedded",
                    "--smtp.client.outbox.embedded.directory=" + store, "--spring.flyway.enabled=false"));
            CrashHarness.Instance first = CrashHarness.start("embedded-1", 1, MESSAGES + 1, properties, logs);
            CrashHarness.await(() -> first.printed("ENQUEUED 1000"), Duration.ofMinutes(3), "half enqueued");
            first.kill();
            CrashHarness.Instance second = CrashHarness.start("embedded-2", 1, MESSAGES + 1, properties, logs);
            CrashHarness.await(() -> second.printed("ENQUEUE-DONE"), Duration.ofMinutes(3), "all enqueued");
            relay.stopFaults();
            // The killed instance's leases run out (4 s) before the maintenance takes its messages back.
            CrashHarness.await(() -> second.lines.isEmpty() || files(maildir) >= MESSAGES - 200,
                    Duration.ofMinutes(3), "most delivered");
            Thread.sleep(8000);
            second.stop();

            Map<Integer, String> states = new HashMap<>();
            Map<Integer, String> reasons = new HashMap<>();
            try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + store.resolve("outbox"), "sa", "");
                    Statement sql = db.createStatement();
                    ResultSet rows = sql.executeQuery("SELECT message_id, state, reason FROM smtp_outbox_message")) {
                while (rows.next()) {
                    int order = Integer.parseInt(rows.getString(1).replaceAll("\\D", ""));
                    states.put(order, rows.getString(2));
                    reasons.put(order, rows.getString(3));
                }
            }
            Map<Integer, Integer> deliveries = CrashHarness.deliveries(maildir);
            Map<String, Integer> byState = new TreeMap<>();
            states.values().forEach(state -> byState.merge(state, 1, Integer::sum));
            List<String> violations = new ArrayList<>();
            int exactlyOnce = 0;
            for (Map.Entry<Integer, String> message : states.entrySet()) {
                int count = deliveries.getOrDefault(message.getKey(), 0);
                String state = message.getValue();
                if (state.equals("SENT") && count == 1) {
                    exactlyOnce++;
                } else if ((state.equals("UNKNOWN") && count <= 1 || state.equals("DEAD") && count == 0)
                        && reasons.get(message.getKey()) != null) {
                    continue;
                } else {
                    violations.add("message " + message.getKey() + " is " + state + " and arrived " + count + " times");
                }
            }
            System.out.printf("[restart] %d messages on the embedded store, states %s; exactly once: %d;"
                    + " duplicates: %d; faults: %d dropped after the final dot, %d reset in data, %d 421; one SIGKILL%n",
                    states.size(), byState, exactlyOnce, deliveries.values().stream().filter(c -> c > 1).count(),
                    relay.dropsAfterDot.get(), relay.resetsInData.get(), relay.refusals421.get());
            assertThat(states).hasSize(MESSAGES);
            assertThat(violations).as("violations").isEmpty();
        }
    }

    private static long files(Path maildir) {
        try {
            return CrashHarness.files(maildir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
