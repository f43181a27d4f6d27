package io.github.smtpclient.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.smtpclient.event.SmtpListener;
import io.github.smtpclient.testing.TestPki;
import io.github.smtpclient.tls.validation.ValidationReason;
import io.github.smtpclient.tls.validation.ValidationStatus;

/**
 * Session resumption through {@link TlsSessionCache}, checked against the server's own view of the session. JSSE
 * resumes TLS 1.2 and 1.3; Bouncy Castle 1.84 resumes TLS 1.2 only (it ignores TLS 1.3 tickets).
 */
@ParameterizedClass
@EnumSource(TlsEngine.class)
class TlsSessionResumptionTests {

    private static final TestPki.Issued ROOT = TestPki.root("Resumption Root");
    private static final TestPki.Issued LEAF = ROOT.issue(TestPki.leaf("localhost", "localhost"));

    @Parameter
    TlsEngine engine;

    private final BlockingQueue<SSLSession> serverSessions = new LinkedBlockingQueue<>();
    private SSLServerSocket server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aTls12SessionIsResumedFromTheCache() throws Exception {
        start();
        TlsSettings settings = settings("TLSv1.2");

        TlsConnectionInfo first = connect(settings, "127.0.0.1");
        TlsConnectionInfo second = connect(settings, "127.0.0.1");

        SSLSession firstOnServer = serverSessions.poll(10, TimeUnit.SECONDS);
        SSLSession secondOnServer = serverSessions.poll(10, TimeUnit.SECONDS);
        assertThat(secondOnServer.getId()).isEqualTo(firstOnServer.getId());
        assertThat(first.resumedSession()).contains(false);
        assertThat(second.resumedSession()).contains(true);
        assertThat(second.validation().status()).isEqualTo(ValidationStatus.VALID);
        assertThat(second.peerCertificates()).containsExactly(LEAF.certificate());
    }

    @Test
    void tls13IsResumedByJsseOnly() throws Exception {
        start();
        TlsSettings settings = settings("TLSv1.3");

        connect(settings, "127.0.0.1");
        TlsConnectionInfo second = connect(settings, "127.0.0.1");

        SSLSession firstOnServer = serverSessions.poll(10, TimeUnit.SECONDS);
        SSLSession secondOnServer = serverSessions.poll(10, TimeUnit.SECONDS);
        boolean serverResumed = secondOnServer.getCreationTime() == firstOnServer.getCreationTime();
        assertThat(second.resumedSession()).contains(serverResumed);
        assertThat(serverResumed).isEqualTo(engine == TlsEngine.JSSE);
    }

    @Test
    void resumptionCanBeSwitchedOff() throws Exception {
        start();
        TlsSettings settings = settings("TLSv1.2");
        settings.setUseSessionResumption(false);

        connect(settings, "127.0.0.1");
        TlsConnectionInfo second = connect(settings, "127.0.0.1");

        assertThat(second.resumedSession()).contains(false);
        assertThat(settings.getSessionCache().size()).isZero();
    }

    @Test
    void separateCachesDoNotShareSessions() throws Exception {
        start();

        connect(settings("TLSv1.2"), "127.0.0.1");
        TlsConnectionInfo other = connect(settings("TLSv1.2"), "127.0.0.1");

        assertThat(other.resumedSession()).contains(false);
    }

    @Test
    void anotherAddressOfTheHostResumesOnlyWhenForced() throws Exception {
        start();
        TlsSettings settings = settings("TLSv1.2");

        connect(settings, "127.0.0.1");
        TlsConnectionInfo elsewhere = connect(settings, "127.0.0.2");
        assertThat(elsewhere.resumedSession()).contains(false);

        settings.setForceResumeIfDestinationChanges(true);
        TlsConnectionInfo forced = connect(settings, "127.0.0.1");
        assertThat(forced.resumedSession()).contains(true);
    }

    @Test
    void aResumedSessionIsValidatedAgain() throws Exception {
        start();
        TlsSettings settings = settings("TLSv1.2");
        connect(settings, "127.0.0.1");
        settings.setBlockedCertificates(List.of(LEAF.certificate()));

        assertThatThrownBy(() -> connect(settings, "127.0.0.1"))
                .isInstanceOfSatisfying(CertificateRejectedException.class,
                        e -> assertThat(e.validation().reasons()).containsExactly(ValidationReason.BLOCKED));
    }

    /** A server on every local address, so 127.0.0.1 and 127.0.0.2 reach the same one. */
    private void start() throws Exception {
        server = (SSLServerSocket) LEAF.serverContext().getServerSocketFactory().createServerSocket();
        server.bind(new InetSocketAddress(0));
        Thread acceptor = new Thread(this::serve, "resumption-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (SSLSocket ssl = (SSLSocket) server.accept()) {
                ssl.startHandshake();
                serverSessions.add(ssl.getSession());
                // Let the client read the TLS 1.3 tickets, which follow the handshake, before the connection ends.
                ssl.getOutputStream().write('x');
                ssl.getOutputStream().flush();
                ssl.getInputStream().read();
            } catch (Exception closedOrFailed) {
                // The next connection is served all the same; the test asserts on what the client saw.
            }
        }
    }

    private TlsSettings settings(String version) {
        TlsSettings settings = new TlsSettings();
        settings.setEngine(engine);
        settings.setVersions(List.of(version));
        settings.setTrustedCertificates(List.of(ROOT.certificate()));
        return settings;
    }

    private TlsConnectionInfo connect(TlsSettings settings, String address) throws Exception {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getByName(address), ((ServerSocket) server).getLocalPort()),
                5_000);
        socket.setSoTimeout(10_000);
        try (TlsLayer layer = new TlsHandshaker(settings, SmtpListener.NONE).handshake(socket, "localhost",
                server.getLocalPort(), true)) {
            assertThat(layer.input().read()).isEqualTo('x');
            return layer.info();
        }
    }
}
