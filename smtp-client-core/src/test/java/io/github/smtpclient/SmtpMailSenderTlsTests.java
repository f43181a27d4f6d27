package io.github.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.smtpclient.event.MessageSentEvent;
import io.github.smtpclient.event.SmtpListener;
import io.github.smtpclient.pool.PoolSettings;
import io.github.smtpclient.testing.InProcessSmtpServer;
import io.github.smtpclient.testing.TestCertificates;
import io.github.smtpclient.tls.TlsEngine;
import io.github.smtpclient.tls.TlsSessionCache;

/** The pooled clients of one {@link SmtpMailSender} share a TLS session cache, so new connections resume. */
@ParameterizedClass
@EnumSource(TlsEngine.class)
class SmtpMailSenderTlsTests {

    private static final TestCertificates CERTIFICATES = TestCertificates.forLocalhost();
    private static InProcessSmtpServer server;

    @Parameter
    TlsEngine engine;

    @BeforeAll
    static void startServer() {
        server = InProcessSmtpServer.startRequiringTlsAndAuth(CERTIFICATES);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void aNewPooledConnectionResumesTheSessionOfAnEarlierOne() throws Exception {
        List<TlsSessionCache> caches = new CopyOnWriteArrayList<>();
        List<Optional<ConnectionInfo>> connections = new CopyOnWriteArrayList<>();
        PoolSettings oneMessageEach = new PoolSettings();
        oneMessageEach.setMaxMessagesPerConnection(1);
        try (SmtpMailSender sender = SmtpMailSender.builder("localhost", server.port()).pool(oneMessageEach)
                .configureClients(client -> {
                    client.tls().setEngine(engine);
                    // Bouncy Castle 1.84 resumes TLS 1.2 sessions only.
                    client.tls().setVersions(List.of("TLSv1.2"));
                    client.tls().setTrustedCertificates(List.of(CERTIFICATES.caCertificate()));
                    client.auth().setUsername(InProcessSmtpServer.USER);
                    client.auth().setPassword(InProcessSmtpServer.PASSWORD);
                    caches.add(client.tls().getSessionCache());
                    client.setListener(new SmtpListener() {
                        @Override
                        public void messageSent(MessageSentEvent event) {
                            connections.add(client.getConnectionInfo());
                        }
                    });
                }).build()) {
            sender.sendBytes(SmtpMailSenderTests.message("a@example.test", "b@example.test", "first"));
            sender.sendBytes(SmtpMailSenderTests.message("a@example.test", "b@example.test", "second"));
        }

        assertThat(caches).hasSize(2);
        assertThat(caches.get(1)).isSameAs(caches.get(0));
        assertThat(connections).hasSize(2);
        assertThat(connections.get(0).orElseThrow().tls().orElseThrow().resumedSession()).contains(false);
        assertThat(connections.get(1).orElseThrow().tls().orElseThrow().resumedSession()).contains(true);
        assertThat(connections.get(1).orElseThrow().isServerAuthenticated()).isTrue();
    }
}
