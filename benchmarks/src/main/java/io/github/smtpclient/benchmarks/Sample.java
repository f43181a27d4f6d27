package io.github.smtpclient.benchmarks;

/**
 * One timed repetition.
 *
 * @param messages  messages sent
 * @param bytes     message bytes sent (before dot-stuffing)
 * @param wallNanos elapsed time
 * @param cpuNanos  CPU time of the client's process over the same interval
 */
record Sample(long messages, long bytes, long wallNanos, long cpuNanos) {

    static final String PREFIX = "SAMPLE ";

    double messagesPerSecond() {
        return messages * 1e9 / wallNanos;
    }

    double megabytesPerSecond() {
        return bytes * 1e3 / wallNanos;
    }

    double cpuMicrosPerMessage() {
        return cpuNanos / 1e3 / messages;
    }

    String toLine() {
        return PREFIX + messages + " " + bytes + " " + wallNanos + " " + cpuNanos;
    }

    static Sample parse(String line) {
        String[] f = line.substring(PREFIX.length()).trim().split(" ");
        return new Sample(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]));
    }
}
