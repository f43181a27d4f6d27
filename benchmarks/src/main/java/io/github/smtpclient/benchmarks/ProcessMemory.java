package io.github.smtpclient.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/** Memory and CPU figures of a process: this JVM's heap and CPU, any Linux process's peak RSS and CPU time. */
final class ProcessMemory {

    /** USER_HZ, the unit of /proc's CPU times: 100 on x86 and ARM Linux. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private ProcessMemory() {
    }

    /** Peak resident set size (VmHWM) of a process in bytes, or -1 when unknown. */
    static long peakRss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // The process has ended, or this is not Linux.
        }
        return -1;
    }

    /** Sum of the peak usage of this JVM's heap pools since start or the last {@link #resetPeakHeap()}. */
    static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    static void resetPeakHeap() {
        ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /**
     * CPU time of a Linux process and its children, in nanoseconds: its own, that of the children it has waited for,
     * and that of its live children (a server's connection processes), read from {@code /proc}; 0 when unknown.
     */
    static long treeCpuNanos(long pid) {
        if (pid <= 0) {
            return 0;
        }
        long[] root = stat(Path.of("/proc", Long.toString(pid), "stat"));
        if (root == null) {
            return 0;
        }
        long ticks = root[1] + root[2] + root[3] + root[4];
        try (var entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.filter(e -> e.getFileName().toString().matches("\\d+")).toList()) {
                long[] child = stat(entry.resolve("stat"));
                if (child != null && child[0] == pid) {
                    ticks += child[1] + child[2];
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks * 1_000_000_000L / CLOCK_TICKS_PER_SECOND;
    }

    /** The parent pid, utime, stime, cutime and cstime of {@code /proc/PID/stat}, or null when it is gone. */
    private static long[] stat(Path file) {
        try {
            String line = Files.readString(file);
            // The command name may hold spaces and parentheses: the fields start after its last ')'.
            String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]),
                    Long.parseLong(f[13]), Long.parseLong(f[14])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** CPU time of this process, all threads (JIT and GC included), in nanoseconds. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
