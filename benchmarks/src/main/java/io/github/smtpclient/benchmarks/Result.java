package io.github.smtpclient.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * What one client achieved on one workload.
 *
 * @param client        the client
 * @param workload      the workload
 * @param samples       the timed repetitions (empty on failure)
 * @param totalMessages messages sent including warm-up, for the round-trip count
 * @param peakHeap      peak heap after warm-up in bytes, -1 when unknown
 * @param peakRss       peak resident set size of the process in bytes, -1 when unknown
 * @param roundTrips    server reply bursts per message, NaN when not counted
 * @param note          how it ran (heap limit) or why it failed; empty when nothing to say
 * @param failed        whether the run failed
 */
record Result(Client client, Workload workload, List<Sample> samples, long totalMessages, long peakHeap, long peakRss,
        double roundTrips, String note, boolean failed) {

    static Result failure(Client client, Workload workload, String why) {
        return new Result(client, workload, List.of(), 0, -1, -1, Double.NaN, why, true);
    }

    Result withRoundTrips(double perMessage) {
        return new Result(client, workload, samples, totalMessages, peakHeap, peakRss, perMessage, note, failed);
    }

    Result withNote(String text) {
        return new Result(client, workload, samples, totalMessages, peakHeap, peakRss, roundTrips, text, failed);
    }

    /**
     * This result and a later round of the same client and workload as one: their repetitions together, messages
     * and round trips summed, the higher peaks. A failed round makes the whole a failure.
     */
    Result pooledWith(Result later) {
        if (failed || later.failed) {
            return failed ? this : later;
        }
        List<Sample> both = new ArrayList<>(samples);
        both.addAll(later.samples);
        long total = totalMessages + later.totalMessages;
        double trips = Double.isNaN(roundTrips) || Double.isNaN(later.roundTrips) ? Double.NaN
                : (roundTrips * totalMessages + later.roundTrips * later.totalMessages) / total;
        return new Result(client, workload, both, total, Math.max(peakHeap, later.peakHeap),
                Math.max(peakRss, later.peakRss), trips, note, false);
    }

    /** min, median and max of a figure over the samples. */
    double[] spread(ToDoubleFunction<Sample> figure) {
        double[] values = samples.stream().mapToDouble(figure).sorted().toArray();
        if (values.length == 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        int n = values.length;
        double median = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
        return new double[] {values[0], median, values[n - 1]};
    }

    double median(ToDoubleFunction<Sample> figure) {
        return spread(figure)[1];
    }

    long messagesPerRepetition() {
        return samples.isEmpty() ? 0 : samples.get(0).messages();
    }

    @Override
    public String toString() {
        return client.key() + "/" + workload.key() + " " + (failed ? "FAILED " + note
                : Arrays.toString(spread(Sample::messagesPerSecond)) + " msgs/s " + note);
    }
}
