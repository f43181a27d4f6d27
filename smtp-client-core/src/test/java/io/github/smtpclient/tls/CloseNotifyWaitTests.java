package io.github.smtpclient.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.smtpclient.event.SmtpListener;
import io.github.smtpclient.testing.LoopbackServer;
import io.github.smtpclient.testing.TestPki;

/**
 * {@code tls().closeNotifyWait} (cssloExpectShutdownMessage) on both engines: against {@code openssl s_server},
 * which answers the client's close_notify with its own, the client sees it arrive when it waits and does not wait
 * otherwise; a server that never answers costs the wait and no more; a server that answers late is waited for. The
 * silent and the late server are SunJSSE servers in the test: OpenSSL answers at once.
 */
@Timeout(60)
@ParameterizedClass
@EnumSource(TlsEngine.class)
class CloseNotifyWaitTests {

    /** In the port block of this test class (30940-30959), one port per engine and version. */
    private static final int FIRST_PORT = 30940;
    private static final TestPki.Issued ROOT = TestPki.root("Close Root");
    private static final TestPki.Issued LEAF = ROOT.issue(TestPki.leaf("localhost", "localhost"));

    @TempDir
    static Path directory;

    @Parameter
    TlsEngine engine;

    private LoopbackServer server;
    private Process openSsl;

    @BeforeAll
    static void writeTheServersKeyForOpenSsl() throws IOException {
        Files.writeString(directory.resolve("server.pem"), pem("CERTIFICATE", encoded(LEAF)));
        Files.writeString(directory.resolve("server.key"), pem("PRIVATE KEY", LEAF.keys().getPrivate().getEncoded()));
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (openSsl != null) {
            openSsl.destroy();
            openSsl.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void openSslsCloseNotifyIsSeenWhenTheClientWaitsForIt() throws Exception {
        for (String version : List.of("TLSv1.2", "TLSv1.3")) {
            TlsSettings settings = settings(version);
            int port = startOpenSsl(version, 0);
            TlsLayer notWaiting = handshake(settings, port);
            notWaiting.close();
            assertThat(notWaiting.closeNotifyReceived()).as("not waited for").isFalse();
            openSsl.waitFor(10, TimeUnit.SECONDS);

            settings.setCloseNotifyWait(Duration.ofSeconds(10));
            port = startOpenSsl(version, 1);
            TlsLayer waiting = handshake(settings, port);
            long started = System.nanoTime();
            waiting.close();

            assertThat(waiting.closeNotifyReceived()).as(version).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aServerThatNeverAnswersCostsTheWaitAndNoMore() throws Exception {
        CountDownLatch testOver = new CountDownLatch(1);
        server = LoopbackServer.tls(LEAF.serverContext(), socket -> {
            ((SSLSocket) socket).startHandshake();
            testOver.await(30, TimeUnit.SECONDS); // reads nothing, so never answers the close_notify
        });
        TlsSettings settings = settings("TLSv1.3");
        settings.setCloseNotifyWait(Duration.ofMillis(700));
        TlsLayer layer = handshake(settings, server.port());

        long started = System.nanoTime();
        layer.close();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        testOver.countDown();

        assertThat(layer.closeNotifyReceived()).isFalse();
        assertThat(took).isBetween(Duration.ofMillis(600), Duration.ofSeconds(3));
    }

    @Test
    void aLateCloseNotifyIsWaitedFor() throws Exception {
        server = LoopbackServer.tls(LEAF.serverContext(), socket -> {
            LoopbackServer.drain(socket); // until the client's close_notify
            Thread.sleep(400);
            socket.close(); // the server's close_notify
        });
        TlsSettings settings = settings("TLSv1.3");
        settings.setCloseNotifyWait(Duration.ofSeconds(10));
        TlsLayer layer = handshake(settings, server.port());

        long started = System.nanoTime();
        layer.close();

        assertThat(layer.closeNotifyReceived()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(350),
                Duration.ofSeconds(5));
    }

    @Test
    void onlyBouncyCastleTellsATcpCloseFromACloseNotify() throws Exception {
        server = LoopbackServer.plain(plain -> {
            SSLSocket ssl = LoopbackServer.startTls(plain, LEAF.serverContext());
            LoopbackServer.drain(ssl);
            plain.close(); // TCP closed beneath the TLS: no close_notify
        });
        TlsSettings settings = settings("TLSv1.3");
        settings.setCloseNotifyWait(Duration.ofSeconds(10));
        TlsLayer layer = handshake(settings, server.port());

        layer.close();

        // SunJSSE reads the end of the stream as a close_notify (see TlsLayer.closeNotifyReceived).
        assertThat(layer.closeNotifyReceived()).isEqualTo(engine == TlsEngine.JSSE);
    }

    @Test
    void aNegativeWaitIsRefused() {
        assertThatThrownBy(() -> new TlsSettings().setCloseNotifyWait(Duration.ofMillis(-1)))
                .hasMessageContaining("tls().closeNotifyWait");
        assertThat(new TlsSettings().getCloseNotifyWait()).isZero();
    }

    /** {@code openssl s_server} for one connection; returns its port once it listens. */
    private int startOpenSsl(String version, int slot) throws Exception {
        boolean installed;
        try {
            installed = new ProcessBuilder("openssl", "version").start().waitFor() == 0;
        } catch (IOException e) {
            installed = false;
        }
        if (!installed) {
            if (Boolean.getBoolean("smtp.testbed.required")) {
                throw new IllegalStateException("openssl is not installed; scripts/testbed/install.sh installs it");
            }
            Assumptions.abort("openssl is not installed");
        }
        int port = FIRST_PORT + engine.ordinal() * 4 + (version.equals("TLSv1.3") ? 2 : 0) + slot;
        openSsl = new ProcessBuilder("openssl", "s_server", "-accept", Integer.toString(port), "-naccept", "1",
                "-cert", directory.resolve("server.pem").toString(), "-key", directory.resolve("server.key").toString(),
                version.equals("TLSv1.3") ? "-tls1_3" : "-tls1_2")
                .redirectError(directory.resolve("s_server-" + port + ".err").toFile()).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(openSsl.getInputStream(),
                StandardCharsets.UTF_8));
        for (String line; (line = output.readLine()) != null; ) {
            if (line.startsWith("ACCEPT")) {
                Thread drain = new Thread(() -> {
                    try {
                        output.transferTo(java.io.Writer.nullWriter());
                    } catch (IOException ended) {
                        // s_server exited.
                    }
                }, "s_server output");
                drain.setDaemon(true);
                drain.start();
                return port;
            }
        }
        throw new AssertionError("openssl s_server did not start on port " + port + ": "
                + Files.readString(directory.resolve("s_server-" + port + ".err")));
    }

    private TlsSettings settings(String version) {
        TlsSettings settings = new TlsSettings();
        settings.setEngine(engine);
        settings.setVersions(List.of(version));
        settings.setTrustedCertificates(List.of(ROOT.certificate()));
        settings.setUseSessionResumption(false);
        return settings;
    }

    private static TlsLayer handshake(TlsSettings settings, int port) throws Exception {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(10_000);
        return new TlsHandshaker(settings, SmtpListener.NONE).handshake(socket, "localhost", port, true);
    }

    private static byte[] encoded(TestPki.Issued issued) {
        try {
            return issued.certificate().getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
