package io.github.smtpclient.sample;

import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.helper.SimpleMessageListener;
import org.subethamail.smtp.server.SMTPServer;

import io.github.smtpclient.SendResult;
import io.github.smtpclient.SmtpClient;
import io.github.smtpclient.event.CommandEvent;
import io.github.smtpclient.event.CommandReplyEvent;
import io.github.smtpclient.event.NotificationEvent;
import io.github.smtpclient.event.SmtpListener;
import io.github.smtpclient.tls.TlsMode;

/**
 * Starts an SMTP server in this JVM (SubEthaSMTP with STARTTLS and AUTH, its certificate made at start-up),
 * sends one message to it through STARTTLS + AUTH with smtp-client, and prints the protocol log. The client
 * trusts the server's certificate through its settings; validation stays on.
 */
public final class DemoApplication {

    private static final String USER = "demo";
    private static final String PASSWORD = "demo-secret";

    private DemoApplication() {
    }

    public static void main(String[] args) throws Exception {
        DemoCertificate certificate = DemoCertificate.forLocalhost();
        List<String> received = new CopyOnWriteArrayList<>();
        SMTPServer server = SMTPServer.port(0)
                .bindAddress(InetAddress.getLoopbackAddress())
                .hostName("localhost")
                .enableTLS().requireTLS().startTlsSocketFactory(certificate.serverContext())
                .requireAuth()
                .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((user, password, context) -> {
                    if (!USER.equals(user) || !PASSWORD.equals(password)) {
                        throw new LoginFailedException("bad credentials");
                    }
                }))
                .simpleMessageListener(new SimpleMessageListener() {
                    @Override
                    public boolean accept(String from, String recipient) {
                        return true;
                    }

                    @Override
                    public void deliver(String from, String recipient, InputStream data) throws java.io.IOException {
                        received.add(recipient + " (" + data.readAllBytes().length + " bytes)");
                    }
                })
                .build();
        server.start();
        try (SmtpClient client = new SmtpClient()) {
            client.tls().setMode(TlsMode.EXPLICIT);
            client.tls().setTrustedCertificates(List.of(certificate.certificate()));
            client.auth().setUsername(USER);
            client.auth().setPassword(PASSWORD);
            client.setListener(new ProtocolLog());
            client.connect("localhost", server.getPortAllocated());
            System.out.println("   TLS: " + client.getTlsInfo().map(Object::toString).orElse("none"));
            SendResult result = client.sendBytes(message());
            System.out.println("   Sent: " + result.acceptedRecipients().size() + " recipient(s) accepted, final reply "
                    + result.finalReply());
            client.disconnect();
        } finally {
            server.stop();
        }
        System.out.println("   Server received: " + received);
    }

    private static byte[] message() {
        String date = ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME);
        return ("From: Demo <demo@example.test>\r\n"
                + "To: Reader <reader@example.test>\r\n"
                + "Subject: Hello from smtp-client\r\n"
                + "Date: " + date + "\r\n"
                + "Message-ID: <demo-" + System.nanoTime() + "@example.test>\r\n"
                + "\r\n"
                + "Sent through STARTTLS and AUTH by smtp-client.\r\n"
                + ".A line starting with a dot survives dot-stuffing.\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Prints each command and reply as it crosses the wire; AUTH secrets arrive already masked. */
    private static final class ProtocolLog implements SmtpListener {
        @Override
        public void command(CommandEvent event) {
            System.out.println("C: " + event.line());
        }

        @Override
        public void commandReply(CommandReplyEvent event) {
            for (String line : event.reply().toWireString().split("\r\n")) {
                System.out.println("S: " + line);
            }
        }

        @Override
        public void notification(NotificationEvent event) {
            System.out.println("*  " + event.kind() + ": " + event.text());
        }
    }
}
