package io.github.smtpclient.sample;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Reads the starter's {@code smtp.client.send} timer, so a test can see it move. */
final class SendMetrics {

    private SendMetrics() {
    }

    /** Mail transactions timed so far, whatever their outcome; 0 before the first. */
    static long sendCount(MeterRegistry registry) {
        return registry.find("smtp.client.send").timers().stream().mapToLong(Timer::count).sum();
    }
}
