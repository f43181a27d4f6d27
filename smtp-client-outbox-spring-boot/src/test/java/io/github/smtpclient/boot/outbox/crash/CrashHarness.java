package io.github.smtpclient.boot.outbox.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/** Runs the crash test's application instances as separate JVMs and reads what reached the Maildir. */
final class CrashHarness {

    private static final Pattern ORDER_ID = Pattern.compile("(?im)^Message-ID:\\s*<order-(\\d+)@crash\\.example\\.test>");

    private CrashHarness() {
    }

    /** The settings of a test bed's env file, or a skip (a failure where the test bed is required). */
    static Map<String, String> env(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            String why = "No test bed settings at " + file + " (scripts/testbed/start.sh and start-postgres.sh)";
            if (Boolean.getBoolean("smtp.testbed.required")) {
                throw new IllegalStateException(why);
            }
            Assumptions.abort(why);
        }
        Map<String, String> settings = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            int equals = line.indexOf('=');
            if (!line.startsWith("#") && equals > 0) {
                settings.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
            }
        }
        return settings;
    }

    static Path postfixEnv() {
        return Path.of(System.getProperty("smtp.testbed.env", "/tmp/smtp-client-testbed/testbed.env"));
    }

    static Path postgresEnv() {
        return Path.of(System.getProperty("smtp.testbed.postgres.env",
                postfixEnv().resolveSibling("postgres").resolve("postgres.env").toString()));
    }

    /** One application instance: its JVM, and the lines it printed. */
    static final class Instance {
        final String name;
        final Process process;
        final List<String> lines = new CopyOnWriteArrayList<>();

        Instance(String name, Process process, Path log) {
            this.name = name;
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8)); var out = Files.newBufferedWriter(log)) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.add(line);
                        out.write(line);
                        out.newLine();
                    }
                } catch (IOException e) {
                    // The process ended.
                }
            }, "instance-output-" + name);
            reader.setDaemon(true);
            reader.start();
        }

        /** Whether it printed a line starting so; fails at once when the instance died instead. */
        boolean printed(String prefix) {
            if (lines.stream().anyMatch(line -> line.startsWith(prefix))) {
                return true;
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " before printing " + prefix
                        + "; see target/crash-test/" + name + ".log");
            }
            return false;
        }

        /** SIGKILL: no shutdown hook, no graceful anything. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        /** SIGTERM: Spring's graceful shutdown. */
        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    static Instance start(String name, int from, int to, List<String> properties, Path logDirectory)
            throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", classpath,
                CrashTestApp.class.getName(), Integer.toString(from), Integer.toString(to)));
        command.addAll(properties);
        command.add("--smtp.client.outbox.instance-id=" + name);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new Instance(name, process, logDirectory.resolve(name + ".log"));
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(200);
        }
    }

    /** Deletes every message in a Maildir. */
    static void empty(Path maildir) throws IOException {
        for (String folder : List.of("new", "cur", "tmp")) {
            Path dir = maildir.resolve(folder);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        Files.delete(file);
                    }
                }
            }
        }
    }

    /** How many times each order's message arrived. */
    static Map<Integer, Integer> deliveries(Path maildir) throws IOException {
        Map<Integer, Integer> counts = new HashMap<>();
        for (String folder : List.of("new", "cur")) {
            try (Stream<Path> files = Files.list(maildir.resolve(folder))) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    orderOf(file).ifPresent(order -> counts.merge(order, 1, Integer::sum));
                }
            }
        }
        return counts;
    }

    static long files(Path maildir) throws IOException {
        try (Stream<Path> files = Files.list(maildir.resolve("new"))) {
            return files.count();
        }
    }

    private static Optional<Integer> orderOf(Path file) throws IOException {
        byte[] head = new byte[4096];
        int read;
        try (var in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        }
        Matcher matcher = ORDER_ID.matcher(new String(head, 0, read, StandardCharsets.US_ASCII));
        return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
    }

    /** Common outbox settings for the instances: short leases and back-off, so a run takes minutes, not hours. */
    static List<String> outboxProperties(int relayPort) {
        return List.of("--smtp.client.host=127.0.0.1", "--smtp.client.port=" + relayPort,
                "--smtp.client.tls.mode=none", "--smtp.client.outbox.enabled=true",
                "--smtp.client.outbox.workers=3", "--smtp.client.outbox.batch-size=20",
                "--smtp.client.outbox.poll-interval=100ms", "--smtp.client.outbox.lease-duration=4s",
                "--smtp.client.outbox.maintenance-interval=1s", "--smtp.client.outbox.initial-backoff=200ms",
                "--smtp.client.outbox.max-backoff=2s", "--smtp.client.outbox.max-attempts=15",
                "--smtp.client.outbox.shutdown-timeout=5s", "--spring.liquibase.enabled=false",
                "--logging.level.root=WARN");
    }
}
