package io.github.smtpclient.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class SocketSettingsTests {

    private final SocketSettings settings = new SocketSettings();

    @Test
    void defaultsAreAOneMinuteTimeoutAndAnyLocalAddress() {
        assertThat(settings.getTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.getConnectTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.getLocalAddress()).isNull();
        assertThat(settings.getLocalPort()).isZero();
        assertThat(settings.isUseIPv6()).isFalse();
    }

    @Test
    void connectTimeoutFollowsTheTimeoutUntilSet() {
        settings.setTimeout(Duration.ofSeconds(5));
        assertThat(settings.getConnectTimeout()).isEqualTo(Duration.ofSeconds(5));

        settings.setConnectTimeout(Duration.ofSeconds(2));
        assertThat(settings.getConnectTimeout()).isEqualTo(Duration.ofSeconds(2));

        settings.setConnectTimeout(null);
        assertThat(settings.getConnectTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void infiniteOrSubMillisecondTimeoutsAreRejectedWithAReason() {
        for (Duration invalid : new Duration[] {Duration.ZERO, Duration.ofSeconds(-1), Duration.ofNanos(1), null}) {
            assertThatThrownBy(() -> settings.setTimeout(invalid))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("socket().timeout")
                    .hasMessageContaining("a timeout is mandatory");
        }
        assertThatThrownBy(() -> settings.setConnectTimeout(Duration.ZERO))
                .hasMessageContaining("socket().connectTimeout");
        assertThatThrownBy(() -> settings.setTimeout(Duration.ofDays(30))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void localAddressIsParsedAndBlankMeansAny() throws Exception {
        settings.setLocalAddress("127.0.0.1");
        assertThat(settings.getLocalAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));

        settings.setLocalAddress(" ");
        assertThat(settings.getLocalAddress()).isNull();
    }

    @Test
    void localPortOutsideTheRangeIsRejected() {
        assertThatThrownBy(() -> settings.setLocalPort(65536)).hasMessageContaining("socket().localPort");
        assertThatThrownBy(() -> settings.setLocalPort(-1)).hasMessageContaining("socket().localPort");
    }

    @Test
    void copyIsIndependent() {
        settings.setTimeout(Duration.ofSeconds(7));
        settings.setUseIPv6(true);

        SocketSettings copy = settings.copy();
        settings.setTimeout(Duration.ofSeconds(1));
        settings.setUseIPv6(false);

        assertThat(copy.getTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(copy.getConnectTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(copy.isUseIPv6()).isTrue();
    }
}
