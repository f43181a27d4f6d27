package io.github.smtpclient.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;

/** {@link CircuitBreaker} on a clock the test moves: when it opens, when it probes, how its back-off grows. */
class CircuitBreakerTests {

    private static final SmtpException REFUSED = new SmtpException(SmtpErrorCode.CONNECT_FAILED,
            "Connection refused");

    private final AtomicLong now = new AtomicLong();

    private CircuitBreaker breaker(int threshold) {
        CircuitBreakerSettings settings = new CircuitBreakerSettings();
        settings.setFailureThreshold(threshold);
        settings.setBackoff(Duration.ofSeconds(1));
        settings.setBackoffMultiplier(2);
        settings.setMaxBackoff(Duration.ofSeconds(5));
        return new CircuitBreaker("smtp.example.test:587", settings, now::get);
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    private static void fail(CircuitBreaker breaker, SmtpException failure) throws SmtpException {
        breaker.failed(breaker.admit(), failure);
    }

    private static void assertRefused(CircuitBreaker breaker, String because) {
        assertThatThrownBy(breaker::admit).isInstanceOfSatisfying(SmtpException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.CIRCUIT_OPEN);
            assertThat(e).hasMessageContaining("smtp.example.test:587").hasMessageContaining(because)
                    .hasMessageContaining("CONNECT_FAILED: Connection refused")
                    .hasMessageContaining("pool.circuitBreaker");
            assertThat(e.getCause()).isSameAs(REFUSED);
        });
    }

    @Test
    void opensAfterTheThresholdOfFailuresInARow() throws Exception {
        CircuitBreaker breaker = breaker(3);
        fail(breaker, REFUSED);
        fail(breaker, REFUSED);
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(breaker.admit()).isEqualTo(CircuitBreaker.Permit.NORMAL);
        breaker.failed(CircuitBreaker.Permit.NORMAL, REFUSED);
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        assertThat(breaker.consecutiveFailures()).isEqualTo(3);
        assertRefused(breaker, "the next attempt is allowed in 1000 ms");
    }

    @Test
    void aSuccessInBetweenStartsTheCountAgain() throws Exception {
        CircuitBreaker breaker = breaker(3);
        fail(breaker, REFUSED);
        fail(breaker, REFUSED);
        breaker.admit();
        breaker.connected();
        fail(breaker, REFUSED);
        fail(breaker, REFUSED);
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(breaker.consecutiveFailures()).isEqualTo(2);
    }

    @Test
    void afterTheBackoffOneProbeIsLetThroughAndTheOthersStillFail() throws Exception {
        CircuitBreaker breaker = breaker(1);
        fail(breaker, REFUSED);
        advance(Duration.ofMillis(999));
        assertRefused(breaker, "the next attempt is allowed in 1 ms");
        advance(Duration.ofMillis(1));
        assertThat(breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(breaker.admit()).isEqualTo(CircuitBreaker.Permit.PROBE);
        assertRefused(breaker, "one attempt is under way");
        breaker.connected();
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(breaker.admit()).isEqualTo(CircuitBreaker.Permit.NORMAL);
        assertThat(breaker.admit()).isEqualTo(CircuitBreaker.Permit.NORMAL);
    }

    @Test
    void eachFailedProbeDoublesTheBackoffUpToTheLongest() throws Exception {
        CircuitBreaker breaker = breaker(1);
        fail(breaker, REFUSED);
        for (long expectedMillis : new long[] {2000, 4000, 5000, 5000}) {
            advance(backoffPassed(breaker));
            fail(breaker, REFUSED);
            assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
            assertRefused(breaker, "the next attempt is allowed in " + expectedMillis + " ms");
        }
        advance(Duration.ofSeconds(5));
        breaker.admit();
        breaker.connected();
        fail(breaker, REFUSED);
        assertRefused(breaker, "the next attempt is allowed in 1000 ms");
    }

    /** Moves the clock to the end of the current back-off, read from the refusal. */
    private static Duration backoffPassed(CircuitBreaker breaker) {
        try {
            breaker.admit();
            throw new AssertionError("the breaker should be open");
        } catch (SmtpException e) {
            String millis = e.getMessage().replaceAll("(?s).*allowed in (\\d+) ms.*", "$1");
            return Duration.ofMillis(Long.parseLong(millis));
        }
    }

    @Test
    void failedAuthenticationMeansTheServerWasReached() throws Exception {
        CircuitBreaker breaker = breaker(2);
        fail(breaker, REFUSED);
        fail(breaker, new SmtpException(SmtpErrorCode.AUTH_FAILED, "535 bad password"));
        fail(breaker, REFUSED);
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(breaker.consecutiveFailures()).isEqualTo(1);
    }

    @Test
    void aGreetingOf421ATlsFailureAndATimeoutAllCount() throws Exception {
        CircuitBreaker breaker = breaker(3);
        fail(breaker, new SmtpException(SmtpErrorCode.SERVICE_UNAVAILABLE, "421 too busy"));
        fail(breaker, new SmtpException(SmtpErrorCode.TLS_HANDSHAKE_FAILED, "handshake failed"));
        fail(breaker, new SmtpException(SmtpErrorCode.TIMEOUT, "no greeting"));
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void aProbeThatEndsWithoutAVerdictLetsTheNextOneTry() throws Exception {
        CircuitBreaker breaker = breaker(1);
        fail(breaker, REFUSED);
        advance(Duration.ofSeconds(1));
        breaker.failed(breaker.admit(), new SmtpException(SmtpErrorCode.CANCELLED, "interrupted"));
        breaker.failed(breaker.admit(), new IllegalStateException("a configurer threw"));
        assertThat(breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(breaker.admit()).isEqualTo(CircuitBreaker.Permit.PROBE);
    }

    @Test
    void whenDisabledItCountsButNeverRefuses() throws Exception {
        CircuitBreakerSettings settings = new CircuitBreakerSettings();
        settings.setEnabled(false);
        settings.setFailureThreshold(1);
        CircuitBreaker breaker = new CircuitBreaker("test", settings, now::get);
        for (int i = 0; i < 10; i++) {
            fail(breaker, REFUSED);
        }
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(breaker.consecutiveFailures()).isEqualTo(10);
        assertThat(breaker.admit()).isEqualTo(CircuitBreaker.Permit.NORMAL);
    }

    @Test
    void settingsOutOfRangeAreRefusedNamingTheSetting() {
        CircuitBreakerSettings settings = new CircuitBreakerSettings();
        assertThatThrownBy(() -> settings.setFailureThreshold(0))
                .hasMessageContaining("pool.circuitBreaker.failureThreshold");
        assertThatThrownBy(() -> settings.setBackoff(Duration.ZERO)).hasMessageContaining("pool.circuitBreaker.backoff");
        assertThatThrownBy(() -> settings.setBackoffMultiplier(0.5))
                .hasMessageContaining("pool.circuitBreaker.backoffMultiplier");
        assertThatThrownBy(() -> settings.setMaxBackoff(Duration.ofDays(2)))
                .hasMessageContaining("pool.circuitBreaker.maxBackoff");
        PoolSettings pool = new PoolSettings();
        pool.circuitBreaker().setBackoff(Duration.ofMinutes(2));
        assertThatThrownBy(() -> new SmtpConnectionPool("test", () -> {
            throw new AssertionError("must not connect");
        }, pool)).hasMessageContaining("pool.circuitBreaker.maxBackoff (PT1M) must not be shorter than"
                + " pool.circuitBreaker.backoff (PT2M)");
    }
}
