package io.github.smtpclient.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
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

// Guards against hangs only (a missing timeout would block forever); the bounds tests assert on durations are loose.
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
/** Runs on both TLS engines. */
@ParameterizedClass
@EnumSource(TlsEngine.class)
class SocketWireTests {

    @Parameter
    TlsEngine engine;


    private static final TestCertificates CERTIFICATES = TestCertificates.forLocalhost();

    private final SocketSettings socket = new SocketSettings();
    private final TlsSettings tls = new TlsSettings();
    private final CountDownLatch release = new CountDownLatch(1);
    private LoopbackServer server;
    private SocketWire wire;

    @BeforeEach
    void useTheEngine() {
        tls.setEngine(engine);
    }

    @AfterEach
    void closeAll() throws Exception {
        release.countDown();
        if (wire != null) {
            wire.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void startTlsSwapsTheStreamsAndReportsWhatWasNegotiated() throws Exception {
        server = LoopbackServer.plain(this::starttlsServer);
        tls.setTrustedCertificates(List.of(CERTIFICATES.caCertificate()));
        wire = connect();
        InputStream plainInput = wire.input();
        OutputStream plainOutput = wire.output();
        assertThat(LoopbackServer.readLine(wire.input())).isEqualTo("220 plaintext greeting");
        LoopbackServer.writeLine(wire.output(), "STARTTLS");
        assertThat(LoopbackServer.readLine(wire.input())).isEqualTo("220 go ahead");

        wire.startTls();

        assertThat(wire.isSecure()).isTrue();
        assertThat(wire.input()).isNotSameAs(plainInput);
        assertThat(wire.output()).isNotSameAs(plainOutput);
        assertThat(wire.tlsInfo()).hasValueSatisfying(info -> {
            assertThat(info.protocol()).isIn("TLSv1.3", "TLSv1.2");
            assertThat(info.cipherSuite()).startsWith("TLS_");
            assertThat(info.peerCertificates()).first().isEqualTo(CERTIFICATES.serverCertificate());
        });
        LoopbackServer.writeLine(wire.output(), "EHLO client.example.test");
        assertThat(LoopbackServer.readLine(wire.input())).isEqualTo("250 encrypted EHLO client.example.test");
    }

    @Test
    void startTlsWithAnUntrustedCertificateFailsAndClosesTheWire() throws Exception {
        server = LoopbackServer.plain(this::starttlsServer);
        wire = connect();
        LoopbackServer.readLine(wire.input());
        LoopbackServer.writeLine(wire.output(), "STARTTLS");
        LoopbackServer.readLine(wire.input());

        assertThatThrownBy(wire::startTls).isInstanceOfSatisfying(SmtpException.class,
                e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.CERTIFICATE_REJECTED));
        assertThat(wire.isSecure()).isFalse();
        assertThatThrownBy(wire::startTls).isInstanceOfSatisfying(SmtpException.class,
                e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.NOT_CONNECTED));
    }

    @Test
    void startTlsTwiceIsAProgrammingError() throws Exception {
        server = LoopbackServer.plain(this::starttlsServer);
        tls.setTrustedCertificates(List.of(CERTIFICATES.caCertificate()));
        wire = connect();
        LoopbackServer.readLine(wire.input());
        LoopbackServer.writeLine(wire.output(), "STARTTLS");
        LoopbackServer.readLine(wire.input());
        wire.startTls();

        assertThatThrownBy(wire::startTls).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void byteCountersCountApplicationBytesInBothDirections() throws Exception {
        CompletableFuture<String> received = new CompletableFuture<>();
        server = LoopbackServer.plain(plain -> {
            LoopbackServer.writeLine(plain, "220 hello");
            received.complete(LoopbackServer.readLine(plain));
            LoopbackServer.drain(plain);
        });
        wire = connect();

        LoopbackServer.readLine(wire.input());
        LoopbackServer.writeLine(wire.output(), "QUIT");

        assertThat(received.get(10, TimeUnit.SECONDS)).isEqualTo("QUIT");
        assertThat(wire.bytesReceived()).isEqualTo("220 hello\r\n".length());
        assertThat(wire.bytesSent()).isEqualTo("QUIT\r\n".length());
    }

    @Test
    void peerOnLoopbackIsReported() throws Exception {
        server = LoopbackServer.plain(LoopbackServer::drain);

        wire = connect();

        assertThat(wire.isLoopback()).isTrue();
        assertThat(wire.remoteAddress().getPort()).isEqualTo(server.port());
    }

    @Test
    void readFromASilentServerTimesOut() throws Exception {
        server = LoopbackServer.plain(silent -> release.await());
        socket.setTimeout(Duration.ofMillis(300));
        wire = connect();

        assertThatThrownBy(() -> wire.input().read()).isInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void writeToAServerThatStopsReadingTimesOut() throws Exception {
        server = LoopbackServer.plain(neverReads -> release.await());
        socket.setTimeout(Duration.ofMillis(300));
        wire = connect();
        byte[] chunk = new byte[64 * 1024];

        assertThatThrownBy(() -> {
            // 1 GiB, far more than any socket buffer holds: the write must block, and then time out.
            for (int i = 0; i < 16 * 1024; i++) {
                wire.output().write(chunk);
            }
        }).isInstanceOf(SocketTimeoutException.class).hasMessageContaining("client.socket().setTimeout");
    }

    @Test
    void closeIsIdempotent() throws Exception {
        server = LoopbackServer.plain(LoopbackServer::drain);
        wire = connect();

        wire.close();
        wire.close();

        assertThatThrownBy(() -> wire.output().write(1)).isInstanceOf(IOException.class);
    }

    @Test
    void closingATlsWireSendsCloseNotify() throws Exception {
        CompletableFuture<Integer> endOfStream = new CompletableFuture<>();
        server = LoopbackServer.tls(CERTIFICATES.serverContext(), accepted -> {
            ((SSLSocket) accepted).startHandshake();
            endOfStream.complete(accepted.getInputStream().read());
        });
        tls.setMode(TlsMode.IMPLICIT);
        tls.setTrustedCertificates(List.of(CERTIFICATES.caCertificate()));
        wire = connect();

        wire.close();

        assertThat(endOfStream.get(10, TimeUnit.SECONDS)).isEqualTo(-1);
        assertThat(server.failures()).isEmpty();
    }

    @Test
    void closingWaitsForALateCloseNotifyWhenAsked() throws Exception {
        server = LoopbackServer.tls(CERTIFICATES.serverContext(), accepted -> {
            LoopbackServer.drain(accepted); // until the client's close_notify
            Thread.sleep(400);
            accepted.close(); // the server's close_notify, late
        });
        tls.setMode(TlsMode.IMPLICIT);
        tls.setTrustedCertificates(List.of(CERTIFICATES.caCertificate()));
        tls.setCloseNotifyWait(Duration.ofSeconds(20));
        wire = connect();

        long started = System.nanoTime();
        wire.close();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(350));
        assertThat(server.failures()).isEmpty();
    }

    @Test
    void theSocketTimeoutAlsoBoundsTheCloseNotifyWait() throws Exception {
        server = LoopbackServer.tls(CERTIFICATES.serverContext(), accepted -> {
            ((SSLSocket) accepted).startHandshake();
            release.await(30, TimeUnit.SECONDS); // never answers the close_notify
        });
        tls.setMode(TlsMode.IMPLICIT);
        tls.setTrustedCertificates(List.of(CERTIFICATES.caCertificate()));
        tls.setCloseNotifyWait(Duration.ofSeconds(30));
        socket.setTimeout(Duration.ofMillis(500));
        wire = connect();

        long started = System.nanoTime();
        wire.close();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    private void starttlsServer(Socket plain) throws Exception {
        LoopbackServer.writeLine(plain, "220 plaintext greeting");
        if (!"STARTTLS".equals(LoopbackServer.readLine(plain))) {
            return;
        }
        LoopbackServer.writeLine(plain, "220 go ahead");
        SSLSocket ssl = LoopbackServer.startTls(plain, CERTIFICATES.serverContext());
        String ehlo = LoopbackServer.readLine(ssl);
        LoopbackServer.writeLine(ssl, "250 encrypted " + ehlo);
        LoopbackServer.drain(ssl);
    }

    private SocketWire connect() throws SmtpException {
        return new Connector().connect("localhost", server.port(), socket, tls, SmtpListener.NONE);
    }
}
