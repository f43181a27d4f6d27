package io.github.smtpclient.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * A real SMTP server in the test's JVM (SubEthaSMTP): STARTTLS with a {@link TestCertificates} certificate,
 * AUTH PLAIN and LOGIN, CHUNKING, PIPELINING and 8BITMIME. Records every message it receives.
 */
public final class InProcessSmtpServer implements AutoCloseable {

    /** A message as the server received it. */
    public record Received(String from, String to, byte[] data) {
    }

    public static final String USER = "alice";
    public static final String PASSWORD = "wonderland";

    private final SMTPServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private InProcessSmtpServer(TestCertificates certificates, boolean requireTls, boolean requireAuth,
            Consumer<SMTPServer.Builder> customizer) {
        SMTPServer.Builder builder = SMTPServer.port(0)
                .bindAddress(InetAddress.getLoopbackAddress())
                .hostName("localhost")
                .connectionTimeoutMs(10_000)
                .simpleMessageListener(new org.subethamail.smtp.helper.SimpleMessageListener() {
                    @Override
                    public boolean accept(String from, String recipient) {
                        return !recipient.startsWith("reject");
                    }

                    @Override
                    public void deliver(String from, String recipient, InputStream data) throws IOException {
                        received.add(new Received(from, recipient, data.readAllBytes()));
                    }
                })
                .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((user, password, context) -> {
                    if (!USER.equals(user) || !PASSWORD.equals(password)) {
                        throw new LoginFailedException("bad credentials");
                    }
                }))
                .requireAuth(requireAuth);
        if (certificates != null) {
            builder.enableTLS().requireTLS(requireTls).startTlsSocketFactory(certificates.serverContext());
        }
        customizer.accept(builder);
        server = builder.build();
        server.start();
    }

    /** STARTTLS offered (not required) and AUTH offered (not required). */
    public static InProcessSmtpServer start(TestCertificates certificates) {
        return new InProcessSmtpServer(certificates, false, false, b -> { });
    }

    /** STARTTLS and AUTH both required before mail is accepted. */
    public static InProcessSmtpServer startRequiringTlsAndAuth(TestCertificates certificates) {
        return new InProcessSmtpServer(certificates, true, true, b -> { });
    }

    /** No TLS at all, AUTH offered. */
    public static InProcessSmtpServer startPlain() {
        return new InProcessSmtpServer(null, false, false, b -> { });
    }

    /** Full control over the SubEthaSMTP builder. */
    public static InProcessSmtpServer start(TestCertificates certificates, Consumer<SMTPServer.Builder> customizer) {
        return new InProcessSmtpServer(certificates, false, false, customizer);
    }

    public int port() {
        return server.getPortAllocated();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop();
    }
}
