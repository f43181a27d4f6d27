package io.github.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.smtpclient.auth.AuthMechanism;
import io.github.smtpclient.log.LogLevel;
import io.github.smtpclient.log.WireLog;
import io.github.smtpclient.message.MailMessage;
import io.github.smtpclient.testing.CapturedStandardError;
import io.github.smtpclient.testing.InProcessSmtpServer;
import io.github.smtpclient.tls.TlsMode;

/**
 * The built-in protocol log end to end: a real session with a real server, the log read back from the SLF4J
 * backend's output as an operator reads it, and searched for the password in every form it crosses the wire in.
 */
class ProtocolLogTests {

    private static InProcessSmtpServer server;

    @BeforeAll
    static void startServer() {
        server = InProcessSmtpServer.startPlain();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void theConversationIsLoggedAndThePasswordAppearsInNoForm() throws Exception {
        String log;
        try (CapturedStandardError captured = CapturedStandardError.start()) {
            for (AuthMechanism mechanism : List.of(AuthMechanism.PLAIN, AuthMechanism.LOGIN)) {
                try (SmtpClient client = client(LogLevel.DATA)) {
                    client.auth().setMechanisms(List.of(mechanism));
                    client.connect("localhost", server.port());
                    client.sendBytes(("From: alice@example.test\r\nTo: bob@example.test\r\nSubject: logged "
                            + mechanism + "\r\n\r\nhello\r\n").getBytes(StandardCharsets.US_ASCII));
                }
            }
            log = captured.text();
        }

        assertThat(log).contains(WireLog.LOGGER_NAME, "C: AUTH PLAIN ****", "C: AUTH LOGIN", "S: 334 ****",
                "C: ****", "S: 235", "C: MAIL FROM:<alice@example.test>", "D: Subject: logged LOGIN", "* connected to");
        assertThat(log).containsPattern("\\[#\\d+] C: EHLO ");
        String password = InProcessSmtpServer.PASSWORD;
        for (String secret : List.of(password, base64(password), base64("\0" + InProcessSmtpServer.USER + "\0" + password),
                base64(InProcessSmtpServer.USER))) {
            assertThat(log).as("the log must not contain " + secret).doesNotContain(secret);
        }
    }

    @Test
    void aSensitiveMessageKeepsItsDataOutOfEvenTheMostVerboseLog() throws Exception {
        String log;
        try (CapturedStandardError captured = CapturedStandardError.start();
                SmtpClient client = client(LogLevel.DATA)) {
            client.connect("localhost", server.port());
            client.sendMessage(MailMessage.builder().from("alice@example.test").to("bob@example.test")
                    .subject("Your sign-in code").plainText("Your code is 739164.").sensitive(true).build());
            client.sendMessage(MailMessage.builder().from("alice@example.test").to("bob@example.test")
                    .subject("Newsletter").plainText("Nothing secret here.").build());
            log = captured.text();
        }

        assertThat(log).contains("D: (the data of a message marked sensitive is not logged)", "Nothing secret here.")
                .doesNotContain("739164", "Your sign-in code");
        assertThat(server.received()).anySatisfy(received -> assertThat(new String(received.data(),
                StandardCharsets.UTF_8)).contains("739164"));
    }

    @Test
    void offByDefaultTheLoggerHearsNothing() throws Exception {
        String log;
        try (CapturedStandardError captured = CapturedStandardError.start(); SmtpClient client = new SmtpClient()) {
            client.tls().setMode(TlsMode.NONE);
            client.connect("localhost", server.port());
            client.noop();
            log = captured.text();
        }

        assertThat(log).doesNotContain(WireLog.LOGGER_NAME);
    }

    private static SmtpClient client(LogLevel level) {
        SmtpClient client = new SmtpClient();
        client.tls().setMode(TlsMode.NONE);
        client.auth().setUsername(InProcessSmtpServer.USER);
        client.auth().setPassword(InProcessSmtpServer.PASSWORD);
        client.log().setLevel(level);
        return client;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
