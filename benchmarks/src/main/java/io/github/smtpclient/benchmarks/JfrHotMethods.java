package io.github.smtpclient.benchmarks;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording's execution samples: the methods most often on top of the stack (self time) and the
 * project's methods most often anywhere on it (total time), and the project's methods that allocate most.
 * Argument: the recording file.
 */
public final class JfrHotMethods {

    private static final int TOP = 15;

    private JfrHotMethods() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        Map<String, Integer> allocated = new HashMap<>();
        int samples = 0;
        long allocatedBytes = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (event.getEventType().getName().equals("jdk.ObjectAllocationSample") && event.getStackTrace() != null) {
                long weight = event.getLong("weight");
                allocatedBytes += weight;
                event.getStackTrace().getFrames().stream().map(JfrHotMethods::name)
                        .filter(JfrHotMethods::isProject).findFirst()
                        .ifPresent(n -> allocated.merge(n, (int) (weight >> 10), Integer::sum));
                continue;
            }
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            self.merge(name(frames.get(0)), 1, Integer::sum);
            frames.stream().map(JfrHotMethods::name).filter(JfrHotMethods::isProject).distinct()
                    .forEach(n -> total.merge(n, 1, Integer::sum));
        }
        System.out.println(samples + " execution samples.\n");
        print("Top methods by self time (top of stack)", self, samples);
        print("smtp-client methods by total time (anywhere on the stack)", total, samples);
        print("smtp-client methods allocating (nearest project frame, share of sampled bytes)", allocated,
                (int) (allocatedBytes >> 10));
    }

    private static boolean isProject(String method) {
        return method.startsWith("io.github.smtpclient.") && !method.startsWith("io.github.smtpclient.benchmarks.");
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static void print(String title, Map<String, Integer> counts, int samples) {
        System.out.println("| " + title + " | share |\n|---|---|");
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(TOP)
                .forEach(e -> System.out.printf("| `%s` | %.1f%% |%n", e.getKey(), 100.0 * e.getValue() / samples));
        System.out.println();
    }
}
