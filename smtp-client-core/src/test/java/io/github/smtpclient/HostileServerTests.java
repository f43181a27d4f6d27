package io.github.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.smtpclient.event.NotificationEvent;
import io.github.smtpclient.testing.ScriptedClients;
import io.github.smtpclient.testing.ScriptedSmtpServer;
import io.github.smtpclient.tls.TlsMode;

/**
 * Protocol edge cases and hostile servers that no real server produces on demand, played by a scripted server:
 * response injection, 421s, silence, drops, pipelining order, replies split into single bytes.
 */
class HostileServerTests {

    private static final String GREETING = "220 scripted ESMTP\r\n";
    private static final String EHLO_PIPELINING = "250-scripted\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 100000000\r\n";

    private final RecordingListener events = new RecordingListener();

    private SmtpClient plainClient() {
        return ScriptedClients.plainClient(events);
    }

    private static byte[] message(String body) {
        return ("From: a@example.test\r\nTo: b@example.test\r\nSubject: s\r\n\r\n" + body)
                .getBytes(StandardCharsets.US_ASCII);
    }



    @Test
    void bytesInjectedAfterTheStartTlsReplyEndTheConnection() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer()
                .send(GREETING).expect("EHLO ").send("250-scripted\r\n250 STARTTLS\r\n")
                .expect("STARTTLS")
                .send("220 go ahead\r\n250-injected\r\n250 AUTH PLAIN\r\n")
                .start(); SmtpClient client = plainClient()) {
            client.tls().setMode(TlsMode.EXPLICIT);
            assertThatThrownBy(() -> client.connect("127.0.0.1", server.port()))
                    .isInstanceOfSatisfying(SmtpException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.STARTTLS_INJECTION));
            assertThat(client.isConnected()).isFalse();
        }
    }

    @Test
    void aTlsRecordInsteadOfAGreetingSuggestsImplicitTls() throws Exception {
        byte[] tlsAlert = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28};
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().sendBytes(tlsAlert).start();
                SmtpClient client = plainClient()) {
            assertThatThrownBy(() -> client.connect("127.0.0.1", server.port()))
                    .isInstanceOfSatisfying(SmtpException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.TLS_MODE_MISMATCH);
                        assertThat(e.getMessage()).contains(TlsMode.SETTING + " to IMPLICIT");
                    });
        }
    }

    @Test
    void aServerWithoutEhloIsSpokenToWithHelo() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer()
                .send(GREETING).expect("EHLO client.example.test").send("502 command not implemented\r\n")
                .expect("HELO client.example.test").send("250 old server\r\n")
                .expect("MAIL FROM:<a@example.test>").send("250 ok\r\n")
                .expect("RCPT TO:<b@example.test>").send("250 ok\r\n")
                .expect("DATA").send("354 go\r\n").expectData().send("250 queued\r\n")
                .expect("QUIT").send("221 bye\r\n")
                .start(); SmtpClient client = plainClient()) {
            client.connect("127.0.0.1", server.port());
            assertThat(client.getServerInfo().isAvailable()).isFalse();
            client.sendBytes(message("old school\r\n"));
            client.disconnect();
            server.awaitCompletion();
            assertThat(new String(server.messages().get(0), StandardCharsets.US_ASCII)).endsWith("old school\r\n");
        }
        assertThat(events.notified(NotificationEvent.Kind.HELO_FALLBACK)).isTrue();
    }

    @Test
    void a421EndsTheSessionWithAClearError() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer()
                .send(GREETING).expect("EHLO ").send("250 scripted\r\n")
                .expect("MAIL FROM:").send("421 4.3.2 shutting down\r\n").closeConnection()
                .start(); SmtpClient client = plainClient()) {
            client.connect("127.0.0.1", server.port());
            assertThatThrownBy(() -> client.sendBytes(message("x\r\n")))
                    .isInstanceOfSatisfying(SmtpException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.SERVICE_UNAVAILABLE);
                        assertThat(e.replyCode()).isEqualTo(421);
                        assertThat(e.enhancedStatus()).map(Object::toString).contains("4.3.2");
                        assertThat(e.isTransient()).isTrue();
                    });
            assertThat(client.isConnected()).isFalse();
        }
        assertThat(events.messageEvents).containsExactly("started 1 s", "failed 1 SERVICE_UNAVAILABLE");
    }

    @Test
    void a421GreetingIsReportedAsServiceUnavailable() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().send("421 too busy\r\n").start();
                SmtpClient client = plainClient()) {
            assertThatThrownBy(() -> client.connect("127.0.0.1", server.port()))
                    .isInstanceOfSatisfying(SmtpException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.SERVICE_UNAVAILABLE));
        }
    }

    @Test
    void a554GreetingIsRejection() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().send("554 go away\r\n").start();
                SmtpClient client = plainClient()) {
            assertThatThrownBy(() -> client.connect("127.0.0.1", server.port()))
                    .isInstanceOfSatisfying(SmtpException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.GREETING_REJECTED));
        }
    }

    @Test
    void withPipeliningTheWholeEnvelopeGoesOutBeforeAnyReplyIsRead() throws Exception {
        // The script reads MAIL, both RCPTs and DATA before it answers anything: a client that waited for a
        // reply between them would stall here and time out.
        try (ScriptedSmtpServer server = new ScriptedSmtpServer()
                .send(GREETING).expect("EHLO ").send(EHLO_PIPELINING)
                .expect("MAIL FROM:<a@example.test> SIZE=").expect("RCPT TO:<b@example.test>")
                .expect("RCPT TO:<c@example.test>").expect("DATA")
                .send("250 ok\r\n550 5.1.1 no such user\r\n250 ok\r\n354 go\r\n")
                .expectData().send("250 2.0.0 queued\r\n")
                .start(); SmtpClient client = plainClient()) {
            client.connect("127.0.0.1", server.port());
            SendResult result = client.sendBytes(Envelope.of("a@example.test", "b@example.test", "c@example.test"),
                    message("pipelined\r\n"));
            assertThat(result.rejectedRecipients()).extracting(RecipientResult::address).containsExactly("b@example.test");
            assertThat(result.acceptedRecipients()).extracting(RecipientResult::address).containsExactly("c@example.test");
            assertThat(result.finalReply().enhancedStatus()).map(Object::toString).contains("2.0.0");
            server.awaitCompletion();
        }
    }

    @Test
    void aBatchWritesTheNextEnvelopeRightBehindThePreviousFinalDot() throws Exception {
        // The second MAIL must arrive before the server answers the first message's final dot: one round trip
        // per message.
        try (ScriptedSmtpServer server = new ScriptedSmtpServer()
                .send(GREETING).expect("EHLO ").send(EHLO_PIPELINING)
                .expect("MAIL FROM:").expect("RCPT TO:").expect("DATA").send("250 ok\r\n250 ok\r\n354 go\r\n")
                .expectData()
                .expect("MAIL FROM:").expect("RCPT TO:").expect("DATA")
                .send("250 first queued\r\n250 ok\r\n250 ok\r\n354 go\r\n")
                .expectData().send("250 second queued\r\n")
                .start(); SmtpClient client = plainClient()) {
            client.connect("127.0.0.1", server.port());
            List<Submission> batch = List.of(submission("first\r\n"), submission("second\r\n"));
            List<SendOutcome> outcomes = client.sendAll(batch);
            assertThat(outcomes).allMatch(SendOutcome::isSuccess);
            assertThat(outcomes.get(0).result().orElseThrow().finalReply().text()).isEqualTo("first queued");
            assertThat(outcomes.get(1).result().orElseThrow().finalReply().text()).isEqualTo("second queued");
            server.awaitCompletion();
            assertThat(server.messages()).hasSize(2);
            // The second message starts before the first ends: that is the pipelining the events must pair up.
            assertThat(events.messageEvents).containsExactly("started 1 -", "started 2 -", "sent 1 first queued",
                    "sent 2 second queued");
        }
    }

    private static Submission submission(String body) {
        byte[] bytes = message(body);
        return new Submission(Envelope.of("a@example.test", "b@example.test"), new MessageContent() {
            @Override
            public void writeTo(java.io.OutputStream out) throws java.io.IOException {
                out.write(bytes);
            }

            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public Encoding encoding() {
                return Encoding.SEVEN_BIT;
            }

            @Override
            public boolean needsSmtpUtf8() {
                return false;
            }
        }, null);
    }

    @Test
    void repliesArrivingOneByteAtATimeAreReassembled() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer()
                .sendByteByByte(GREETING).expect("EHLO ").sendByteByByte(EHLO_PIPELINING)
                .expect("QUIT").sendByteByByte("221 bye\r\n")
                .start(); SmtpClient client = plainClient()) {
            client.connect("127.0.0.1", server.port());
            assertThat(client.getServerInfo().isPipeliningSupported()).isTrue();
            assertThat(client.getServerInfo().maxMessageSize()).hasValue(100_000_000L);
            client.disconnect();
            server.awaitCompletion();
        }
    }

    @Test
    void aSilentServerTimesOut() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer()
                .send(GREETING).expect("EHLO ").sleep(Duration.ofSeconds(2))
                .start(); SmtpClient client = plainClient()) {
            client.socket().setTimeout(Duration.ofMillis(300));
            assertThatThrownBy(() -> client.connect("127.0.0.1", server.port()))
                    .isInstanceOfSatisfying(SmtpException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.TIMEOUT);
                        assertThat(e.isTransient()).isTrue();
                    });
        }
    }

    @Test
    void aDropAfterTheFinalDotLeavesTheOutcomeUnknown() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer()
                .send(GREETING).expect("EHLO ").send(EHLO_PIPELINING)
                .expect("MAIL FROM:").expect("RCPT TO:").expect("DATA").send("250 ok\r\n250 ok\r\n354 go\r\n")
                .expectData().closeConnection()
                .start(); SmtpClient client = plainClient()) {
            client.connect("127.0.0.1", server.port());
            assertThatThrownBy(() -> client.sendBytes(message("maybe delivered\r\n")))
                    .isInstanceOfSatisfying(SmtpException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.OUTCOME_UNKNOWN);
                        assertThat(e.isOutcomeUnknown()).isTrue();
                        assertThat(e.getMessage()).contains("may or may not have been delivered");
                    });
            assertThat(client.isConnected()).isFalse();
        }
    }

    @Test
    void aDropInTheMiddleOfTheDataIsAFailureNotAnUnknownOutcome() throws Exception {
        byte[] big = ("x".repeat(98) + "\r\n").repeat(160_000).getBytes(StandardCharsets.US_ASCII);
        try (ScriptedSmtpServer server = new ScriptedSmtpServer()
                .send(GREETING).expect("EHLO ").send(EHLO_PIPELINING)
                .expect("MAIL FROM:").expect("RCPT TO:").expect("DATA").send("250 ok\r\n250 ok\r\n354 go\r\n")
                .closeConnection()
                .start(); SmtpClient client = plainClient()) {
            client.connect("127.0.0.1", server.port());
            byte[] headers = message("");
            byte[] whole = Arrays.copyOf(headers, headers.length + big.length);
            System.arraycopy(big, 0, whole, headers.length, big.length);
            assertThatThrownBy(() -> client.sendBytes(whole))
                    .isInstanceOfSatisfying(SmtpException.class, e -> {
                        assertThat(e.errorCode()).isIn(SmtpErrorCode.CONNECTION_CLOSED, SmtpErrorCode.TIMEOUT);
                        assertThat(e.isOutcomeUnknown()).isFalse();
                    });
            assertThat(client.isConnected()).isFalse();
        }
    }

    @Test
    void anEndlessChallengeLoopIsCutOff() throws Exception {
        ScriptedSmtpServer script = new ScriptedSmtpServer()
                .send(GREETING).expect("EHLO ").send("250-scripted\r\n250 AUTH LOGIN\r\n")
                .expect("AUTH LOGIN").send("334 VXNlcm5hbWU6\r\n");
        for (int i = 0; i < 12; i++) {
            script.expect(".*").send("334 VXNlcm5hbWU6\r\n");
        }
        try (ScriptedSmtpServer server = script.start(); SmtpClient client = plainClient()) {
            client.auth().setUsername("user");
            client.auth().setPassword("password");
            assertThatThrownBy(() -> client.connect("127.0.0.1", server.port()))
                    .isInstanceOfSatisfying(SmtpException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.AUTH_CHALLENGE_LIMIT));
            assertThat(client.isConnected()).isFalse();
        }
    }

    @Test
    void aMultiLineReplyWithMixedCodesIsRefused() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer()
                .send(GREETING).expect("EHLO ").send("250-scripted\r\n251 PIPELINING\r\n")
                .start(); SmtpClient client = plainClient()) {
            assertThatThrownBy(() -> client.connect("127.0.0.1", server.port()))
                    .isInstanceOfSatisfying(SmtpException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.PROTOCOL_VIOLATION));
        }
    }

    @Test
    void pipelinedBdatChunksDoNotWaitForEachOther() throws Exception {
        byte[] sent = message("y".repeat(2500) + "\r\n");
        int chunks = (sent.length + 999) / 1000;
        ScriptedSmtpServer script = new ScriptedSmtpServer()
                .send(GREETING).expect("EHLO ")
                .send("250-scripted\r\n250-PIPELINING\r\n250-CHUNKING\r\n250 BINARYMIME\r\n")
                .expect("MAIL FROM:<a@example.test> BODY=BINARYMIME").expect("RCPT TO:").send("250 ok\r\n250 ok\r\n");
        for (int i = 0; i < chunks; i++) {
            script.expectBdat();
        }
        script.send("250 chunk\r\n".repeat(chunks - 1) + "250 message queued\r\n");
        try (ScriptedSmtpServer server = script.start(); SmtpClient client = plainClient()) {
            client.transfer().setBinaryMode(true);
            client.transfer().setBinaryChunkSize(1000);
            client.connect("127.0.0.1", server.port());
            SendResult result = client.sendBytes(sent);
            assertThat(result.finalReply().text()).isEqualTo("message queued");
            server.awaitCompletion();
            assertThat(server.messages().get(0)).isEqualTo(sent);
        }
    }

    @Test
    void aRefusedDataCommandResetsTheTransaction() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer()
                .send(GREETING).expect("EHLO ").send(EHLO_PIPELINING)
                .expect("MAIL FROM:").expect("RCPT TO:").expect("DATA")
                .send("250 ok\r\n250 ok\r\n451 4.3.0 try later\r\n")
                .expect("RSET").send("250 reset\r\n")
                .expect("NOOP").send("250 fine\r\n")
                .start(); SmtpClient client = plainClient()) {
            client.connect("127.0.0.1", server.port());
            assertThatThrownBy(() -> client.sendBytes(message("x\r\n")))
                    .isInstanceOfSatisfying(SmtpException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.MESSAGE_REJECTED);
                        assertThat(e.isTransient()).isTrue();
                    });
            assertThat(client.noop().code()).isEqualTo(250);
            server.awaitCompletion();
        }
    }
}
