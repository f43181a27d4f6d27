package io.github.smtpclient.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The token bucket and the throttling streams. A limiter may never let more through than its rate allows, so each
 * test checks a lower bound on the time taken (which a sleeping thread cannot undercut); how close to the limit the
 * achieved rate comes is measured in the benchmarks module ({@code SpeedLimitBenchmark}), not here.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RateLimiterTests {

    @Test
    void aBurstIsAvailableAtOnceAndAfterItThePermitsCostTime() throws Exception {
        RateLimiter limiter = RateLimiter.perSecond(10_000);
        assertThat(limiter.burst()).isEqualTo(1000);

        long started = System.nanoTime();
        limiter.acquire(1000);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(50));
        for (int i = 0; i < 30; i++) {
            limiter.acquire(100);
        }
        // 3000 permits beyond the burst at 10,000 per second: at least 300 ms.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(295));
    }

    @Test
    void sharedByThreadsTheLimitHoldsForAllOfThemTogether() throws Exception {
        RateLimiter limiter = RateLimiter.perSecond(40);
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                try {
                    for (int i = 0; i < 20; i++) {
                        limiter.acquire(1);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        // 80 permits, a burst of 4, 40 per second: at least 1.9 s for all four threads together.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1890));
    }

    @Test
    void theBurstIsATenthOfASecondButSlowRatesStillWriteInPiecesOfUpToASecondsWorth() {
        assertThat(RateLimiter.perSecond(200).burst()).isEqualTo(20);
        assertThat(RateLimiter.perSecond(0.5).burst()).isEqualTo(1);
        assertThat(RateLimiter.perSecond(1_000_000).burst()).isEqualTo(100_000);
        assertThat(RateLimiter.perSecond(100).pieceSize()).isEqualTo(100);
        assertThat(RateLimiter.perSecond(100_000).pieceSize()).isEqualTo(10_000);
        assertThatIllegalArgumentException().isThrownBy(() -> RateLimiter.perSecond(0));
        assertThatIllegalArgumentException().isThrownBy(() -> RateLimiter.perSecond(Double.POSITIVE_INFINITY));
    }

    @Test
    void theOutputStreamWritesEveryByteInPiecesNoLargerThanTheBurstAndNoFaster() throws Exception {
        byte[] data = new byte[25_000];
        new Random(42).nextBytes(data);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        List<Integer> writes = new ArrayList<>();
        OutputStream recording = new OutputStream() {
            @Override
            public void write(int b) {
                sink.write(b);
                writes.add(1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                sink.write(b, off, len);
                writes.add(len);
            }
        };
        RateLimiter limiter = RateLimiter.perSecond(50_000);

        long started = System.nanoTime();
        try (OutputStream throttled = new ThrottledOutputStream(recording, List.of(limiter))) {
            throttled.write(data);
        }

        assertThat(sink.toByteArray()).isEqualTo(data);
        assertThat(writes).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(5000));
        // 20,000 bytes beyond the 5,000-byte burst at 50,000 per second: at least 400 ms.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(395));
    }

    @Test
    void theInputStreamReadsEveryByteNoFasterThanEveryLimiter() throws IOException {
        byte[] data = new byte[12_000];
        new Random(7).nextBytes(data);
        RateLimiter own = RateLimiter.perSecond(1_000_000);
        RateLimiter slower = RateLimiter.perSecond(20_000);

        long started = System.nanoTime();
        byte[] read;
        try (ThrottledInputStream throttled = new ThrottledInputStream(new ByteArrayInputStream(data),
                List.of(own, slower))) {
            read = throttled.readAllBytes();
        }

        assertThat(read).isEqualTo(data);
        // The slower limiter rules: 10,000 bytes beyond its 2,000-byte burst at 20,000 per second is 500 ms.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(495));
    }
}
