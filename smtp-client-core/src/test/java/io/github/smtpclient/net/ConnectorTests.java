package io.github.smtpclient.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.event.SmtpListener;
import io.github.smtpclient.testing.LoopbackServer;
import io.github.smtpclient.testing.TestCertificates;
import io.github.smtpclient.tls.TlsEngine;
import io.github.smtpclient.tls.TlsMode;
import io.github.smtpclient.tls.TlsSettings;

// Guards against hangs only (a missing timeout would block forever); no test asserts a duration.
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
/** Runs on both TLS engines. */
@ParameterizedClass
@EnumSource(TlsEngine.class)
class ConnectorTests {

    @Parameter
    TlsEngine engine;


    private static final TestCertificates CERTIFICATES = TestCertificates.forLocalhost();

    private final SocketSettings socket = new SocketSettings();
    private final TlsSettings tls = new TlsSettings();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void useTheEngine() {
        tls.setEngine(engine);
    }

    @AfterEach
    void closeAll() throws Exception {
        release.countDown();
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    @Test
    void implicitTlsHandshakesBeforeTheGreeting() throws Exception {
        LoopbackServer server = tlsServer(ssl -> {
            LoopbackServer.writeLine(ssl, "220 secure greeting");
            LoopbackServer.drain(ssl);
        });
        tls.setMode(TlsMode.IMPLICIT);
        tls.setTrustedCertificates(List.of(CERTIFICATES.caCertificate()));

        SocketWire wire = connect("localhost", server.port());

        assertThat(wire.isSecure()).isTrue();
        assertThat(wire.tlsInfo()).hasValueSatisfying(info -> assertThat(info.protocol()).isEqualTo("TLSv1.3"));
        assertThat(LoopbackServer.readLine(wire.input())).isEqualTo("220 secure greeting");
    }

    @Test
    void defaultModeOfAnOrdinaryPortStartsInPlaintext() throws Exception {
        LoopbackServer server = plainServer(plain -> {
            LoopbackServer.writeLine(plain, "220 plaintext greeting");
            LoopbackServer.drain(plain);
        });

        SocketWire wire = connect("localhost", server.port());

        assertThat(wire.isSecure()).isFalse();
        assertThat(wire.tlsInfo()).isEmpty();
        assertThat(LoopbackServer.readLine(wire.input())).isEqualTo("220 plaintext greeting");
    }

    @Test
    void untrustedImplicitTlsServerIsRejected() throws Exception {
        LoopbackServer server = tlsServer(LoopbackServer::drain);
        tls.setMode(TlsMode.IMPLICIT);

        assertThatThrownBy(() -> connect("localhost", server.port()))
                .isInstanceOfSatisfying(SmtpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.CERTIFICATE_REJECTED));
    }

    @Test
    void implicitTlsToAPlaintextServerSuggestsExplicitMode() throws Exception {
        LoopbackServer server = plainServer(plain -> {
            LoopbackServer.writeLine(plain, "220 plaintext greeting");
            LoopbackServer.drain(plain);
        });
        tls.setMode(TlsMode.IMPLICIT);

        assertThatThrownBy(() -> connect("localhost", server.port()))
                .isInstanceOfSatisfying(SmtpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.TLS_MODE_MISMATCH);
                    assertThat(e.getMessage()).contains("plaintext", "client.tls().setMode(TlsMode.EXPLICIT)");
                });
    }

    @Test
    void implicitTlsToASilentServerTimesOut() throws Exception {
        LoopbackServer server = plainServer(silent -> release.await());
        tls.setMode(TlsMode.IMPLICIT);
        socket.setTimeout(Duration.ofMillis(300));

        assertThatThrownBy(() -> connect("localhost", server.port()))
                .isInstanceOfSatisfying(SmtpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.TIMEOUT));
    }

    @Test
    void refusedConnectionSaysWhatToCheck() throws Exception {
        int closedPort = freePort();

        assertThatThrownBy(() -> connect("localhost", closedPort))
                .isInstanceOfSatisfying(SmtpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.CONNECT_FAILED);
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.getMessage()).contains("localhost:" + closedPort, "connection refused",
                            "Is the server running and the port right?");
                });
    }

    @Test
    void connectWithoutAnswerTimesOut() throws Exception {
        // A listen queue that is full and never accepted from makes the kernel drop further SYNs, so the connect
        // waits for an answer that never comes.
        ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        resources.add(full);
        for (int i = 0; i < 8; i++) {
            Socket filler = new Socket();
            resources.add(filler);
            try {
                filler.connect(full.getLocalSocketAddress(), 200);
            } catch (IOException queueAlreadyFull) {
                break;
            }
        }
        socket.setConnectTimeout(Duration.ofMillis(300));

        assertThatThrownBy(() -> connect("localhost", full.getLocalPort()))
                .isInstanceOfSatisfying(SmtpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.TIMEOUT);
                    assertThat(e.getMessage()).contains("no answer within 300 ms");
                });
    }

    @Test
    void laterAddressIsTriedWhenTheFirstRefuses() throws Exception {
        LoopbackServer server = plainServer(plain -> {
            LoopbackServer.writeLine(plain, "220 second address");
            LoopbackServer.drain(plain);
        });
        InetAddress unused = InetAddress.getByName("127.0.0.2");
        Connector connector = new Connector((host, version) -> List.of(unused, InetAddress.getLoopbackAddress()));

        SocketWire wire = connector.connect("mail.example.test", server.port(), socket, tls, SmtpListener.NONE);
        resources.add(wire);

        assertThat(wire.remoteAddress().getAddress()).isEqualTo(InetAddress.getLoopbackAddress());
        assertThat(LoopbackServer.readLine(wire.input())).isEqualTo("220 second address");
    }

    @Test
    void unknownHostIsAConnectFailure() {
        Connector connector = new Connector((host, version) -> {
            throw new UnknownHostException(host);
        });

        assertThatThrownBy(() -> connector.connect("no-such-host.invalid", 25, socket, tls, SmtpListener.NONE))
                .isInstanceOfSatisfying(SmtpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.CONNECT_FAILED);
                    assertThat(e.getMessage()).contains("cannot resolve the host name 'no-such-host.invalid'");
                });
    }

    @Test
    void invalidHostOrPortIsRejectedBeforeConnecting() {
        Connector connector = new Connector();

        assertThatThrownBy(() -> connector.connect(" ", 25, socket, tls, null))
                .isInstanceOfSatisfying(SmtpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.INVALID_ARGUMENT));
        assertThatThrownBy(() -> connector.connect("mail.example.test\r\nRCPT", 25, socket, tls, null))
                .isInstanceOfSatisfying(SmtpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.INVALID_ARGUMENT));
        assertThatThrownBy(() -> connector.connect("localhost", 0, socket, tls, null))
                .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.getMessage()).contains("port"));
    }

    @Test
    void localAddressAndPortAreBound() throws Exception {
        CompletableFuture<InetSocketAddress> seenFrom = new CompletableFuture<>();
        LoopbackServer server = plainServer(plain -> {
            seenFrom.complete((InetSocketAddress) plain.getRemoteSocketAddress());
            LoopbackServer.drain(plain);
        });
        int localPort = freePort();
        socket.setLocalAddress("127.0.0.1");
        socket.setLocalPort(localPort);

        SocketWire wire = connect("localhost", server.port());

        assertThat(wire.localAddress().getPort()).isEqualTo(localPort);
        assertThat(seenFrom.get(10, TimeUnit.SECONDS).getPort()).isEqualTo(localPort);
    }

    private SocketWire connect(String host, int port) throws SmtpException {
        SocketWire wire = new Connector().connect(host, port, socket, tls, SmtpListener.NONE);
        resources.add(wire);
        return wire;
    }

    private LoopbackServer plainServer(LoopbackServer.Session session) throws IOException {
        LoopbackServer server = LoopbackServer.plain(session);
        resources.add(server);
        return server;
    }

    private LoopbackServer tlsServer(LoopbackServer.Session session) throws IOException {
        LoopbackServer server = LoopbackServer.tls(CERTIFICATES.serverContext(), accepted -> {
            ((SSLSocket) accepted).startHandshake();
            session.run(accepted);
        });
        resources.add(server);
        return server;
    }


    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
