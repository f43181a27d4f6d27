package io.github.smtpclient.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs Postfix's {@code smtp-source} (C) as the native reference: one connection per session kept for every
 * message ({@code -d}). Its CPU time comes from the shell's {@code times}, its peak RSS from /proc while it runs.
 */
final class SmtpSourceRun {

    static final Path BINARY = Path.of("/usr/sbin/smtp-source");

    private static final Pattern DURATION = Pattern.compile("(\\d+)m([\\d.]+)s");

    private final RunnerOptions options;

    SmtpSourceRun(RunnerOptions options) {
        this.options = options;
    }

    static boolean isInstalled() {
        return Files.isExecutable(BINARY);
    }

    Result run(Workload workload, int port) throws IOException, InterruptedException {
        long size = workload.message(options.quick()).size();
        int max = workload.maxCount(options.quick());
        Sample warm = once(workload, port, Math.min(max, Math.max(workload.connections(), max / 20)), size);
        long fitting = Math.round(warm.messagesPerSecond() * options.targetSeconds());
        int count = (int) Math.max(workload.connections(), Math.min(max, fitting));
        List<Sample> samples = new ArrayList<>();
        long total = warm.messages();
        long rss = -1;
        for (int rep = 0; rep < options.repetitions(); rep++) {
            long[] peak = new long[1];
            samples.add(once(workload, port, count, size, peak));
            rss = Math.max(rss, peak[0]);
            total += count;
        }
        return new Result(Client.SMTP_SOURCE, workload, samples, total, -1, rss, Double.NaN, "", false);
    }

    private Sample once(Workload workload, int port, int count, long size) throws IOException, InterruptedException {
        return once(workload, port, count, size, new long[1]);
    }

    private Sample once(Workload workload, int port, int count, long size, long[] peakRss) throws IOException,
            InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "-c", "\"$@\" && times", "bash", BINARY.toString(),
                "-s", Integer.toString(workload.connections()), "-m", Integer.toString(count), "-l", Long.toString(size),
                "-r", Integer.toString(workload.recipients()), "-d", "-f", TestMessages.SENDER,
                "-t", "rcpt@example.test", "-M", "bench.example.test", "127.0.0.1:" + port));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        while (!process.waitFor(20, TimeUnit.MILLISECONDS)) {
            process.descendants().findFirst().ifPresent(p -> peakRss[0] = Math.max(peakRss[0],
                    ProcessMemory.peakRss(p.pid())));
        }
        long wall = System.nanoTime() - start;
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException("smtp-source failed: " + output);
        }
        String[] lines = output.strip().split("\n");
        Matcher m = DURATION.matcher(lines[lines.length - 1]);
        long cpu = 0;
        while (m.find()) {
            cpu += (long) ((Long.parseLong(m.group(1)) * 60 + Double.parseDouble(m.group(2))) * 1e9);
        }
        return new Sample(count, count * size, wall, cpu);
    }
}
