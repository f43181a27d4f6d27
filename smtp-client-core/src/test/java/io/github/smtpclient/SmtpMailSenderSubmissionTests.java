package io.github.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.smtpclient.log.LogLevel;
import io.github.smtpclient.message.RawContent;
import io.github.smtpclient.testing.CapturedStandardError;
import io.github.smtpclient.testing.InProcessSmtpServer;
import io.github.smtpclient.tls.TlsMode;

/**
 * {@link SmtpMailSender#send(Submission)} against a real SMTP server (SubEthaSMTP): the submission that reaches the
 * connection keeps every field the caller set, not only its envelope, content and Message-ID.
 */
class SmtpMailSenderSubmissionTests {

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
    void theEndOfDataHookRunsBeforeTheServerHasTheMessage() throws Exception {
        List<List<String>> seen = new CopyOnWriteArrayList<>();
        List<Integer> receivedAtHook = new CopyOnWriteArrayList<>();
        int before = server.received().size();
        try (SmtpMailSender sender = sender(LogLevel.NONE)) {
            sender.send(submission("hooked", "Hello.").withEndOfData(recipients -> {
                receivedAtHook.add(server.received().size());
                seen.add(recipients.stream().map(RecipientResult::address).toList());
            }));
        }

        assertThat(seen).containsExactly(List.of("bob@example.test"));
        assertThat(receivedAtHook).containsExactly(before);
        assertThat(server.received()).hasSize(before + 1);
    }

    @Test
    void aSensitiveSubmissionKeepsItsDataOutOfEvenTheMostVerboseLog() throws Exception {
        String log;
        try (CapturedStandardError captured = CapturedStandardError.start();
                SmtpMailSender sender = sender(LogLevel.DATA)) {
            Submission secret = submission("Your sign-in code", "Your code is 739164.");
            sender.send(new Submission(secret.envelope(), secret.content(), null, secret.subject(), true));
            sender.send(submission("Newsletter", "Nothing secret here."));
            log = captured.text();
        }

        assertThat(log).contains("D: (the data of a message marked sensitive is not logged)", "Nothing secret here.")
                .doesNotContain("739164", "Your sign-in code");
        assertThat(server.received()).anySatisfy(received -> assertThat(new String(received.data(),
                StandardCharsets.UTF_8)).contains("739164"));
    }

    /** A raw message, as another MIME library writes one: the sender fits it to the server before tracking it. */
    private static Submission submission(String subject, String body) throws SmtpException {
        return RawContent.ofBytes(("From: alice@example.test\r\nTo: bob@example.test\r\nSubject: " + subject
                + "\r\n\r\n" + body + "\r\n").getBytes(StandardCharsets.US_ASCII)).submission();
    }

    private static SmtpMailSender sender(LogLevel level) {
        return SmtpMailSender.builder("localhost", server.port())
                .configureClients(client -> {
                    client.tls().setMode(TlsMode.NONE);
                    client.socket().setTimeout(Duration.ofSeconds(5));
                    client.log().setLevel(level);
                })
                .build();
    }
}
