package io.github.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.github.smtpclient.event.CommandEvent;
import io.github.smtpclient.event.CommandReplyEvent;
import io.github.smtpclient.testing.ScriptedChannel;
import io.github.smtpclient.testing.ScriptedClients;
import io.github.smtpclient.testing.ScriptedSmtpServer;

/**
 * A batch pipelined across messages with BDAT (issue 12): every message's MAIL, RCPTs and {@code BDAT n LAST} go out
 * without waiting for the replies of the messages before, and each message's outcome is derived exactly from its own
 * replies, read in order. The scripted server reads the commands of several messages before it answers any, so a
 * client that waited for a reply between messages would stall the script and fail.
 */
class BdatBatchPipeliningTests {

    private final WireOrder wire = new WireOrder();

    private static byte[] message(int n) {
        return ("From: a@example.test\r\nTo: r@example.test\r\nSubject: m" + n + "\r\n\r\nbody " + n + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static Submission submission(int n, String... recipients) {
        return new Submission(Envelope.of("a@example.test", recipients), new RawBytes(message(n)), "<m" + n + ">");
    }

    private static String rcpt(int n) {
        return "r" + n + "@example.test";
    }

    /**
     * Messages 1-18: MAIL of 3 refused, every RCPT of 5 refused, one RCPT of 7 answered 452 4.5.3, and the server gone
     * after reading message 9's last chunk, having answered messages 1-8.
     */
    @Test
    void everyMessageOfABatchGetsTheOutcomeItsOwnRepliesSay() throws Exception {
        ScriptedSmtpServer script = ScriptedChannel.PLAINTEXT.open(new ScriptedSmtpServer(), "PIPELINING",
                "CHUNKING", "ENHANCEDSTATUSCODES");
        StringBuilder replies = new StringBuilder();
        for (int n = 1; n <= 9; n++) {
            script.expect("MAIL FROM:<a@example.test>");
            if (n == 5 || n == 7) {
                script.expect("RCPT TO:<" + rcpt(n) + "a>").expect("RCPT TO:<" + rcpt(n) + "b>");
            } else {
                script.expect("RCPT TO:<" + rcpt(n) + ">");
            }
            script.expectBdat();
            if (n == 3) {
                replies.append("550 5.7.1 sender refused\r\n503 5.5.1 Error: need MAIL command\r\n")
                        .append("503 5.5.1 Error: need RCPT command\r\n");
            } else if (n == 5) {
                replies.append("250 2.1.0 ok\r\n550 5.1.1 no such user\r\n550 5.1.1 no such user\r\n")
                        .append("554 5.5.1 Error: no valid recipients\r\n");
            } else if (n == 7) {
                replies.append("250 2.1.0 ok\r\n250 2.1.5 ok\r\n452 4.5.3 too many recipients\r\n")
                        .append("250 2.0.0 queued as 7\r\n");
            } else if (n < 9) {
                replies.append("250 2.1.0 ok\r\n250 2.1.5 ok\r\n250 2.0.0 queued as ").append(n).append("\r\n");
            }
        }
        script.send(replies.toString()).closeConnection();
        List<Submission> batch = new ArrayList<>();
        for (int n = 1; n <= 18; n++) {
            batch.add(n == 5 || n == 7 ? submission(n, rcpt(n) + "a", rcpt(n) + "b")
                    : submission(n, rcpt(n)));
        }
        try (ScriptedSmtpServer server = script.start(); SmtpClient client = ScriptedClients.plainClient(wire)) {
            client.socket().setTimeout(Duration.ofSeconds(3));
            client.transfer().setPipelineWindow(9, 128 * 1024);
            client.connect("127.0.0.1", server.port());
            List<SendOutcome> outcomes = client.sendAll(batch);
            server.awaitCompletion();

            assertThat(server.messages()).hasSize(9).satisfies(data -> assertThat(data.get(0)).isEqualTo(message(1)));
            for (int n : new int[] {1, 2, 4, 6, 8}) {
                SendResult result = outcomes.get(n - 1).result().orElseThrow();
                assertThat(result.acceptedRecipients()).extracting(RecipientResult::address).containsExactly(rcpt(n));
                assertThat(result.finalReply().text()).isEqualTo("2.0.0 queued as " + n);
            }
            assertThat(failure(outcomes, 3).errorCode()).isEqualTo(SmtpErrorCode.SENDER_REJECTED);
            assertThat(failure(outcomes, 3).replyCode()).isEqualTo(550);
            assertThat(failure(outcomes, 5).errorCode()).isEqualTo(SmtpErrorCode.ALL_RECIPIENTS_REJECTED);
            assertThat(outcomes.get(4).recipients()).extracting(RecipientResult::isAccepted).containsExactly(false,
                    false);
            // 7 reached its first recipient; the one put off (452) needed a further transaction, which the lost
            // connection prevented.
            assertThat(failure(outcomes, 7).errorCode()).isEqualTo(SmtpErrorCode.PARTIALLY_SENT);
            assertThat(outcomes.get(6).recipients()).extracting(r -> r.address() + " " + r.reply().code())
                    .containsExactly(rcpt(7) + "a 250", rcpt(7) + "b 452");
            // 9 was read by the server and never answered.
            assertThat(failure(outcomes, 9).errorCode()).isEqualTo(SmtpErrorCode.OUTCOME_UNKNOWN);
            // 10-17 fit the window as the replies of 1-8 were read. Each either went out after the server had stopped
            // (everything written is flushed before the client waits), so what reached the socket is unknown, or was
            // held back once a write had failed and never written; how many went out before the server's reset came
            // back depends on timing, but never one held back before one sent.
            List<SmtpErrorCode> afterTheServerStopped = new ArrayList<>();
            for (int n = 10; n <= 17; n++) {
                SmtpException failure = failure(outcomes, n);
                assertThat(failure.errorCode()).as("message %d", n)
                        .isIn(SmtpErrorCode.OUTCOME_UNKNOWN, SmtpErrorCode.NOT_CONNECTED);
                assertThat(failure.isOutcomeUnknown()).as("message %d", n)
                        .isEqualTo(failure.errorCode() == SmtpErrorCode.OUTCOME_UNKNOWN);
                afterTheServerStopped.add(failure.errorCode());
            }
            int firstHeldBack = afterTheServerStopped.indexOf(SmtpErrorCode.NOT_CONNECTED);
            if (firstHeldBack >= 0) {
                assertThat(afterTheServerStopped.subList(firstHeldBack, afterTheServerStopped.size()))
                        .as("outcomes of 10-17").containsOnly(SmtpErrorCode.NOT_CONNECTED);
            }
            // 18 needed room that only message 9's replies, which never came, could make: never written.
            assertThat(failure(outcomes, 18).errorCode()).isEqualTo(SmtpErrorCode.NOT_CONNECTED);
            assertThat(failure(outcomes, 18).isOutcomeUnknown()).isFalse();
            assertThat(failure(outcomes, 18).isPermanent()).isFalse();
        }
        // Message 9's MAIL went out before message 1's first reply was read.
        assertThat(wire.events.indexOf("> MAIL 9")).isPositive().isLessThan(wire.events.indexOf("< MAIL 1"));
    }

    /**
     * After a message whose MAIL was accepted but which was not delivered, an RSET goes out in front of the next
     * message's MAIL, pipelined, so no transaction stays open; the batch ends with every reply read.
     */
    @Test
    void aRefusedMessageIsFollowedByAPipelinedReset() throws Exception {
        ScriptedSmtpServer script = ScriptedChannel.PLAINTEXT.open(new ScriptedSmtpServer(), "PIPELINING",
                "CHUNKING");
        script.expect("MAIL FROM:").expect("RCPT TO:<" + rcpt(1) + ">").expectBdat()
                .expect("MAIL FROM:").expect("RCPT TO:<" + rcpt(2) + ">").expectBdat()
                .send("250 ok\r\n550 no\r\n554 5.5.1 Error: no valid recipients\r\n")
                .send("250 ok\r\n250 ok\r\n250 queued 2\r\n")
                .expect("RSET").expect("MAIL FROM:").expect("RCPT TO:<" + rcpt(3) + ">").expectBdat()
                .send("250 reset\r\n250 ok\r\n250 ok\r\n250 queued 3\r\n")
                .expect("QUIT").send("221 bye\r\n");
        try (ScriptedSmtpServer server = script.start(); SmtpClient client = ScriptedClients.plainClient(wire)) {
            client.socket().setTimeout(Duration.ofSeconds(3));
            client.transfer().setPipelineWindow(2, 128 * 1024);
            client.connect("127.0.0.1", server.port());
            List<SendOutcome> outcomes = client.sendAll(List.of(submission(1, rcpt(1)), submission(2, rcpt(2)),
                    submission(3, rcpt(3))));
            client.disconnect();
            server.awaitCompletion();
            assertThat(failure(outcomes, 1).errorCode()).isEqualTo(SmtpErrorCode.ALL_RECIPIENTS_REJECTED);
            assertThat(outcomes.get(1).result().orElseThrow().finalReply().text()).isEqualTo("queued 2");
            assertThat(outcomes.get(2).result().orElseThrow().finalReply().text()).isEqualTo("queued 3");
        }
    }

    /**
     * A server that reads the commands but never answers: the client writes what the window allows, then waits for
     * a reply; the reply timeout ends the wait. What left the client is OUTCOME_UNKNOWN, the rest was never written.
     */
    @Test
    void aServerThatNeverAnswersEndsInATimeoutNotAHang() throws Exception {
        ScriptedSmtpServer script = ScriptedChannel.PLAINTEXT.open(new ScriptedSmtpServer(), "PIPELINING",
                "CHUNKING");
        for (int n = 1; n <= 4; n++) {
            script.expect("MAIL FROM:").expect("RCPT TO:").expectBdat();
        }
        script.sleep(Duration.ofSeconds(3)).closeConnection();
        List<Submission> batch = new ArrayList<>();
        for (int n = 1; n <= 20; n++) {
            batch.add(submission(n, rcpt(n)));
        }
        try (ScriptedSmtpServer server = script.start(); SmtpClient client = ScriptedClients.plainClient(wire)) {
            client.socket().setTimeout(Duration.ofSeconds(1));
            client.transfer().setPipelineWindow(4, 128 * 1024);
            client.connect("127.0.0.1", server.port());
            List<SendOutcome> outcomes = client.sendAll(batch);
            server.awaitCompletion();
            for (int n = 1; n <= 20; n++) {
                assertThat(failure(outcomes, n).errorCode()).as("message %d", n)
                        .isEqualTo(n <= 4 ? SmtpErrorCode.OUTCOME_UNKNOWN : SmtpErrorCode.NOT_CONNECTED);
            }
            assertThat(server.messages()).hasSize(4);
        }
    }

    /**
     * A window of 3 KiB holds two of these messages: a server that answers each message as soon as it has read it
     * gets the whole batch, the client writing ahead only as far as the window allows.
     */
    @Test
    void theByteWindowBoundsWhatIsWrittenAheadAndTheBatchCompletes() throws Exception {
        byte[] content = ("Subject: big\r\n\r\n" + ("x".repeat(78) + "\r\n").repeat(15))
                .getBytes(StandardCharsets.US_ASCII);
        ScriptedSmtpServer script = ScriptedChannel.PLAINTEXT.open(new ScriptedSmtpServer(), "PIPELINING",
                "CHUNKING");
        for (int n = 1; n <= 10; n++) {
            script.expect("MAIL FROM:").expect("RCPT TO:").expectBdat()
                    .send("250 ok\r\n250 ok\r\n250 queued " + n + "\r\n");
        }
        script.expect("QUIT").send("221 bye\r\n");
        List<Submission> batch = new ArrayList<>();
        for (int n = 1; n <= 10; n++) {
            batch.add(new Submission(Envelope.of("a@example.test", rcpt(n)), new RawBytes(content), null));
        }
        assertThat(sendAllWithByteWindow(script, batch, 3 * 1024)).hasSize(10)
                .allSatisfy(data -> assertThat(data).isEqualTo(content));
        // Never more than two messages written ahead of the replies: MAIL 3 only after message 1 was answered.
        assertThat(wire.events.indexOf("> MAIL 3")).isGreaterThan(wire.events.indexOf("< BDAT 1"));
    }

    /**
     * The window's bytes count the commands too: with 30 recipients a message's RCPTs are a kilobyte, its content
     * 80 bytes. Counting the content alone, all ten messages would go out ahead of any reply; a server that reads
     * nothing until it has written its replies could then leave the client blocked in a write.
     */
    @Test
    void theWindowCountsEveryCommandWrittenAheadNotOnlyTheContent() throws Exception {
        ScriptedSmtpServer script = ScriptedChannel.PLAINTEXT.open(new ScriptedSmtpServer(), "PIPELINING",
                "CHUNKING");
        List<Submission> batch = new ArrayList<>();
        for (int n = 1; n <= 10; n++) {
            script.expect("MAIL FROM:");
            String[] recipients = new String[30];
            for (int i = 0; i < recipients.length; i++) {
                recipients[i] = "recipient-" + i + "-of-" + rcpt(n);
                script.expect("RCPT TO:<" + recipients[i] + ">");
            }
            script.expectBdat()
                    .send("250 ok\r\n" + "250 ok\r\n".repeat(recipients.length) + "250 queued " + n + "\r\n");
            batch.add(submission(n, recipients));
        }
        script.expect("QUIT").send("221 bye\r\n");
        assertThat(sendAllWithByteWindow(script, batch, 3 * 1024)).hasSize(10);
        // About 1.1 KB on the wire a message: two in flight at most, so MAIL 3 only after message 1 was answered.
        assertThat(wire.events.indexOf("> MAIL 3")).isGreaterThan(wire.events.indexOf("< BDAT 1"));
    }

    /** Forcing DATA keeps a batch on DATA even where CHUNKING is offered. */
    @Test
    void dataCanBeForcedForABatch() throws Exception {
        ScriptedSmtpServer script = ScriptedChannel.PLAINTEXT.open(new ScriptedSmtpServer(), "PIPELINING",
                "CHUNKING");
        for (int n = 1; n <= 2; n++) {
            script.expect("MAIL FROM:").expect("RCPT TO:").expect("DATA")
                    .send("250 ok\r\n250 ok\r\n354 go\r\n").expectData().send("250 queued\r\n");
        }
        script.expect("QUIT").send("221 bye\r\n");
        try (ScriptedSmtpServer server = script.start(); SmtpClient client = ScriptedClients.plainClient(wire)) {
            client.transfer().setDataCommand(DataCommand.DATA);
            client.connect("127.0.0.1", server.port());
            List<SendOutcome> outcomes = client.sendAll(List.of(submission(1, rcpt(1)), submission(2, rcpt(2))));
            client.disconnect();
            server.awaitCompletion();
            assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.isSuccess()).isTrue());
        }
    }

    /** Sends the batch with a window of 100 messages and {@code bytes}; every message must succeed. */
    private List<byte[]> sendAllWithByteWindow(ScriptedSmtpServer script, List<Submission> batch, int bytes)
            throws Exception {
        try (ScriptedSmtpServer server = script.start(); SmtpClient client = ScriptedClients.plainClient(wire)) {
            client.socket().setTimeout(Duration.ofSeconds(3));
            client.transfer().setPipelineWindow(100, bytes);
            client.connect("127.0.0.1", server.port());
            List<SendOutcome> outcomes = client.sendAll(batch);
            client.disconnect();
            server.awaitCompletion();
            assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.isSuccess()).isTrue());
            return server.messages();
        }
    }

    private static SmtpException failure(List<SendOutcome> outcomes, int n) {
        return outcomes.get(n - 1).failure().orElseThrow(() -> new AssertionError("message " + n + " succeeded"));
    }

    /** Content that can be written any number of times. */
    private record RawBytes(byte[] bytes) implements MessageContent {
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

        @Override
        public boolean isReplayable() {
            return true;
        }
    }

    /**
     * Commands and replies in the order the client saw them, numbered per message: {@code > MAIL 3} is the third
     * MAIL written, {@code < MAIL 3} the reply to it read, {@code < BDAT 3} the reply to the third BDAT read.
     */
    private static final class WireOrder extends RecordingListener {
        final List<String> events = new CopyOnWriteArrayList<>();
        private int mailWritten;
        private int mailAnswered;
        private int bdatAnswered;

        @Override
        public void command(CommandEvent event) {
            super.command(event);
            if (event.line().startsWith("MAIL")) {
                events.add("> MAIL " + ++mailWritten);
            }
        }

        @Override
        public void commandReply(CommandReplyEvent event) {
            super.commandReply(event);
            String command = event.command() == null ? "" : event.command();
            if (command.startsWith("MAIL")) {
                events.add("< MAIL " + ++mailAnswered);
            } else if (command.startsWith("BDAT")) {
                events.add("< BDAT " + ++bdatAnswered);
            }
        }
    }
}
