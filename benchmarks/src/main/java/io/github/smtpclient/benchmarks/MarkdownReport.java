package io.github.smtpclient.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Renders results as one markdown table (median, with min-max), plus the targets as ratios. */
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

    /** Each target of issue 5, with the measured ratio and whether it is met. */
    List<String> targets() {
        List<String> lines = new ArrayList<>();
        target(lines, Workload.SMALL, Client.ANGUS, 5.0, "1 KB, one connection: >= 5x Angus Mail");
        target(lines, Workload.SMALL, Client.MINIMAL, 0.8, "1 KB, one connection: >= 0.8x the minimal pipelining client");
        find(Workload.SMALL, Client.SMTP_CLIENT).ifPresent(r -> lines.add(verdict(
                "1 KB, one connection: <= 100 us CPU per message", r.median(Sample::cpuMicrosPerMessage) <= 100,
                fmt("%.0f us", r.median(Sample::cpuMicrosPerMessage)))));
        target(lines, Workload.SMALL_FOUR_CONNECTIONS, Client.ANGUS, 10.0,
                "4 connections: >= 10x Angus Mail with 4 threads (measured with 4 SmtpClients, not yet the pooled sender)");
        target(lines, Workload.ATTACHMENT, Client.ANGUS, 1.3, "5 MB attachments: >= 1.3x Angus Mail in MB/s");
        target(lines, Workload.ATTACHMENT, Client.MINIMAL, 0.9, "5 MB attachments: >= 0.9x the raw reference");
        find(Workload.HUGE, Client.SMTP_CLIENT).ifPresent(r -> lines.add(verdict("1 GB attachment with -Xmx64m",
                !r.failed() && r.note().contains("64m"), r.failed() ? r.note() : r.note() + ", peak heap "
                        + megabytes(r.peakHeap()) + " MB")));
        target(lines, Workload.DELAYED, Client.ANGUS, 3.0, "2 ms reply delay: >= 3x Angus Mail");
        return lines;
    }

    private void target(List<String> lines, Workload workload, Client competitor, double wanted, String what) {
        ratio(workload, competitor).ifPresent(ratio -> lines.add(verdict(what, ratio >= wanted,
                fmt("%.2fx", ratio) + (ratio >= wanted ? "" : fmt(", missed by %.0f%%", (1 - ratio / wanted) * 100)))));
    }

    private static String verdict(String what, boolean met, String measured) {
        return "- " + what + ": **" + (met ? "met" : "missed") + "** (" + measured + ")";
    }

    private String ratioCell(Result r) {
        if (r.client() == Client.SMTP_CLIENT || r.workload().isMemoryOnly()) {
            return "";
        }
        return ratio(r.workload(), r.client()).map(x -> fmt("%.2fx", x)).orElse("");
    }

    private Optional<Double> ratio(Workload workload, Client competitor) {
        Optional<Result> ours = find(workload, Client.SMTP_CLIENT).filter(r -> !r.failed());
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
