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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/**
 * The crash test: three application instances in separate JVMs share one PostgreSQL outbox and deliver through a
 * fault-injecting relay to Postfix. 10,000 orders are placed, each in a transaction that also enqueues its
 * confirmation; every tenth transaction rolls back. One instance is killed with SIGKILL while it enqueues and
 * delivers, and started again. Then: every committed message arrived exactly once (counted by Message-ID in the
 * Maildir) or is UNKNOWN or DEAD with its reason; no rolled-back message arrived; no message arrived twice outside the
 * UNKNOWN set.
 */
class OutboxCrashInteropTests {

    private static final int ORDERS = 10_000;

    @Test
    void threeInstancesAKillAndFaultsLoseNothingAndDuplicateNothing() throws Exception {
        Map<String, String> postfix = CrashHarness.env(CrashHarness.postfixEnv());
        Map<String, String> postgres = CrashHarness.env(CrashHarness.postgresEnv());
        String url = postgres.get("SMTP_TESTBED_POSTGRES_URL");
        String user = postgres.get("SMTP_TESTBED_POSTGRES_USER");
        String password = postgres.get("SMTP_TESTBED_POSTGRES_PASSWORD");
        Path maildir = Path.of(postfix.get("SMTP_TESTBED_MAILDIR_ROOT")).resolve("outbox");
        try (Connection db = DriverManager.getConnection(url, user, password); Statement sql = db.createStatement()) {
            sql.execute("DROP TABLE IF EXISTS smtp_outbox_attempt, smtp_outbox_chunk, smtp_outbox_recipient,"
                    + " smtp_outbox_message, smtp_outbox_schema_history, orders, flyway_schema_history CASCADE");
        }
        CrashHarness.empty(maildir);
        long seed = Long.getLong("crash.seed", System.nanoTime());
        System.out.println("[crash] fault seed " + seed + " (rerun with -Dcrash.seed=" + seed + ")");
        Path logs = Files.createDirectories(Path.of("target", "crash-test"));
        long started = System.nanoTime();
        try (FaultInjectingRelay relay = new FaultInjectingRelay(postfix.get("SMTP_TESTBED_ADDRESS"),
                Integer.parseInt(postfix.get("SMTP_TESTBED_PLAIN_PORT")), seed)) {
            List<String> properties = new ArrayList<>(CrashHarness.outboxProperties(relay.port()));
            properties.addAll(List.of("--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
                    "--spring.datasource.password=" + password, "--smtp.client.outbox.store=datasource"));
            int third = ORDERS / 3;
            int[][] ranges = { { 1, third + 1 }, { third + 1, 2 * third + 1 }, { 2 * third + 1, ORDERS + 1 } };
            List<CrashHarness.Instance> instances = new ArrayList<>();
            instances.add(CrashHarness.start("instance-1", ranges[0][0], ranges[0][1], properties, logs));
            // The first applies the schemas (the application's Flyway, then the outbox's); the others join.
            CrashHarness.await(() -> instances.get(0).printed("RESUME"), Duration.ofMinutes(2), "instance 1 up");
            instances.add(CrashHarness.start("instance-2", ranges[1][0], ranges[1][1], properties, logs));
            instances.add(CrashHarness.start("instance-3", ranges[2][0], ranges[2][1], properties, logs));

            CrashHarness.Instance victim = instances.get(1);
            CrashHarness.await(() -> victim.printed("ENQUEUED " + (ranges[1][0] / 500 * 500 + 1500)),
                    Duration.ofMinutes(3), "instance 2 half way");
            victim.kill();
            System.out.println("[crash] instance-2 killed with SIGKILL after "
                    + victim.lines.stream().filter(l -> l.startsWith("ENQUEUED")).reduce((a, b) -> b).orElse("?"));
            instances.set(1, CrashHarness.start("instance-2-restarted", ranges[1][0], ranges[1][1], properties,
                    logs));

            for (CrashHarness.Instance instance : instances) {
                CrashHarness.await(() -> instance.printed("ENQUEUE-DONE"), Duration.ofMinutes(4),
                        instance.name + " done enqueueing");
            }
            // The backlog drains without faults, so that the run ends in minutes.
            relay.stopFaults();
            CrashHarness.await(() -> inFlightOrQueued(url, user, password) == 0, Duration.ofMinutes(3),
                    "nothing QUEUED, SENDING or COMMITTING");
            long sent = count(url, user, password, "SELECT COUNT(*) FROM smtp_outbox_message WHERE state = 'SENT'");
            CrashHarness.await(() -> files(maildir) >= sent, Duration.ofMinutes(2), "Postfix delivered " + sent);
            Thread.sleep(2000);
            for (CrashHarness.Instance instance : instances) {
                instance.stop();
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            Set<Integer> committed = new HashSet<>();
            Map<Integer, String> states = new HashMap<>();
            Map<Integer, String> reasons = new HashMap<>();
            try (Connection db = DriverManager.getConnection(url, user, password);
                    Statement sql = db.createStatement()) {
                try (ResultSet rows = sql.executeQuery("SELECT id FROM orders")) {
                    while (rows.next()) {
                        committed.add(rows.getInt(1));
                    }
                }
                try (ResultSet rows = sql.executeQuery("SELECT message_id, state, reason FROM smtp_outbox_message")) {
                    while (rows.next()) {
                        int order = Integer.parseInt(rows.getString(1).replaceAll("\\D", ""));
                        states.put(order, rows.getString(2));
                        reasons.put(order, rows.getString(3));
                    }
                }
            }
            Map<Integer, Integer> deliveries = CrashHarness.deliveries(maildir);
            Map<String, Integer> byState = new TreeMap<>();
            states.values().forEach(state -> byState.merge(state, 1, Integer::sum));
            int exactlyOnce = 0;
            int unknownDelivered = 0;
            int duplicates = 0;
            List<String> violations = new ArrayList<>();
            for (int order : committed) {
                int count = deliveries.getOrDefault(order, 0);
                String state = states.get(order);
                if (count > 1) {
                    duplicates++;
                }
                if ("UNKNOWN".equals(state) || "DEAD".equals(state)) {
                    unknownDelivered += "UNKNOWN".equals(state) && count == 1 ? 1 : 0;
                    if (reasons.get(order) == null || reasons.get(order).isBlank()) {
                        violations.add("order " + order + " is " + state + " without a reason");
                    }
                    if (count > 1 && "DEAD".equals(state)) {
                        violations.add("order " + order + " is DEAD and arrived " + count + " times");
                    }
                } else if (count == 1 && "SENT".equals(state)) {
                    exactlyOnce++;
                } else {
                    violations.add("order " + order + " is " + state + " and arrived " + count + " times");
                }
            }
            int rolledBackDelivered = 0;
            for (int order = 1; order <= ORDERS; order++) {
                if (!committed.contains(order) && deliveries.containsKey(order)) {
                    rolledBackDelivered++;
                    violations.add("rolled-back order " + order + " arrived");
                }
            }
            System.out.printf("[crash] %d orders, %d committed, %d rolled back; outbox states %s%n", ORDERS,
                    committed.size(), ORDERS - committed.size(), byState);
            System.out.printf("[crash] delivered exactly once and SENT: %d; UNKNOWN: %d (of which arrived once: %d);"
                    + " DEAD: %d; duplicates: %d; rolled back but delivered: %d%n", exactlyOnce,
                    byState.getOrDefault("UNKNOWN", 0), unknownDelivered, byState.getOrDefault("DEAD", 0),
                    duplicates, rolledBackDelivered);
            System.out.printf("[crash] faults injected: %d connections, %d reset on connect, %d 421 at MAIL, %d reset"
                    + " in data, %d dropped after the end of the data, %d delayed replies; one SIGKILL; took %d s%n",
                    relay.connections.get(), relay.resetsOnConnect.get(), relay.refusals421.get(),
                    relay.resetsInData.get(), relay.dropsAfterDot.get(), relay.delays.get(), took.toSeconds());

            assertThat(violations).as("violations").isEmpty();
            assertThat(committed).hasSize(ORDERS - ORDERS / 10);
            assertThat(states.keySet()).as("every committed order has its message, and only those")
                    .isEqualTo(committed);
            assertThat(duplicates).isZero();
            assertThat(relay.dropsAfterDot.get() + relay.resetsInData.get() + relay.refusals421.get())
                    .as("faults were injected").isPositive();
        }
    }

    private static long inFlightOrQueued(String url, String user, String password) {
        return count(url, user, password,
                "SELECT COUNT(*) FROM smtp_outbox_message WHERE state IN ('QUEUED', 'SENDING', 'COMMITTING')");
    }

    private static long count(String url, String user, String password, String query) {
        try (Connection db = DriverManager.getConnection(url, user, password); Statement sql = db.createStatement();
                ResultSet row = sql.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
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
