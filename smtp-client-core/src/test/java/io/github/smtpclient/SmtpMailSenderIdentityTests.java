package io.github.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;

import io.github.smtpclient.auth.Credentials;
import io.github.smtpclient.event.SendStartedEvent;
import io.github.smtpclient.event.SmtpListener;
import io.github.smtpclient.pool.CircuitState;
import io.github.smtpclient.pool.PoolSettings;
import io.github.smtpclient.tls.TlsMode;

/**
 * One pooled sender sending as several accounts of a real in-process server (SubEthaSMTP, AUTH PLAIN and LOGIN
 * required, plaintext on loopback) that records, for every message it accepts, the session it came over and the
 * account that session authenticated as.
 */
class SmtpMailSenderIdentityTests {

    /** The accounts the server knows; {@code dave} is the one the sender's clients are configured with. */
    private static final Map<String, String> ACCOUNTS = Map.of("alice", "alice-secret", "bob", "bob-secret",
            "carol", "carol-secret", "dave", "dave-secret");

    /** What the server saw for one accepted message. */
    private record Delivery(String session, String authenticatedAs, String mailFrom) {
    }

    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final List<String> failedLogins = new CopyOnWriteArrayList<>();
    private SMTPServer server;
    private SmtpMailSender sender;

    @BeforeEach
    void startServer() {
        server = SMTPServer.port(0)
                .bindAddress(InetAddress.getLoopbackAddress())
                .hostName("localhost")
                .requireAuth(true)
                .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((user, password, context) -> {
                    if (!password.equals(ACCOUNTS.get(user))) {
                        failedLogins.add(user);
                        throw new LoginFailedException("bad credentials");
                    }
                }))
                .messageHandlerFactory(Recorder::new)
                .build();
        server.start();
    }

    @AfterEach
    void stop() {
        if (sender != null) {
            sender.close();
        }
        server.stop();
    }

    /** Records each accepted message with its session and the identity the session authenticated as. */
    private final class Recorder implements MessageHandler {
        private final MessageContext context;
        private String from;

        Recorder(MessageContext context) {
            this.context = context;
        }

        @Override
        public void from(String from) {
            this.from = from;
        }

        @Override
        public void recipient(String recipient) {
        }

        @Override
        public String data(InputStream data) throws IOException {
            data.readAllBytes();
            String identity = context.getAuthenticationHandler().map(handler -> (String) handler.getIdentity())
                    .orElse("(none)");
            deliveries.add(new Delivery(context.getSessionId(), identity, from));
            return null;
        }

        @Override
        public void done() {
        }
    }

    private SmtpMailSender sender(int maxSize, SmtpListener listener) {
        PoolSettings settings = new PoolSettings();
        settings.setMaxSize(maxSize);
        sender = SmtpMailSender.builder("localhost", server.getPortAllocated())
                .configureClients(client -> {
                    client.tls().setMode(TlsMode.NONE);
                    client.socket().setTimeout(Duration.ofSeconds(5));
                    client.auth().setUsername("dave");
                    client.auth().setPassword(ACCOUNTS.get("dave"));
                })
                .pool(settings)
                .retry(new RetryPolicy(3, Duration.ofMillis(5), 1.0))
                .listener(listener)
                .build();
        return sender;
    }

    private static byte[] message(String user, String id) {
        return SmtpMailSenderTests.message(user + "@example.test", "rcpt@example.test", id);
    }

    @Test
    void pooledConnectionsAreNeverSharedAcrossIdentities() throws Exception {
        sender(2, SmtpListener.NONE);
        Map<String, SmtpMailSender> views = new HashMap<>();
        for (String user : List.of("alice", "bob", "carol")) {
            views.put(user, sender.withCredentials(Credentials.password(user, ACCOUNTS.get(user))));
        }
        views.put("dave", sender);
        List<String> users = List.copyOf(views.keySet());
        long seed = System.nanoTime();
        int threads = 6;
        int perThread = 20;
        ExecutorService workers = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Random random = new Random(seed + t);
                int thread = t;
                running.add(workers.submit(() -> {
                    int sent = 0;
                    while (sent < perThread) {
                        // Runs of one to three messages as the same account, then a switch.
                        String user = users.get(random.nextInt(users.size()));
                        for (int run = 1 + random.nextInt(3); run > 0 && sent < perThread; run--, sent++) {
                            views.get(user).sendBytes(message(user, "m-" + thread + "-" + sent));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : running) {
                worker.get(60, TimeUnit.SECONDS);
            }
        } finally {
            workers.shutdownNow();
        }
        String because = "seed " + seed;
        assertThat(deliveries).as(because).hasSize(threads * perThread);
        assertThat(deliveries).as(because).allSatisfy(delivery ->
                assertThat(delivery.mailFrom()).isEqualTo(delivery.authenticatedAs() + "@example.test"));
        Map<String, Set<String>> identitiesPerSession = deliveries.stream().collect(Collectors.groupingBy(
                Delivery::session, Collectors.mapping(Delivery::authenticatedAs, Collectors.toSet())));
        assertThat(identitiesPerSession.values()).as(because).allSatisfy(identities -> assertThat(identities).hasSize(1));
        assertThat(identitiesPerSession).as("connections were reused, " + because).hasSizeLessThan(deliveries.size());
        assertThat(new HashSet<>(deliveries.stream().map(Delivery::authenticatedAs).toList()))
                .containsExactlyInAnyOrder("alice", "bob", "carol", "dave");
        assertThat(failedLogins).isEmpty();
        assertThat(sender.stats().active() + sender.stats().idle()).isLessThanOrEqualTo(2);
    }

    @Test
    void aWrongPasswordFailsOnlyThatAccountsSendsAndDoesNotOpenTheBreakerForTheOthers() throws Exception {
        sender(4, SmtpListener.NONE);
        SmtpMailSender mallory = sender.withCredentials(Credentials.password("alice", "guessed"));
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> mallory.sendBytes(message("alice", "guess-" + System.nanoTime())))
                    .isInstanceOfSatisfying(SmtpException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.AUTH_FAILED));
        }
        assertThat(failedLogins).hasSize(10).containsOnly("alice");
        assertThat(sender.stats().circuit()).isEqualTo(CircuitState.CLOSED);
        SmtpMailSender alice = sender.withCredentials(Credentials.password("alice", ACCOUNTS.get("alice")));
        alice.sendBytes(message("alice", "after-guesses"));
        sender.sendBytes(message("dave", "dave-after-guesses"));
        assertThat(deliveries).extracting(Delivery::authenticatedAs).containsExactly("alice", "dave");
    }

    @Test
    void aViewsSendsSayWhomTheyAuthenticateAs() throws Exception {
        List<SendStartedEvent> started = new CopyOnWriteArrayList<>();
        sender(4, new SmtpListener() {
            @Override
            public void sendStarted(SendStartedEvent event) {
                started.add(event);
            }
        });
        sender.withCredentials(Credentials.password("bob", ACCOUNTS.get("bob"))).sendBytes(message("bob", "b"));
        sender.sendBytes(message("dave", "d"));
        assertThat(started).extracting(SendStartedEvent::username)
                .containsExactly(Optional.of("bob"), Optional.empty());
        assertThat(started).extracting(SendStartedEvent::send).containsExactly(1L, 2L);
    }

    @Test
    void closingAViewClosesOnlyItsIdleConnectionsAndClosingTheSenderClosesEveryView() throws Exception {
        sender(4, SmtpListener.NONE);
        SmtpMailSender bob = sender.withCredentials(Credentials.password("bob", ACCOUNTS.get("bob")));
        bob.sendBytes(message("bob", "bob-1"));
        sender.sendBytes(message("dave", "dave-1"));
        assertThat(sender.stats().idle()).isEqualTo(2);
        bob.close();
        assertThat(sender.stats().idle()).isEqualTo(1);
        bob.sendBytes(message("bob", "bob-2"));
        sender.sendBytes(message("dave", "dave-2"));
        Map<String, List<String>> sessionsByUser = deliveries.stream().collect(Collectors.groupingBy(
                Delivery::authenticatedAs, Collectors.mapping(Delivery::session, Collectors.toList())));
        assertThat(new HashSet<>(sessionsByUser.get("bob"))).as("bob reconnected after his view was closed").hasSize(2);
        assertThat(new HashSet<>(sessionsByUser.get("dave"))).as("dave's connection was kept").hasSize(1);
        sender.close();
        assertThatThrownBy(() -> bob.sendBytes(message("bob", "bob-3"))).isInstanceOfSatisfying(SmtpException.class,
                e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.NOT_CONNECTED));
    }
}
