package io.github.smtpclient.outbox.internal;

import java.util.concurrent.atomic.LongAdder;

import io.github.smtpclient.outbox.OutboxStatistics;

/** This instance's counts of attempt outcomes and lease expiries. */
final class Counters {

    private final LongAdder sent = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final LongAdder dead = new LongAdder();
    private final LongAdder unknown = new LongAdder();
    private final LongAdder aborted = new LongAdder();
    private final LongAdder leaseExpiries = new LongAdder();

    void count(Decision decision, boolean abortedBeforeEnd) {
        if (abortedBeforeEnd) {
            aborted.increment();
            return;
        }
        switch (decision.state()) {
            case SENT -> sent.increment();
            case DEAD -> dead.increment();
            case UNKNOWN -> unknown.increment();
            case QUEUED -> (decision.reason().endsWith("(queued again: at-least-once)") ? unknown : retried)
                    .increment();
            default -> throw new IllegalStateException("no verdict leaves a message " + decision.state());
        }
    }

    void leaseExpiries(int count) {
        leaseExpiries.add(count);
    }

    OutboxStatistics snapshot() {
        return new OutboxStatistics(sent.sum(), retried.sum(), dead.sum(), unknown.sum(), aborted.sum(),
                leaseExpiries.sum());
    }
}
