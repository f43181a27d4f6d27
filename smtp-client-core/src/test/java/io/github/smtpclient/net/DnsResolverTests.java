package io.github.smtpclient.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.smtpclient.testing.ScriptedDnsServer;
import io.github.smtpclient.testing.ScriptedDnsServer.Behaviour;
import io.github.smtpclient.tls.TlsSettings;

/**
 * The own resolver against scripted DNS servers in the test JVM; {@code NetworkInteropTests} runs it against dnsmasq.
 */
// Guards against hangs; durations are asserted only as generous bounds of the configured timeouts.
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DnsResolverTests {

    private final DnsSettings dns = new DnsSettings();
    private final ScriptedDnsServer server;

    DnsResolverTests() throws Exception {
        server = ScriptedDnsServer.start()
                .address("mail.example.test", "127.0.0.1")
                .address("mail.example.test", "::1")
                .address("v4.example.test", "127.0.0.2")
                .alias("smtp.example.test", "mail.example.test");
        dns.setMode(DnsMode.OWN);
        dns.setServers(List.of("127.0.0.1"));
        dns.setPort(server.port());
        dns.setQueryTimeout(Duration.ofMillis(500));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aAndAaaaAreAskedTogetherAndBothAnswersKept() throws Exception {
        List<InetAddress> addresses = new DnsResolver(dns).resolve("mail.example.test", IpVersion.BOTH_IPV6_FIRST);

        assertThat(addresses).extracting(InetAddress::getHostAddress)
                .containsExactlyInAnyOrder("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(server.queries()).containsExactlyInAnyOrder("mail.example.test./A", "mail.example.test./AAAA");
    }

    @Test
    void anOnlyVersionAsksOnlyForItsRecordType() throws Exception {
        assertThat(new DnsResolver(dns).resolve("mail.example.test", IpVersion.IPV4_ONLY))
                .extracting(InetAddress::getHostAddress).containsExactly("127.0.0.1");
        assertThat(server.queries()).containsExactly("mail.example.test./A");
    }

    @Test
    void aCnameIsFollowed() throws Exception {
        assertThat(new DnsResolver(dns).resolve("smtp.example.test", IpVersion.IPV6_ONLY))
                .extracting(InetAddress::getHostAddress).containsExactly("0:0:0:0:0:0:0:1");
        assertThat(server.queries()).containsExactly("smtp.example.test./AAAA", "mail.example.test./AAAA");
    }

    @Test
    void aNameThatDoesNotExistIsNotAskedOfTheNextServer() throws Exception {
        try (ScriptedDnsServer second = ScriptedDnsServer.start(InetAddress.getByName("127.0.0.2"), server.port())
                .address("nosuch.example.test", "127.0.0.9")) {
            dns.setServers(List.of("127.0.0.1", "127.0.0.2"));
            DnsResolver resolver = new DnsResolver(dns);

            assertThatThrownBy(() -> resolver.resolve("nosuch.example.test", IpVersion.BOTH_IPV6_FIRST))
                    .isInstanceOf(UnknownHostException.class)
                    .hasMessage("nosuch.example.test: no such name (NXDOMAIN from DNS server 127.0.0.1:"
                            + server.port() + ")");
            assertThat(second.queries()).isEmpty();
        }
    }

    @Test
    void aNameWithoutAnAddressOfTheWantedVersionSaysSo() {
        assertThatThrownBy(() -> new DnsResolver(dns).resolve("v4.example.test", IpVersion.IPV6_ONLY))
                .isInstanceOf(UnknownHostException.class)
                .hasMessageStartingWith("v4.example.test has no IPv6 address (AAAA record) at DNS server");
    }

    @Test
    void aRefusingServerIsSkippedForTheNext() throws Exception {
        try (ScriptedDnsServer refusing = ScriptedDnsServer.start(InetAddress.getByName("127.0.0.2"), server.port())
                .behave("mail.example.test", Behaviour.REFUSE)) {
            dns.setServers(List.of("127.0.0.2", "127.0.0.1"));
            List<InetAddress> addresses = new DnsResolver(dns).resolve("mail.example.test", IpVersion.IPV4_ONLY);

            assertThat(addresses).extracting(InetAddress::getHostAddress).containsExactly("127.0.0.1");
            assertThat(refusing.queries()).containsExactly("mail.example.test./A");
        }
    }

    @Test
    void aSilentServerCostsTheQueryTimeoutAndTheErrorSaysWhatHappened() throws Exception {
        server.behave("mail.example.test", Behaviour.SILENT);
        dns.setQueryTimeout(Duration.ofMillis(300));

        long started = System.nanoTime();
        assertThatThrownBy(() -> new DnsResolver(dns).resolve("mail.example.test", IpVersion.IPV4_ONLY))
                .isInstanceOf(UnknownHostException.class)
                .hasMessageContaining("no DNS server answered for mail.example.test")
                .hasMessageContaining("127.0.0.1:" + server.port() + ": no answer within socket().dns().queryTimeout");
        // Two rounds over the one server, 300 ms each.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void theTotalTimeoutBoundsEveryServerAndRound() throws Exception {
        server.behave("mail.example.test", Behaviour.SILENT);
        dns.setServers(List.of("127.0.0.1", "127.0.0.1", "127.0.0.1"));
        dns.setQueryTimeout(Duration.ofSeconds(2));
        dns.setTotalTimeout(Duration.ofMillis(700));

        long started = System.nanoTime();
        assertThatThrownBy(() -> new DnsResolver(dns).resolve("mail.example.test", IpVersion.IPV4_ONLY))
                .isInstanceOf(UnknownHostException.class)
                .hasMessageContaining("within socket().dns().totalTimeout (700 ms)");
        // Three servers, two rounds, 2 s each would be 12 s.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void aSlowAnswerWithinTheQueryTimeoutIsTaken() throws Exception {
        server.delay(Duration.ofMillis(400));
        dns.setQueryTimeout(Duration.ofSeconds(3));

        assertThat(new DnsResolver(dns).resolve("mail.example.test", IpVersion.IPV4_ONLY))
                .extracting(InetAddress::getHostAddress).containsExactly("127.0.0.1");
    }

    @Test
    void aClosedPortFailsAtOnce() throws Exception {
        int closed;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }
        dns.setPort(closed);
        dns.setQueryTimeout(Duration.ofSeconds(5));

        long started = System.nanoTime();
        assertThatThrownBy(() -> new DnsResolver(dns).resolve("mail.example.test", IpVersion.IPV4_ONLY))
                .isInstanceOf(UnknownHostException.class)
                .hasMessageContaining("no DNS server answered");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("not the 5 s query timeout")
                .isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void localhostIsAnsweredWithoutAQuery() throws Exception {
        assertThat(new DnsResolver(dns).resolve("localhost", IpVersion.BOTH_IPV6_FIRST))
                .extracting(InetAddress::getHostAddress).containsExactly("0:0:0:0:0:0:0:1", "127.0.0.1");
        assertThat(new DnsResolver(dns).resolve("smtp.localhost.", IpVersion.IPV4_ONLY))
                .extracting(InetAddress::getHostAddress).containsExactly("127.0.0.1");
        assertThat(server.queries()).isEmpty();
    }

    @Test
    void theConnectorUsesTheOwnResolverTheSettingsSelect() throws Exception {
        SocketSettings socket = new SocketSettings();
        socket.dns().setMode(DnsMode.OWN);
        socket.dns().setServers(List.of("127.0.0.1"));
        socket.dns().setPort(server.port());

        assertThatThrownBy(() -> new Connector().connect("nosuch.example.test", 25, socket,
                new TlsSettings(), null))
                .hasMessageContaining("cannot resolve the host name 'nosuch.example.test'")
                .hasMessageContaining("NXDOMAIN from DNS server 127.0.0.1:" + server.port());
        assertThat(server.queries()).contains("nosuch.example.test./A", "nosuch.example.test./AAAA");
    }
}
