package io.github.smtpclient.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class PoolSettingsTests {

    @Test
    void defaultsSuitATypicalSubmissionServer() {
        PoolSettings settings = new PoolSettings();
        assertThat(settings.getMaxSize()).isEqualTo(4);
        assertThat(settings.getMinIdle()).isZero();
        assertThat(settings.getMaxIdleTime()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.getMaxMessagesPerConnection()).isZero();
        assertThat(settings.isValidateOnBorrow()).isTrue();
        assertThat(settings.getValidateAfterIdle()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.getBorrowTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void outOfRangeValuesAreRefusedNamingTheSetting() {
        PoolSettings settings = new PoolSettings();
        assertThatThrownBy(() -> settings.setMaxSize(0)).hasMessageContaining("pool.maxSize");
        assertThatThrownBy(() -> settings.setMinIdle(-1)).hasMessageContaining("pool.minIdle");
        assertThatThrownBy(() -> settings.setMaxIdleTime(Duration.ZERO)).hasMessageContaining("pool.maxIdleTime");
        assertThatThrownBy(() -> settings.setMaxMessagesPerConnection(-1))
                .hasMessageContaining("pool.maxMessagesPerConnection");
        assertThatThrownBy(() -> settings.setValidateAfterIdle(Duration.ofMillis(-1)))
                .hasMessageContaining("pool.validateAfterIdle");
        assertThatThrownBy(() -> settings.setBorrowTimeout(Duration.ofDays(30))).hasMessageContaining("pool.borrowTimeout");
        assertThatThrownBy(() -> settings.setBorrowTimeout(null)).hasMessageContaining("pool.borrowTimeout");
    }

    @Test
    void minIdleAboveMaxSizeIsRefusedWhenThePoolIsMade() {
        PoolSettings settings = new PoolSettings();
        settings.setMaxSize(2);
        settings.setMinIdle(3);
        assertThatThrownBy(() -> new SmtpConnectionPool("test", () -> {
            throw new AssertionError("must not connect");
        }, settings)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pool.minIdle (3) must not exceed pool.maxSize (2)");
    }

    @Test
    void aCopyIsIndependent() {
        PoolSettings settings = new PoolSettings();
        PoolSettings copy = settings.copy();
        settings.setMaxSize(9);
        assertThat(copy.getMaxSize()).isEqualTo(4);
        assertThat(copy).hasToString(new PoolSettings().toString());
    }
}
