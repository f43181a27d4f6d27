package io.github.smtpclient;

import static io.github.smtpclient.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.smtpclient.event.MessageFailedEvent;
import io.github.smtpclient.event.MessageSentEvent;
import io.github.smtpclient.event.MessageStartedEvent;
import io.github.smtpclient.event.SendFinishedEvent;
import io.github.smtpclient.event.SendRetryingEvent;
import io.github.smtpclient.event.SendStartedEvent;
import io.github.smtpclient.event.SmtpListener;
import io.github.smtpclient.internal.RawMessageContent;
import io.github.smtpclient.pool.PoolSettings;
import io.github.smtpclient.pool.PoolStats;
import io.github.smtpclient.testing.CountingSmtpServer;
import io.github.smtpclient.testing.ScriptedSmtpServer;
import io.github.smtpclient.tls.TlsMode;

/** {@link SmtpMailSender} against a real SMTP server (SubEthaSMTP) that misbehaves on demand, and a scripted one. */
class SmtpMailSenderTests {

    private static final RetryPolicy QUICK_RETRIES = new RetryPolicy(3, Duration.ofMillis(5), 2.0);

    private CountingSmtpServer server;
    private SmtpMailSender sender;

    @AfterEach
    void stop() {
        if (sender != null) {
            sender.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private SmtpMailSender sender(Consumer<PoolSettings> poolSettings) {
        if (server == null) {
            server = CountingSmtpServer.start();
        }
        PoolSettings settings = new PoolSettings();
        poolSettings.accept(settings);
        sender = SmtpMailSender.builder("localhost", server.port())
                .configureClients(SmtpMailSenderTests::plainText)
                .pool(settings)
                .retry(QUICK_RETRIES)
                .build();
        return sender;
    }

    private static void plainText(SmtpClient client) {
        client.tls().setMode(TlsMode.NONE);
        client.socket().setTimeout(Duration.ofSeconds(5));
    }

    static byte[] message(String from, String to, String id) {
        return ("From: " + from + "\r\nTo: " + to + "\r\nSubject: pool test\r\nMessage-ID: <" + id
                + "@example.test>\r\n\r\nHello " + id + "\r\n").getBytes(StandardCharsets.UTF_8);
    }


    @Test
    void consecutiveMessagesShareOneConnection() throws Exception {
        sender(settings -> { });
        for (int i = 0; i < 5; i++) {
            SendResult result = sender.sendBytes(message("alice@example.test", "bob@example.test", "reuse-" + i));
            assertThat(result.messageId()).contains("<reuse-" + i + "@example.test>");
        }
        assertThat(server.messageIds()).hasSize(5).doesNotHaveDuplicates();
        assertThat(server.sessionsOpened()).isEqualTo(1);
        assertThat(sender.stats()).isEqualTo(new PoolStats(0, 1, 0));
    }

    @Test
    void a421ToMailIsRetriedOnANewConnectionAndDeliveredOnce() throws Exception {
        sender(settings -> { });
        sender.sendBytes(message("flaky-1@example.test", "bob@example.test", "flaky-1"));
        assertThat(server.messageIds()).containsExactly("<flaky-1@example.test>");
        assertThat(server.mailCommands()).isEqualTo(2);
        assertThat(server.sessionsOpened()).isEqualTo(2);
    }

    @Test
    void aTemporaryRefusalOfEveryRecipientIsRetriedOverTheSameConnection() throws Exception {
        sender(settings -> { });
        SendResult result = sender.sendBytes(message("alice@example.test", "busy-1@example.test", "busy-1"));
        assertThat(result.acceptedRecipients()).hasSize(1);
        assertThat(server.messageIds()).containsExactly("<busy-1@example.test>");
        assertThat(server.mailCommands()).isEqualTo(2);
        assertThat(server.sessionsOpened()).isEqualTo(1);
    }

    @Test
    void aPermanentRefusalIsNotRetried() throws Exception {
        sender(settings -> { });
        assertThatThrownBy(() -> sender.sendBytes(message("alice@example.test", "reject-1@example.test", "reject-1")))
                .isInstanceOfSatisfying(SmtpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.ALL_RECIPIENTS_REJECTED);
                    assertThat(e.isPermanent()).isTrue();
                });
        assertThat(server.mailCommands()).isEqualTo(1);
        assertThat(server.messageIds()).isEmpty();
    }

    @Test
    void aRefusalOfSomeRecipientsForeverAndOthersForNowIsNotRetried() throws Exception {
        sender(settings -> { });
        Envelope envelope = Envelope.of("alice@example.test", "busy-2@example.test", "reject-2@example.test");
        assertThatThrownBy(() -> sender.sendBytes(envelope, message("alice@example.test", "x@example.test", "mixed")))
                .isInstanceOfSatisfying(SmtpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.ALL_RECIPIENTS_REJECTED);
                    assertThat(e.isTransient()).isFalse();
                });
        assertThat(server.mailCommands()).isEqualTo(1);
    }

    @Test
    void a421AfterTheFinalDotIsNotRetried() throws Exception {
        sender(settings -> { });
        assertThatThrownBy(() -> sender.sendBytes(message("dropdata-1@example.test", "bob@example.test", "dropdata")))
                .isInstanceOfSatisfying(SmtpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.MESSAGE_REJECTED);
                    assertThat(e.replyCode()).isEqualTo(421);
                });
        assertThat(server.mailCommands()).isEqualTo(1);
        assertThat(server.sessionsOpened()).isEqualTo(1);
    }

    @Test
    void aConnectionLostAfterTheFinalDotIsNotRetried() throws Exception {
        try (ScriptedSmtpServer scripted = greetedUpToTheData()
                .closeConnection()
                .start()) {
            sender = SmtpMailSender.builder(scripted.host(), scripted.port())
                    .configureClients(SmtpMailSenderTests::plainText)
                    .retry(QUICK_RETRIES)
                    .build();
            assertThatThrownBy(() -> sender.sendBytes(message("alice@example.test", "bob@example.test", "unknown")))
                    .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.isOutcomeUnknown()).isTrue());
            scripted.awaitCompletion();
            assertThat(scripted.received()).filteredOn(line -> line.startsWith("MAIL")).hasSize(1);
            assertThat(scripted.messages()).hasSize(1);
        }
    }

    @Test
    void aTimeoutWaitingForTheReplyToTheFinalDotIsReportedUnknownAndNotRetried() throws Exception {
        try (ScriptedSmtpServer scripted = greetedUpToTheData()
                .sleep(Duration.ofMillis(1500))
                .start()) {
            List<SendFinishedEvent> finished = new CopyOnWriteArrayList<>();
            sender = SmtpMailSender.builder(scripted.host(), scripted.port())
                    .configureClients(client -> {
                        plainText(client);
                        client.socket().setTimeout(Duration.ofMillis(500));
                    })
                    .retry(QUICK_RETRIES)
                    .listener(finishedInto(finished))
                    .build();
            assertThatThrownBy(() -> sender.sendBytes(message("alice@example.test", "bob@example.test", "silent")))
                    .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.isOutcomeUnknown()).isTrue());
            scripted.awaitCompletion();
            assertThat(scripted.received()).filteredOn(line -> line.startsWith("MAIL")).hasSize(1);
            assertThat(finished).singleElement().satisfies(event -> assertThat(event.attempts()).isEqualTo(1));
        }
    }

    @Test
    void aBatchWhoseConnectionIsLostAfterAFinalDotIsNotSentAgain() throws Exception {
        try (ScriptedSmtpServer scripted = oneMoreUpToTheData(greetedUpToTheData()
                .send("250 2.0.0 queued as FIRST\r\n"))
                .closeConnection()
                .start()) {
            List<SendFinishedEvent> finished = new CopyOnWriteArrayList<>();
            sender = SmtpMailSender.builder(scripted.host(), scripted.port())
                    .configureClients(SmtpMailSenderTests::plainText)
                    .retry(QUICK_RETRIES)
                    .listener(finishedInto(finished))
                    .build();
            List<Submission> batch = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                byte[] bytes = message("alice@example.test", "bob@example.test", "lost-" + i);
                batch.add(new Submission(Envelope.of("alice@example.test", "bob@example.test"),
                        new RawMessageContent(new ByteArrayInputStream(bytes), bytes.length,
                                MessageContent.Encoding.SEVEN_BIT), "<lost-" + i + "@example.test>"));
            }
            List<SendOutcome> outcomes = sender.sendAll(batch);
            scripted.awaitCompletion();
            assertThat(outcomes.get(0).isSuccess()).isTrue();
            assertThat(outcomes.get(1).failure()).hasValueSatisfying(e -> assertThat(e.isOutcomeUnknown()).isTrue());
            assertThat(outcomes.get(2).failure()).hasValueSatisfying(
                    e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.NOT_CONNECTED));
            assertThat(scripted.received()).filteredOn(line -> line.startsWith("MAIL")).hasSize(2);
            assertThat(scripted.messages()).hasSize(2);
            assertThat(finished).singleElement().satisfies(event -> {
                assertThat(event.attempts()).isEqualTo(1);
                assertThat(event.outcomes()).hasSize(3);
            });
            assertThat(sender.stats().idle()).as("a connection in doubt is not kept").isZero();
        }
    }

    @Test
    void aBatchMessageAnswered421AfterItsDataIsReportedRejectedAndNothingIsSentAgain() throws Exception {
        sender(settings -> { });
        List<Submission> batch = new ArrayList<>();
        for (String from : List.of("alice", "dropdata-batch", "carol")) {
            byte[] bytes = message(from + "@example.test", "bob@example.test", from);
            batch.add(new Submission(Envelope.of(from + "@example.test", "bob@example.test"),
                    new RawMessageContent(new ByteArrayInputStream(bytes), bytes.length,
                                MessageContent.Encoding.SEVEN_BIT), "<" + from + "@example.test>"));
        }
        List<SendOutcome> outcomes = sender.sendAll(batch);
        assertThat(outcomes.get(0).isSuccess()).isTrue();
        assertThat(outcomes.get(1).failure()).hasValueSatisfying(e -> {
            assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.MESSAGE_REJECTED);
            assertThat(e.replyCode()).isEqualTo(421);
            assertThat(e.isOutcomeUnknown()).isFalse();
        });
        assertThat(outcomes.get(2).isSuccess()).as("the session was closed by the 421").isFalse();
        assertThat(server.messageIds()).containsExactly("<alice@example.test>");
        assertThat(server.sessionsOpened()).isEqualTo(1);
        assertThat(server.mailCommands()).isLessThanOrEqualTo(3);
    }

    @Test
    void aRetriedMessageIsOneSendAndItsEventsCarryTheirTry() throws Exception {
        server = CountingSmtpServer.start();
        List<String> events = new CopyOnWriteArrayList<>();
        SmtpListener recorder = new SmtpListener() {
            @Override
            public void messageStarted(MessageStartedEvent event) {
                events.add("message started, try " + event.attempt());
            }

            @Override
            public void messageSent(MessageSentEvent event) {
                events.add("message sent, try " + event.attempt());
            }

            @Override
            public void messageFailed(MessageFailedEvent event) {
                events.add("message failed, try " + event.attempt() + ": " + event.failure().errorCode());
            }

            @Override
            public void sendStarted(SendStartedEvent event) {
                events.add("send " + event.send() + " started, " + event.messages() + " message");
            }

            @Override
            public void sendRetrying(SendRetryingEvent event) {
                events.add("send " + event.send() + " retrying after try " + event.attempt() + " in "
                        + event.pause().toMillis() + " ms: " + event.failure().errorCode());
            }

            @Override
            public void sendFinished(SendFinishedEvent event) {
                events.add("send " + event.send() + " finished after " + event.attempts() + " tries, "
                        + (event.failure().isPresent() ? "failed" : event.outcomes().size() + " outcome"));
            }
        };
        sender = SmtpMailSender.builder("localhost", server.port())
                .configureClients(client -> {
                    plainText(client);
                    client.setListener(recorder);
                })
                .retry(QUICK_RETRIES)
                .listener(recorder)
                .build();
        sender.sendBytes(message("flaky-events@example.test", "bob@example.test", "events"));
        sender.sendBytes(message("alice@example.test", "bob@example.test", "events-2"));
        assertThat(events).containsExactly(
                "send 1 started, 1 message",
                "message started, try 1",
                "message failed, try 1: SERVICE_UNAVAILABLE",
                "send 1 retrying after try 1 in 5 ms: SERVICE_UNAVAILABLE",
                "message started, try 2",
                "message sent, try 2",
                "send 1 finished after 2 tries, 1 outcome",
                "send 2 started, 1 message",
                "message started, try 1",
                "message sent, try 1",
                "send 2 finished after 1 tries, 1 outcome");
    }

    /** A script up to the end of one message's data: greeting, EHLO, MAIL, RCPT and DATA accepted. */
    private static ScriptedSmtpServer greetedUpToTheData() {
        return oneMoreUpToTheData(new ScriptedSmtpServer()
                .send("220 scripted ESMTP\r\n")
                .expect("EHLO ")
                .send("250 scripted\r\n"));
    }

    /** Continues a script with one more transaction up to the end of its data. */
    private static ScriptedSmtpServer oneMoreUpToTheData(ScriptedSmtpServer script) {
        return script.expect("MAIL FROM:<alice@example.test>")
                .send("250 2.1.0 ok\r\n")
                .expect("RCPT TO:<bob@example.test>")
                .send("250 2.1.5 ok\r\n")
                .expect("DATA")
                .send("354 go ahead\r\n")
                .expectData();
    }

    private static SmtpListener finishedInto(List<SendFinishedEvent> finished) {
        return new SmtpListener() {
            @Override
            public void sendFinished(SendFinishedEvent event) {
                finished.add(event);
            }
        };
    }

    @Test
    void aConnectionTheServerDroppedWhileIdleIsReplacedAfterItsNoopCheck() throws Exception {
        server = CountingSmtpServer.start(Duration.ofMillis(300));
        sender(settings -> settings.setValidateAfterIdle(Duration.ZERO));
        sender.sendBytes(message("alice@example.test", "bob@example.test", "before-drop"));
        eventually(() -> server.sessionsEnded() == 1, "the server drops the idle session");
        sender.sendBytes(message("alice@example.test", "bob@example.test", "after-drop"));
        assertThat(server.messageIds()).containsExactly("<before-drop@example.test>", "<after-drop@example.test>");
        assertThat(server.mailCommands()).isEqualTo(2);
        assertThat(server.sessionsOpened()).isEqualTo(2);
    }

    @Test
    void withoutTheNoopCheckADroppedConnectionIsRetriedBeforeAnyData() throws Exception {
        server = CountingSmtpServer.start(Duration.ofMillis(300));
        sender(settings -> settings.setValidateOnBorrow(false));
        sender.sendBytes(message("alice@example.test", "bob@example.test", "before-drop"));
        eventually(() -> server.sessionsEnded() == 1, "the server drops the idle session");
        sender.sendBytes(message("alice@example.test", "bob@example.test", "after-drop"));
        assertThat(server.messageIds()).containsExactly("<before-drop@example.test>", "<after-drop@example.test>");
        assertThat(server.sessionsOpened()).isEqualTo(2);
    }

    @Test
    void aStreamAlreadyReadIsNotRetried() throws Exception {
        sender(settings -> { });
        InputStream stream = new ByteArrayInputStream(message("flaky-2@example.test", "bob@example.test", "stream"));
        assertThatThrownBy(() -> sender.sendStream(stream)).isInstanceOfSatisfying(SmtpException.class,
                e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.SERVICE_UNAVAILABLE));
        assertThat(server.mailCommands()).isEqualTo(1);
        assertThat(server.messageIds()).isEmpty();
    }

    @Test
    void aFileIsReadAgainForARetry(@TempDir Path directory) throws Exception {
        sender(settings -> { });
        Path file = directory.resolve("message.eml");
        Files.write(file, message("flaky-3@example.test", "bob@example.test", "file"));
        sender.sendFile(file);
        assertThat(server.messageIds()).containsExactly("<file@example.test>");
        assertThat(server.mailCommands()).isEqualTo(2);
    }

    @Test
    void whenEveryConnectionStaysBusyABorrowTimesOutWithAClearErrorAndIsNotRetried() throws Exception {
        sender(settings -> {
            settings.setMaxSize(1);
            settings.setBorrowTimeout(Duration.ofMillis(100));
        });
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        InputStream slow = new InputStream() {
            private final InputStream content = new ByteArrayInputStream(
                    message("alice@example.test", "bob@example.test", "slow"));

            @Override
            public int read() throws IOException {
                reading.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                return content.read();
            }
        };
        CompletableFuture<SendResult> holding = CompletableFuture.supplyAsync(() -> {
            try {
                return sender.sendStream(slow);
            } catch (SmtpException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
        long mailsBefore = server.mailCommands();
        assertThatThrownBy(() -> sender.sendBytes(message("alice@example.test", "bob@example.test", "waits")))
                .isInstanceOfSatisfying(SmtpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.TIMEOUT);
                    assertThat(e).hasMessageContaining("all 1 are in use");
                });
        release.countDown();
        assertThat(holding.get(10, TimeUnit.SECONDS).messageId()).contains("<slow@example.test>");
        assertThat(server.mailCommands()).isEqualTo(mailsBefore + 1);
        assertThat(server.messageIds()).containsExactly("<slow@example.test>");
    }

    @Test
    void afterCloseEverySendIsRefusedWithAClearError() throws Exception {
        sender(settings -> { });
        sender.sendBytes(message("alice@example.test", "bob@example.test", "before-close"));
        sender.close();
        eventually(() -> server.sessionsEnded() == 1, "close says QUIT");
        assertThatThrownBy(() -> sender.sendBytes(message("alice@example.test", "bob@example.test", "after-close")))
                .isInstanceOfSatisfying(SmtpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.NOT_CONNECTED);
                    assertThat(e).hasMessageContaining("is closed");
                });
        CompletableFuture<SendResult> async = sender.sendBytesAsync(message("a@example.test", "b@example.test", "x"));
        assertThatThrownBy(async::get).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(SmtpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.NOT_CONNECTED));
        assertThat(server.messageIds()).containsExactly("<before-close@example.test>");
    }

    @Test
    void aBatchIsPipelinedOverOneConnectionWithAnOutcomePerMessage() throws Exception {
        sender(settings -> { });
        List<Submission> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String to = i == 7 ? "reject-batch@example.test" : "bob@example.test";
            byte[] bytes = message("alice@example.test", to, "batch-" + i);
            batch.add(new Submission(Envelope.of("alice@example.test", to),
                    new RawMessageContent(new ByteArrayInputStream(bytes), bytes.length, MessageContent.Encoding.SEVEN_BIT), "<batch-" + i + "@example.test>"));
        }
        List<SendOutcome> outcomes = sender.sendAll(batch);
        assertThat(outcomes).hasSize(20);
        assertThat(outcomes.get(7).failure()).hasValueSatisfying(
                e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.ALL_RECIPIENTS_REJECTED));
        assertThat(outcomes).filteredOn(SendOutcome::isSuccess).hasSize(19);
        assertThat(server.messageIds()).hasSize(19).doesNotHaveDuplicates();
        assertThat(server.sessionsOpened()).isEqualTo(1);
        assertThat(sender.stats().idle()).isEqualTo(1);
    }

    @Test
    void asynchronousSendsCompleteWithTheirResults() throws Exception {
        sender(settings -> { });
        List<CompletableFuture<SendResult>> futures = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            futures.add(sender.sendBytesAsync(message("alice@example.test", "bob@example.test", "async-" + i)));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        assertThat(futures).allSatisfy(future -> assertThat(future.join().finalReply().code()).isEqualTo(250));
        assertThat(server.messageIds()).hasSize(10).doesNotHaveDuplicates();
        assertThat(server.sessionsOpened()).isLessThanOrEqualTo(4);
    }

    @Test
    void eightThreadsThroughAPoolOfFourDeliverEveryMessageExactlyOnce() throws Exception {
        int threads = 8;
        int perThread = 250;
        sender(settings -> {
            settings.setMaxSize(4);
            settings.setMaxMessagesPerConnection(100);
        });
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                workers.add(pool.submit(() -> {
                    int flaky = 0;
                    for (int i = 0; i < perThread; i++) {
                        boolean isFlaky = i % 50 == 0;
                        String from = (isFlaky ? "flaky-" : "sender-") + thread + "-" + i + "@example.test";
                        sender.sendBytes(message(from, "bob@example.test", "load-" + thread + "-" + i));
                        flaky += isFlaky ? 1 : 0;
                    }
                    return flaky;
                }));
            }
            int flaky = 0;
            for (Future<Integer> worker : workers) {
                flaky += worker.get(60, TimeUnit.SECONDS);
            }
            List<String> ids = server.messageIds();
            assertThat(ids).hasSize(threads * perThread);
            assertThat(new HashSet<>(ids)).hasSize(threads * perThread);
            assertThat(server.mailCommands()).isEqualTo(threads * perThread + flaky);
            assertThat(sender.stats().active()).isZero();
            assertThat(sender.stats().waiting()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }
}
