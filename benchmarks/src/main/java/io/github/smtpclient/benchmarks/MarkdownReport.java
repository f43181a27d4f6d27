package io.github.smtpclient.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Renders results as one markdown table (median, with min-max), plus the targets of issue 12 as ratios to the ceiling. */
final class MarkdownReport {

    private final List<Result> results;

    MarkdownReport(List<Result> results) {
        this.results = results;
    }

    String table() {
        StringBuilder out = new StringBuilder();
        out.append("| Workload | Client | msgs/s median (min-max) | MB/s median | CPU us/msg median (min-max)"
                + " | peak heap MB | peak RSS MB | round trips/msg | msgs/rep | smtp-client ÷ this | note |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            out.append("| ").append(r.workload().title()).append(" | ").append(r.client().title()).append(" | ");
            if (r.failed()) {
                out.append("failed | | | | | | | | ").append(r.note()).append(" |\n");
                continue;
            }
            double[] rate = r.spread(Sample::messagesPerSecond);
            double[] cpu = r.spread(Sample::cpuMicrosPerMessage);
            out.append(r.workload().isMemoryOnly() ? "-" : fmt("%,.0f (%,.0f-%,.0f)", rate[1], rate[0], rate[2]))
                    .append(" | ").append(fmt("%,.1f", r.median(Sample::megabytesPerSecond)))
                    .append(" | ").append(r.workload().isMemoryOnly() ? "-" : fmt("%,.0f (%,.0f-%,.0f)", cpu[1], cpu[0], cpu[2]))
                    .append(" | ").append(megabytes(r.peakHeap()))
                    .append(" | ").append(megabytes(r.peakRss()))
                    .append(" | ").append(Double.isNaN(r.roundTrips()) ? "" : fmt("%.2f", r.roundTrips()))
                    .append(" | ").append(r.messagesPerRepetition())
                    .append(" | ").append(ratioCell(r))
                    .append(" | ").append(r.note()).append(" |\n");
        }
        return out.toString();
    }

    /**
     * Each target of issue 12, against the ceiling (the minimal pipelining client in the same run), with the measured
     * ratio and whether it is met. Angus Mail and Spring stay in the table for reference; they are no yardstick now.
     */
    List<String> targets() {
        List<String> lines = new ArrayList<>();
        target(lines, Workload.SMALL, Client.MINIMAL, 0.9, "1 KB, one connection: >= 0.9x the ceiling");
        target(lines, Workload.SMALL_FOUR_CONNECTIONS, Client.SMTP_CLIENT_POOLED, Client.MINIMAL, 0.9,
                "4 connections through the pooled sender: >= 0.9x four ceiling clients");
        cpuRatio(Workload.ATTACHMENT).ifPresent(ratio -> lines.add(verdict(
                "5 MB attachment: client CPU per message <= 1.5x the ceiling's", ratio <= 1.5, fmt("%.2fx", ratio))));
        find(Workload.HUGE, Client.SMTP_CLIENT).ifPresent(r -> lines.add(verdict("1 GB attachment with -Xmx64m",
                !r.failed() && r.note().contains("64m"), r.failed() ? r.note() : r.note() + ", peak heap "
                        + megabytes(r.peakHeap()) + " MB")));
        return lines;
    }

    /** smtp-client's CPU per message over the ceiling's on one workload. */
    private Optional<Double> cpuRatio(Workload workload) {
        Optional<Result> ours = find(workload, Client.SMTP_CLIENT).filter(r -> !r.failed());
        Optional<Result> ceiling = find(workload, Client.MINIMAL).filter(r -> !r.failed());
        if (ours.isEmpty() || ceiling.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ours.get().median(Sample::cpuMicrosPerMessage)
                / ceiling.get().median(Sample::cpuMicrosPerMessage));
    }

    private void target(List<String> lines, Workload workload, Client competitor, double wanted, String what) {
        target(lines, workload, Client.SMTP_CLIENT, competitor, wanted, what);
    }

    private void target(List<String> lines, Workload workload, Client ours, Client competitor, double wanted,
            String what) {
        ratio(workload, ours, competitor).ifPresent(ratio -> lines.add(verdict(what, ratio >= wanted,
                fmt("%.2fx", ratio) + (ratio >= wanted ? "" : fmt(", missed by %.0f%%", (1 - ratio / wanted) * 100)))));
    }

    private static String verdict(String what, boolean met, String measured) {
        return "- " + what + ": **" + (met ? "met" : "missed") + "** (" + measured + ")";
    }

    private String ratioCell(Result r) {
        if (r.client() == Client.SMTP_CLIENT || r.client() == Client.SMTP_CLIENT_POOLED || r.workload().isMemoryOnly()) {
            return "";
        }
        return ratio(r.workload(), Client.SMTP_CLIENT, r.client()).map(x -> fmt("%.2fx", x)).orElse("");
    }

    private Optional<Double> ratio(Workload workload, Client ourClient, Client competitor) {
        Optional<Result> ours = find(workload, ourClient).filter(r -> !r.failed());
        Optional<Result> theirs = find(workload, competitor).filter(r -> !r.failed());
        if (ours.isEmpty() || theirs.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ours.get().median(Sample::messagesPerSecond) / theirs.get().median(Sample::messagesPerSecond));
    }

    private Optional<Result> find(Workload workload, Client client) {
        return results.stream().filter(r -> r.workload() == workload && r.client() == client).findFirst();
    }

    private static String megabytes(long bytes) {
        return bytes < 0 ? "" : fmt("%.0f", bytes / 1048576.0);
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
