package io.github.smtpclient.sample.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

import org.bouncycastle.operator.OperatorCreationException;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * An SMTP server in the sample's own JVM (SubEthaSMTP) on a free loopback port: STARTTLS and AUTH (PLAIN, LOGIN)
 * required before mail is accepted, with a certificate for localhost made when it starts. Every message it accepts
 * goes to {@link ReceivedMessages}; it refuses the recipients {@link RefusedRecipients} names. Started by
 * {@link #start}, stopped by {@link #close()}.
 */
public final class EmbeddedSmtpServer implements AutoCloseable {

    private final SMTPServer server;
    private final X509Certificate certificate;

    private EmbeddedSmtpServer(SMTPServer server, X509Certificate certificate) {
        this.server = server;
        this.certificate = certificate;
    }

    /**
     * Makes a certificate and starts the server.
     *
     * @throws IllegalStateException if the certificate cannot be made
     */
    public static EmbeddedSmtpServer start(EmbeddedServerProperties properties, ReceivedMessages store) {
        ServerCertificate certificate;
        try {
            certificate = ServerCertificate.forLocalhost();
            SMTPServer server = SMTPServer.port(0)
                    .bindAddress(InetAddress.getLoopbackAddress())
                    .hostName("localhost")
                    .softwareName("smtp-client sample embedded server")
                    .maxMessageSize((int) Math.min(Integer.MAX_VALUE, properties.maxMessageSize().toBytes()))
                    .enableTLS().requireTLS().startTlsSocketFactory(certificate.serverContext())
                    .requireAuth()
                    .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((user, password, context) -> {
                        if (!properties.username().equals(user) || !properties.password().equals(password)) {
                            throw new LoginFailedException("bad credentials");
                        }
                    }))
                    .messageHandlerFactory(context -> new RecordingMessageHandler(store))
                    .build();
            server.start();
            return new EmbeddedSmtpServer(server, certificate.certificate());
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("Cannot make a certificate for the embedded SMTP server: " + e, e);
        }
    }

    /** The loopback port the server listens on. */
    public int port() {
        return server.getPortAllocated();
    }

    /** The server's self-signed certificate, which clients must trust. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** Stops accepting connections and closes the open ones. */
    @Override
    public void close() {
        server.stop();
    }
}
