package io.github.smtpclient.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Launches {@link ClientRun} in a fresh JVM for one client and workload, and reads back its figures. */
final class ChildJvm {

    private final RunnerOptions options;

    ChildJvm(RunnerOptions options) {
        this.options = options;
    }

    /** Runs with the given -Xmx (e.g. "512m") and extra JVM flags; a failure is returned, not thrown. */
    Result run(Client client, Workload workload, int port, String maxHeap, List<String> jvmFlags) throws IOException,
            InterruptedException {
        Path logs = Files.createDirectories(options.logDirectory());
        Path out = logs.resolve(client.key() + "-" + workload.key() + "-" + maxHeap + ".out");
        Path err = logs.resolve(client.key() + "-" + workload.key() + "-" + maxHeap + ".err");
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx" + maxHeap));
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ClientRun.class.getName(),
                client.key(), workload.key(), "127.0.0.1", Integer.toString(port), Boolean.toString(options.quick()),
                Integer.toString(workload.isMemoryOnly() ? 1 : options.repetitionsFor(client)),
                Double.toString(options.warmupSeconds()), Double.toString(options.targetSeconds())));
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(options.childTimeoutSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            return Result.failure(client, workload, "timed out after " + options.childTimeoutSeconds() + " s");
        }
        if (process.exitValue() != 0) {
            return Result.failure(client, workload, "failed with -Xmx" + maxHeap + ": " + firstError(err));
        }
        return parse(client, workload, Files.readAllLines(out));
    }

    private static Result parse(Client client, Workload workload, List<String> lines) {
        List<Sample> samples = new ArrayList<>();
        long total = 0;
        long heap = -1;
        long rss = -1;
        for (String line : lines) {
            if (line.startsWith(Sample.PREFIX)) {
                samples.add(Sample.parse(line));
            } else if (line.startsWith("TOTAL ")) {
                total = Long.parseLong(line.substring(6).trim());
            } else if (line.startsWith("MEMORY ")) {
                String[] f = line.substring(7).trim().split(" ");
                heap = Long.parseLong(f[0]);
                rss = Long.parseLong(f[1]);
            }
        }
        return new Result(client, workload, samples, total, heap, rss, Double.NaN, "", false);
    }

    private static String firstError(Path err) throws IOException {
        return Files.readAllLines(err).stream().filter(l -> l.contains("Exception") || l.contains("Error"))
                .findFirst().map(l -> l.length() > 160 ? l.substring(0, 160) + "..." : l).orElse("see " + err);
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
