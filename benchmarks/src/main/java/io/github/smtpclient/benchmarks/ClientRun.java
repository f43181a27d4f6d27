package io.github.smtpclient.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The measuring side, run in a JVM of its own for one client and one workload so that process CPU, heap and RSS
 * belong to that client alone. Warms up, then prints one {@link Sample} line per repetition, the total messages
 * sent (for the round-trip count) and the peak heap and RSS.
 *
 * <p>Arguments: {@code client workload host port quick(true|false) reps warmupSeconds targetSeconds}.
 */
public final class ClientRun {

    private final Driver<Object> driver;
    private final Workload workload;
    private final TestMessage message;
    private final List<Driver.Sender<Object>> sessions = new ArrayList<>();
    private final List<Object> prepared = new ArrayList<>();
    private final ExecutorService threads;
    private long totalMessages;

    private ClientRun(Client client, Workload workload, boolean quick) {
        this.driver = client.driver();
        this.workload = workload;
        this.message = workload.message(quick);
        this.threads = Executors.newFixedThreadPool(workload.connections());
    }

    public static void main(String[] args) throws Exception {
        Client client = Client.byKey(args[0]);
        Workload workload = Workload.byKey(args[1]);
        boolean quick = Boolean.parseBoolean(args[4]);
        ClientRun run = new ClientRun(client, workload, quick);
        try {
            run.open(args[2], Integer.parseInt(args[3]));
            run.measure(workload.maxCount(quick), Integer.parseInt(args[5]), Double.parseDouble(args[6]),
                    Double.parseDouble(args[7]));
        } finally {
            run.close();
        }
        System.exit(0);
    }

    private void open(String host, int port) throws Exception {
        for (int i = 0; i < workload.connections(); i++) {
            prepared.add(driver.prepare(message));
            sessions.add(driver.open(host, port));
        }
    }

    private void measure(int maxCount, int reps, double warmupSeconds, double targetSeconds) throws Exception {
        int threadsCount = workload.connections();
        int maxPerThread = Math.max(1, maxCount / threadsCount);
        int perThread = maxPerThread;
        if (!workload.isMemoryOnly()) {
            perThread = Math.min(maxPerThread, 10);
            double warmed = 0;
            Sample last;
            do {
                last = round(perThread);
                warmed += last.wallNanos() / 1e9;
                perThread = Math.min(maxPerThread, perThread * 2);
            } while (warmed < warmupSeconds);
            long fitting = Math.round(last.messagesPerSecond() * targetSeconds / threadsCount);
            perThread = (int) Math.max(1, Math.min(maxPerThread, fitting));
            System.gc();
            ProcessMemory.resetPeakHeap();
        }
        for (int rep = 0; rep < reps; rep++) {
            System.out.println(round(perThread).toLine());
        }
        System.out.println("TOTAL " + totalMessages);
        System.out.println("MEMORY " + ProcessMemory.peakHeap() + " " + ProcessMemory.peakRss(ProcessHandle.current().pid()));
    }

    /** Every thread sends {@code perThread} messages over its own session; returns the combined sample. */
    private Sample round(int perThread) throws Exception {
        List<Future<?>> running = new ArrayList<>();
        long cpu = ProcessMemory.processCpuNanos();
        long start = System.nanoTime();
        for (int i = 0; i < sessions.size(); i++) {
            Driver.Sender<Object> session = sessions.get(i);
            List<Object> batch = Collections.nCopies(perThread, prepared.get(i));
            running.add(threads.submit(() -> {
                session.send(batch);
                return null;
            }));
        }
        for (Future<?> future : running) {
            future.get();
        }
        long wall = System.nanoTime() - start;
        long messages = (long) perThread * sessions.size();
        totalMessages += messages;
        return new Sample(messages, messages * message.size(), wall, ProcessMemory.processCpuNanos() - cpu);
    }

    private void close() {
        for (Driver.Sender<Object> session : sessions) {
            try {
                session.close();
            } catch (Exception e) {
                System.err.println("closing a session failed: " + e);
            }
        }
        threads.shutdownNow();
    }
}
