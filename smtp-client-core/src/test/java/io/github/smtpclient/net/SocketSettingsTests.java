package io.github.smtpclient.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class SocketSettingsTests {

    private final SocketSettings settings = new SocketSettings();

    @Test
    void defaultsAreAOneMinuteTimeoutAndAnyLocalAddress() {
        assertThat(settings.getTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.getConnectTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.getLocalAddress()).isNull();
        assertThat(settings.getLocalPort()).isZero();
        assertThat(settings.getIpVersion()).isEqualTo(IpVersion.BOTH_IPV6_FIRST);
        assertThat(settings.getConnectionAttemptDelay()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.getIncomingSpeedLimit()).isZero();
        assertThat(settings.getOutgoingSpeedLimit()).isZero();
        assertThat(settings.dns().getMode()).isEqualTo(DnsMode.JVM);
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
        settings.setIpVersion(IpVersion.IPV6_ONLY);
        settings.setOutgoingSpeedLimit(1000);
        settings.dns().setMode(DnsMode.OWN);
        settings.dns().setServers(List.of("192.0.2.53"));

        SocketSettings copy = settings.copy();
        settings.setTimeout(Duration.ofSeconds(1));
        settings.setIpVersion(IpVersion.IPV4_ONLY);
        settings.setOutgoingSpeedLimit(0);
        settings.dns().setMode(DnsMode.JVM);
        settings.dns().setServers(List.of());

        assertThat(copy.getTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(copy.getConnectTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(copy.getIpVersion()).isEqualTo(IpVersion.IPV6_ONLY);
        assertThat(copy.getOutgoingSpeedLimit()).isEqualTo(1000);
        assertThat(copy.dns().getMode()).isEqualTo(DnsMode.OWN);
        assertThat(copy.dns().getServers()).extracting(InetAddress::getHostAddress).containsExactly("192.0.2.53");
    }

    @Test
    void speedLimitsAttemptDelayAndDnsSettingsRejectWhatCannotBeRight() {
        assertThatThrownBy(() -> settings.setIncomingSpeedLimit(-1)).hasMessageContaining("socket().incomingSpeedLimit");
        assertThatThrownBy(() -> settings.setOutgoingSpeedLimit(-5)).hasMessageContaining("socket().outgoingSpeedLimit");
        assertThatThrownBy(() -> settings.setConnectionAttemptDelay(Duration.ofMillis(5)))
                .hasMessageContaining("between 10 ms and 2 s");
        assertThatThrownBy(() -> settings.setIpVersion(null)).hasMessageContaining("socket().ipVersion");
        assertThatThrownBy(() -> settings.dns().setServers(List.of("dns.example.com")))
                .hasMessageContaining("socket().dns().servers").hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> settings.dns().setPort(0)).hasMessageContaining("socket().dns().port");
        assertThatThrownBy(() -> settings.dns().setQueryTimeout(Duration.ZERO))
                .hasMessageContaining("socket().dns().queryTimeout");
        assertThatThrownBy(() -> settings.dns().setTotalTimeout(Duration.ofHours(2)))
                .hasMessageContaining("socket().dns().totalTimeout");
    }

    @Test
    void dnsServersAreAddressLiteralsOfEitherVersion() {
        settings.dns().setServers(List.of(" 127.0.0.1 ", "::1", ""));

        assertThat(settings.dns().getServers()).extracting(InetAddress::getHostAddress)
                .containsExactly("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(settings.dns().isOwnResolver()).isFalse();
        settings.dns().setMode(DnsMode.OWN_THEN_JVM);
        assertThat(settings.dns().isOwnResolver()).isTrue();
    }
}
