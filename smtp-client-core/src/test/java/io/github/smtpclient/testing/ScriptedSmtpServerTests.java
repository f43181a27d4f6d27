package io.github.smtpclient.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;

class ScriptedSmtpServerTests {

    private static final TestCertificates CERTIFICATES = TestCertificates.forLocalhost();

    @Test
    void playsTheScriptAndRecordsCommandsAndUnstuffedData() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer()
                .send("220 scripted ESMTP\r\n")
                .expect("EHLO ")
                .sendByteByByte("250-scripted\r\n250 PIPELINING\r\n")
                .expect("MAIL FROM:<a@example.test>")
                .expect("RCPT TO:<[a-z]+@example\\.test>")
                .expect("DATA")
                .send("250 ok\r\n250 ok\r\n354 go\r\n")
                .expectData()
                .send("250 queued\r\n")
                .expect("QUIT")
                .send("221 bye\r\n")
                .start();
                Client client = new Client(new Socket(server.host(), server.port()))) {

            assertThat(client.readLine()).isEqualTo("220 scripted ESMTP");
            client.send("EHLO client.example.test\r\n");
            assertThat(client.readLine()).isEqualTo("250-scripted");
            assertThat(client.readLine()).isEqualTo("250 PIPELINING");
            client.send("MAIL FROM:<a@example.test>\r\nRCPT TO:<b@example.test>\r\nDATA\r\n");
            assertThat(client.readLine()).isEqualTo("250 ok");
            assertThat(client.readLine()).isEqualTo("250 ok");
            assertThat(client.readLine()).isEqualTo("354 go");
            client.send("Subject: hi\r\n\r\n..dot\r\n.\r\nQUIT\r\n");
            assertThat(client.readLine()).isEqualTo("250 queued");
            assertThat(client.readLine()).isEqualTo("221 bye");

            server.awaitCompletion();
            assertThat(server.received()).containsExactly("EHLO client.example.test", "MAIL FROM:<a@example.test>",
                    "RCPT TO:<b@example.test>", "DATA", "QUIT");
            assertThat(server.messages()).singleElement()
                    .satisfies(m -> assertThat(new String(m, StandardCharsets.US_ASCII)).isEqualTo("Subject: hi\r\n\r\n.dot\r\n"));
            assertThat(new String(server.rawReceived(), StandardCharsets.US_ASCII)).contains("\r\n..dot\r\n");
        }
    }

    @Test
    void unexpectedCommandFailsTheScriptNamingWhatArrived() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer()
                .send("220 scripted\r\n")
                .expect("EHLO ")
                .send("250 ok\r\n")
                .start();
                Client client = new Client(new Socket(server.host(), server.port()))) {

            client.readLine();
            client.send("HELO old.example.test\r\n");

            assertThatThrownBy(server::awaitCompletion).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("step 2").hasMessageContaining("HELO old.example.test");
            assertThat(client.readLine()).as("the failed script drops the connection").isNull();
        }
    }

    @Test
    void bdatChunksAreJoinedIntoOneMessage() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer()
                .expectBdat()
                .expectBdat()
                .send("250 ok\r\n250 queued\r\n")
                .start();
                Client client = new Client(new Socket(server.host(), server.port()))) {

            client.send("BDAT 3\r\na\r\nBDAT 2 LAST\r\n.\n");
            client.readLine();

            server.awaitCompletion();
            assertThat(server.messages()).singleElement()
                    .satisfies(m -> assertThat(new String(m, StandardCharsets.US_ASCII)).isEqualTo("a\r\n.\n"));
            assertThat(server.received()).containsExactly("BDAT 3", "BDAT 2 LAST");
        }
    }

    @Test
    void startTlsContinuesTheScriptOverTls() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer()
                .send("220 scripted\r\n")
                .expect("STARTTLS")
                .send("220 go ahead\r\n")
                .startTls(CERTIFICATES.serverContext())
                .expect("EHLO ")
                .send("250 secure\r\n")
                .start();
                Socket plain = new Socket(server.host(), server.port());
                Client client = new Client(plain)) {

            client.readLine();
            client.send("STARTTLS\r\n");
            assertThat(client.readLine()).isEqualTo("220 go ahead");
            SSLSocket tls = (SSLSocket) CERTIFICATES.clientContextTrustingCa().getSocketFactory()
                    .createSocket(plain, "localhost", server.port(), true);
            tls.startHandshake();
            Client secure = new Client(tls);
            secure.send("EHLO client.example.test\r\n");

            assertThat(secure.readLine()).isEqualTo("250 secure");
            server.awaitCompletion();
            assertThat(server.received()).containsExactly("STARTTLS", "EHLO client.example.test");
        }
    }

    @Test
    void closeConnectionDropsTheClientAndExpectCloseSeesTheClientHangUp() throws Exception {
        try (ScriptedSmtpServer dropping = new ScriptedSmtpServer().send("421 going away\r\n").closeConnection().start();
                Client client = new Client(new Socket(dropping.host(), dropping.port()))) {

            assertThat(client.readLine()).isEqualTo("421 going away");
            assertThat(client.readLine()).isNull();
            dropping.awaitCompletion();
        }
        try (ScriptedSmtpServer waiting = new ScriptedSmtpServer().send("220 hi\r\n").expectClose().start()) {
            Client client = new Client(new Socket(waiting.host(), waiting.port()));
            client.readLine();

            client.close();

            waiting.awaitCompletion();
        }
    }

    @Test
    void expectCloseFailsWhenTheClientSendsInstead() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().expectClose().start();
                Client client = new Client(new Socket(server.host(), server.port()))) {

            client.send("QUIT\r\n");

            assertThatThrownBy(server::awaitCompletion).hasMessageContaining("QUIT");
        }
    }

    /** A minimal line-based client over a plain or TLS socket. */
    private static final class Client implements AutoCloseable {

        private final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;

        Client(Socket socket) throws IOException {
            this.socket = socket;
            socket.setSoTimeout(5000);
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            this.out = socket.getOutputStream();
        }

        String readLine() throws IOException {
            return in.readLine();
        }

        void send(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
