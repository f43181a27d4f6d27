package io.github.smtpclient.benchmarks;

import java.util.Arrays;

/**
 * The benchmark's workloads. Each repetition sends up to {@link #maxCount} messages; slower clients send fewer,
 * as many as take about the target time, because only the rate matters and the run must stay short.
 */
enum Workload {

    SMALL("1kb", "1 KB, 1 recipient, 1 connection", 20_000, 1, 1, false),
    SMALL_FOUR_CONNECTIONS("1kb-4conn", "1 KB, 1 recipient, 4 connections", 20_000, 4, 1, false),
    ATTACHMENT("5mb", "5 MB attachment (base64), 1 connection", 50, 1, 1, false),
    TEN_RECIPIENTS("10rcpt", "1 KB to 10 recipients, 1 connection", 2_000, 1, 10, false),
    DELAYED("1kb-delay", "1 KB, 1 connection, every reply delayed 2 ms", 20_000, 1, 1, true),
    HUGE("1gb", "1 GB attachment streamed (memory only)", 1, 1, 1, false);

    private final String key;
    private final String title;
    private final int maxCount;
    private final int connections;
    private final int recipients;
    private final boolean delayed;

    Workload(String key, String title, int maxCount, int connections, int recipients, boolean delayed) {
        this.key = key;
        this.title = title;
        this.maxCount = maxCount;
        this.connections = connections;
        this.recipients = recipients;
        this.delayed = delayed;
    }

    static Workload byKey(String key) {
        return Arrays.stream(values()).filter(w -> w.key.equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown workload '" + key + "'; known: "
                        + Arrays.stream(values()).map(Workload::key).toList()));
    }

    /** The message this workload sends; quick mode shrinks only the 1 GB one (to 64 MB). */
    TestMessage message(boolean quick) {
        return switch (this) {
            case ATTACHMENT -> TestMessages.attachment(5 * 1024 * 1024);
            case HUGE -> TestMessages.streamedAttachment(quick ? 64L << 20 : 1L << 30);
            default -> TestMessages.text(1024, recipients);
        };
    }

    String key() {
        return key;
    }

    String title() {
        return title;
    }

    int maxCount(boolean quick) {
        return quick ? Math.max(1, maxCount / 10) : maxCount;
    }

    int connections() {
        return connections;
    }

    int recipients() {
        return recipients;
    }

    boolean isDelayed() {
        return delayed;
    }

    /** Measures memory only: one message, no warm-up, one repetition, small heaps. */
    boolean isMemoryOnly() {
        return this == HUGE;
    }
}
