package io.github.smtpclient.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.UUID;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;

/**
 * Checks the test bed itself with nothing but JDK sockets, so a failure in the SmtpClient interop tests can be told
 * apart from a broken test bed: mail to the plain port lands in the Maildir exactly as {@link DeliveredMessage}
 * expects, and the implicit-TLS port presents a certificate the published CA validates for the published host.
 */
@EnabledIfPostfixTestbed
class PostfixTestbedInteropTests {

    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(10);

    @Test
    void messageSentToThePlainPortIsStoredInItsStoredForm(PostfixTestbed testbed) throws IOException {
        String messageId = "<" + UUID.randomUUID() + "@client.example.test>";
        byte[] message = ("From: <client@client.example.test>\r\nTo: <" + testbed.user() + ">\r\n"
                + "Message-ID: " + messageId + "\r\nSubject: raw socket\r\n\r\n.leading dot\r\nlast line\r\n")
                .getBytes(StandardCharsets.US_ASCII);

        try (Socket socket = new Socket(testbed.address(), testbed.plainPort())) {
            PlainSmtp smtp = new PlainSmtp(socket);
            smtp.expect(220);
            smtp.command("HELO client.example.test", 250);
            smtp.command("MAIL FROM:<client@client.example.test>", 250);
            smtp.command("RCPT TO:<" + testbed.user() + ">", 250);
            smtp.command("DATA", 354);
            // The one leading dot of the body doubled, as the transparency rule of RFC 5321 4.5.2 requires.
            smtp.write(new String(message, StandardCharsets.US_ASCII).replace("\r\n.", "\r\n..") + ".\r\n");
            smtp.expect(250);
            smtp.command("QUIT", 221);
        }

        DeliveredMessage delivered = testbed.awaitDelivery(testbed.user(), messageId, DELIVERY_TIMEOUT);
        assertThat(delivered.differenceFrom(message)).isEmpty();
        assertThat(delivered.received()).contains("with SMTP").doesNotContain("using TLS");
    }

    @Test
    void implicitTlsPortPresentsACertificateValidForTheHostUnderTheCa(PostfixTestbed testbed)
            throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("testbed-ca", testbed.caCertificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);

        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(testbed.host(), testbed.implicitTlsPort())) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            PlainSmtp smtp = new PlainSmtp(socket);
            assertThat(smtp.expect(220)).contains("ESMTP");
            assertThat(socket.getSession().getProtocol()).isIn("TLSv1.2", "TLSv1.3");
            smtp.command("QUIT", 221);
        }
    }

    /** Just enough SMTP to talk to the test bed by hand: one command, one (possibly multi-line) reply. */
    private static final class PlainSmtp {
        private final BufferedReader in;
        private final OutputStream out;

        PlainSmtp(Socket socket) throws IOException {
            socket.setSoTimeout((int) DELIVERY_TIMEOUT.toMillis());
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            this.out = socket.getOutputStream();
        }

        void command(String line, int expectedCode) throws IOException {
            write(line + "\r\n");
            expect(expectedCode);
        }

        void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        String expect(int expectedCode) throws IOException {
            StringBuilder reply = new StringBuilder();
            String line;
            do {
                line = in.readLine();
                assertThat(line).as("reply line after %s", reply).isNotNull();
                reply.append(line).append('\n');
            } while (line.length() > 3 && line.charAt(3) == '-');
            assertThat(reply.toString()).startsWith(String.valueOf(expectedCode));
            return reply.toString();
        }
    }
}
