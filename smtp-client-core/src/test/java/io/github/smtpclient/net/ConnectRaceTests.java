package io.github.smtpclient.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.event.SmtpListener;
import io.github.smtpclient.testing.HangingListener;
import io.github.smtpclient.testing.LoopbackServer;
import io.github.smtpclient.tls.TlsMode;
import io.github.smtpclient.tls.TlsSettings;

/**
 * Dual-stack connects (RFC 8305) against loopback listeners only: a dead address is a listener on [::1] whose backlog
 * is full, the live server listens on 127.0.0.1 with the same port, and a stub resolver returns both.
 */
// Guards against hangs; the bounds on elapsed time below are generous multiples of what the race needs.
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConnectRaceTests {

    private static final InetAddress IPV4 = loopback("127.0.0.1");
    private static final InetAddress IPV6 = loopback("::1");

    private final SocketSettings socket = new SocketSettings();
    private final TlsSettings tls = new TlsSettings();
    private final List<AutoCloseable> resources = new ArrayList<>();

    ConnectRaceTests() {
        tls.setMode(TlsMode.NONE);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    @Test
    void aHangingIpv6AddressCostsOnlyTheAttemptDelayAndIpv4Wins() throws Exception {
        LoopbackServer live = greetingServer();
        hang(IPV6, live.port());
        socket.setConnectTimeout(Duration.ofSeconds(20));
        Connector connector = new Connector((host, version) -> List.of(IPV4, IPV6));

        long started = System.nanoTime();
        SocketWire wire = connector.connect("dual.example.test", live.port(), socket, tls, SmtpListener.NONE);
        resources.add(wire);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(wire.remoteAddress().getAddress()).isEqualTo(IPV4);
        assertThat(LoopbackServer.readLine(wire.input())).isEqualTo("220 live");
        // Tried one after the other, the hanging [::1] would have held the connect for the whole 20 s.
        assertThat(took).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void ipv6IsTriedFirstAndWinsWhenItAnswers() throws Exception {
        AtomicInteger ipv4Accepts = new AtomicInteger();
        try (ServerSocket ipv6 = new ServerSocket(0, 50, IPV6);
                ServerSocket ipv4 = new ServerSocket(ipv6.getLocalPort(), 50, IPV4)) {
            Thread counter = acceptCounting(ipv4, ipv4Accepts);
            Connector connector = new Connector((host, version) -> List.of(IPV4, IPV6));

            SocketWire wire = connector.connect("dual.example.test", ipv6.getLocalPort(), socket, tls, null);
            resources.add(wire);

            assertThat(wire.remoteAddress().getAddress()).isEqualTo(IPV6);
            counter.interrupt();
        }
        assertThat(ipv4Accepts).as("IPv6 answered at once, so IPv4 was never started").hasValue(0);
    }

    @Test
    void ipv4OnlyNeverConnectsOverIpv6EvenWhenOnlyIpv6Answers() throws Exception {
        try (ServerSocket ipv6 = new ServerSocket(0, 50, IPV6)) {
            Connector connector = new Connector((host, version) -> List.of(IPV6));
            socket.setIpVersion(IpVersion.IPV4_ONLY);

            assertThatThrownBy(() -> connector.connect("v6.example.test", ipv6.getLocalPort(), socket, tls, null))
                    .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                            .isEqualTo(SmtpErrorCode.CONNECT_FAILED))
                    .hasMessageContaining("v6.example.test has only the addresses [0:0:0:0:0:0:0:1]")
                    .hasMessageContaining("IPV4_ONLY");
        }
    }

    @Test
    void ipv6OnlyConnectsOverIpv6AndRefusesAnIpv4Literal() throws Exception {
        try (ServerSocket ipv6 = new ServerSocket(0, 50, IPV6);
                ServerSocket ipv4 = new ServerSocket(ipv6.getLocalPort(), 50, IPV4)) {
            Connector connector = new Connector((host, version) -> List.of(IPV4, IPV6));
            socket.setIpVersion(IpVersion.IPV6_ONLY);

            SocketWire wire = connector.connect("dual.example.test", ipv4.getLocalPort(), socket, tls, null);
            resources.add(wire);

            assertThat(wire.remoteAddress().getAddress()).isEqualTo(IPV6);
            assertThatThrownBy(() -> connector.connect("127.0.0.1", ipv4.getLocalPort(), socket, tls, null))
                    .hasMessageContaining("127.0.0.1 has only the addresses [127.0.0.1]");
        }
    }

    @Test
    void theConnectTimeoutBoundsTheWholeRaceNotEachAddress() throws Exception {
        HangingListener first = hang(IPV4, 0);
        int port = first.port();
        List<InetAddress> dead = new ArrayList<>(List.of(IPV4));
        for (String address : List.of("127.0.0.2", "127.0.0.3", "::1")) {
            hang(loopback(address), port);
            dead.add(loopback(address));
        }
        socket.setConnectTimeout(Duration.ofMillis(1000));
        Connector connector = new Connector((host, version) -> dead);

        long started = System.nanoTime();
        assertThatThrownBy(() -> connector.connect("dead.example.test", port, socket, tls, null))
                .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(SmtpErrorCode.TIMEOUT))
                .hasMessageContaining("(tried 4 addresses)")
                .hasMessageContaining("0:0:0:0:0:0:0:1: no answer within 1000 ms")
                .hasMessageContaining("127.0.0.3: no answer within 1000 ms");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // One address after the other would take 4 s; the race ends when the one connect timeout does.
        assertThat(took).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void aRefusedAddressStartsTheNextAtOnce() throws Exception {
        LoopbackServer live = greetingServer();
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, IPV6)) {
            closedPort = probe.getLocalPort();
        }
        // Nothing listens on [::1] at the live server's port if that port was free there; skip the rare clash.
        try {
            new ServerSocket(live.port(), 1, IPV6).close();
        } catch (IOException taken) {
            return;
        }
        socket.setConnectionAttemptDelay(Duration.ofSeconds(2));
        Connector connector = new Connector((host, version) -> List.of(IPV4, IPV6));

        long started = System.nanoTime();
        SocketWire wire = connector.connect("dual.example.test", live.port(), socket, tls, null);
        resources.add(wire);

        assertThat(wire.remoteAddress().getAddress()).isEqualTo(IPV4);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("refused at once, not after the 2 s delay"
                + " (closed port probe " + closedPort + ")").isLessThan(Duration.ofMillis(1500));
    }

    @Test
    void sendBufferSizeIsRequestedBeforeConnecting() throws Exception {
        LoopbackServer live = greetingServer();
        int systemDefault;
        try (Socket defaults = ConnectRace.connect("localhost", List.of(IPV4), live.port(), new SocketSettings())) {
            systemDefault = defaults.getSendBufferSize();
        }
        int requested = Math.max(4096, systemDefault / 8);
        socket.setSendBufferSize(requested);

        try (Socket connected = ConnectRace.connect("localhost", List.of(IPV4), live.port(), socket)) {
            // Linux reports double the requested size; the point is that it is the requested one, not the default.
            assertThat(connected.getSendBufferSize()).isBetween(requested, 2 * requested)
                    .isNotEqualTo(systemDefault);
        }
    }

    private LoopbackServer greetingServer() throws IOException {
        LoopbackServer server = LoopbackServer.plain(accepted -> {
            LoopbackServer.writeLine(accepted, "220 live");
            LoopbackServer.drain(accepted);
        });
        resources.add(server);
        return server;
    }

    private HangingListener hang(InetAddress address, int port) throws IOException {
        HangingListener listener = HangingListener.on(address, port);
        resources.add(listener);
        return listener;
    }

    private static Thread acceptCounting(ServerSocket server, AtomicInteger count) {
        Thread thread = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket accepted = server.accept();
                    count.incrementAndGet();
                    accepted.close();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "accept-counter");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static InetAddress loopback(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
