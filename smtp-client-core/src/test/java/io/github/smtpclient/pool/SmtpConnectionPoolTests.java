package io.github.smtpclient.pool;

import static io.github.smtpclient.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.smtpclient.Reply;
import io.github.smtpclient.SmtpClient;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.auth.Credentials;
import io.github.smtpclient.event.CommandEvent;
import io.github.smtpclient.event.SmtpListener;
import io.github.smtpclient.testing.CountingSmtpServer;
import io.github.smtpclient.tls.TlsMode;

/** {@link SmtpConnectionPool} against a real SMTP server (SubEthaSMTP) that counts its sessions. */
class SmtpConnectionPoolTests {

    private final List<String> commands = new CopyOnWriteArrayList<>();
    private CountingSmtpServer server;
    private SmtpConnectionPool pool;

    @AfterEach
    void stop() {
        if (pool != null) {
            pool.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private SmtpConnectionPool pool(PoolSettings settings) {
        if (server == null) {
            server = CountingSmtpServer.start();
        }
        SmtpListener recording = new SmtpListener() {
            @Override
            public void command(CommandEvent event) {
                commands.add(event.line());
            }
        };
        pool = new SmtpConnectionPool("localhost:" + server.port(), () -> {
            SmtpClient client = new SmtpClient();
            client.tls().setMode(TlsMode.NONE);
            client.socket().setTimeout(Duration.ofSeconds(5));
            client.setListener(recording);
            client.connect("localhost", server.port());
            return client;
        }, settings);
        return pool;
    }

    private static PoolSettings settings(int maxSize) {
        PoolSettings settings = new PoolSettings();
        settings.setMaxSize(maxSize);
        return settings;
    }

    /** Waits (bounded) for something that happens in the background; fails the test if it never does. */

    @Test
    void aConnectionGivenBackIsLentAgain() throws Exception {
        pool(settings(2));
        SmtpClient first;
        try (PooledConnection connection = pool.borrow()) {
            first = connection.client();
            assertThat(pool.stats()).isEqualTo(new PoolStats(1, 0, 0));
        }
        assertThat(pool.stats()).isEqualTo(new PoolStats(0, 1, 0));
        try (PooledConnection connection = pool.borrow()) {
            assertThat(connection.client()).isSameAs(first);
        }
        assertThat(server.sessionsOpened()).isEqualTo(1);
    }

    @Test
    void aBorrowerThatFindsEveryConnectionInUseFailsWithAClearTimeout() throws Exception {
        PoolSettings settings = settings(2);
        settings.setBorrowTimeout(Duration.ofMillis(100));
        pool(settings);
        try (PooledConnection a = pool.borrow(); PooledConnection b = pool.borrow()) {
            assertThat(a.client()).isNotSameAs(b.client());
            assertThatThrownBy(pool::borrow).isInstanceOfSatisfying(SmtpException.class, e -> {
                assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.TIMEOUT);
                assertThat(e).hasMessageContaining("all 2 are in use").hasMessageContaining("pool.maxSize");
            });
        }
        assertThat(server.sessionsOpened()).isEqualTo(2);
    }

    @Test
    void aWaitingBorrowerGetsTheConnectionGivenBack() throws Exception {
        pool(settings(1));
        PooledConnection held = pool.borrow();
        SmtpClient client = held.client();
        CompletableFuture<SmtpClient> waiter = CompletableFuture.supplyAsync(() -> {
            try (PooledConnection connection = pool.borrow()) {
                return connection.client();
            } catch (SmtpException e) {
                throw new IllegalStateException(e);
            }
        });
        eventually(() -> pool.stats().waiting() == 1, "a borrower waits");
        assertThat(pool.stats()).isEqualTo(new PoolStats(1, 0, 1));
        held.close();
        assertThat(waiter.get(10, TimeUnit.SECONDS)).isSameAs(client);
        assertThat(server.sessionsOpened()).isEqualTo(1);
    }

    @Test
    void anIdleConnectionTheServerDroppedIsReplacedOnBorrow() throws Exception {
        server = CountingSmtpServer.start(Duration.ofMillis(300));
        PoolSettings settings = settings(1);
        settings.setValidateAfterIdle(Duration.ZERO);
        pool(settings);
        SmtpClient dropped;
        try (PooledConnection connection = pool.borrow()) {
            dropped = connection.client();
        }
        eventually(() -> server.sessionsEnded() == 1, "the server drops the idle session");
        try (PooledConnection connection = pool.borrow()) {
            assertThat(connection.client()).isNotSameAs(dropped);
            assertThat(connection.client().noop().code()).isEqualTo(250);
        }
        assertThat(dropped.isConnected()).isFalse();
        assertThat(server.sessionsOpened()).isEqualTo(2);
    }

    @Test
    void aConnectionWhoseStateIsInDoubtIsClosedInsteadOfReused() throws Exception {
        pool(settings(1));
        SmtpClient first;
        try (PooledConnection connection = pool.borrow()) {
            first = connection.client();
            connection.failed(new SmtpException(SmtpErrorCode.TIMEOUT, "read timed out"));
        }
        eventually(() -> server.sessionsEnded() == 1, "the doubtful session ends");
        assertThat(commands).contains("QUIT");
        try (PooledConnection connection = pool.borrow()) {
            assertThat(connection.client()).isNotSameAs(first);
        }
        assertThat(server.sessionsOpened()).isEqualTo(2);
    }

    @Test
    void aConnectionAfterACleanRefusalIsReused() throws Exception {
        pool(settings(1));
        SmtpClient first;
        try (PooledConnection connection = pool.borrow()) {
            first = connection.client();
            connection.failed(new SmtpException(SmtpErrorCode.SENDER_REJECTED, "refused",
                    new Reply(550, List.of("no"))));
        }
        try (PooledConnection connection = pool.borrow()) {
            assertThat(connection.client()).isSameAs(first);
        }
        assertThat(server.sessionsOpened()).isEqualTo(1);
    }

    @Test
    void aConnectionIsReplacedAfterMaxMessagesPerConnection() throws Exception {
        PoolSettings settings = settings(1);
        settings.setMaxMessagesPerConnection(2);
        pool(settings);
        SmtpClient first;
        try (PooledConnection connection = pool.borrow()) {
            first = connection.client();
            connection.countMessages(1);
        }
        try (PooledConnection connection = pool.borrow()) {
            assertThat(connection.client()).isSameAs(first);
            connection.countMessages(1);
        }
        try (PooledConnection connection = pool.borrow()) {
            assertThat(connection.client()).isNotSameAs(first);
        }
        assertThat(first.isConnected()).isFalse();
        assertThat(server.sessionsOpened()).isEqualTo(2);
    }

    @Test
    void idleConnectionsAreClosedWithQuitAfterMaxIdleTime() throws Exception {
        PoolSettings settings = settings(2);
        settings.setMaxIdleTime(Duration.ofMillis(100));
        pool(settings);
        try (PooledConnection a = pool.borrow(); PooledConnection b = pool.borrow()) {
            assertThat(a.client()).isNotSameAs(b.client());
        }
        assertThat(pool.stats().idle()).isLessThanOrEqualTo(2);
        eventually(() -> pool.stats().idle() == 0 && server.sessionsEnded() == 2, "both idle connections evicted");
        assertThat(commands.stream().filter("QUIT"::equals)).hasSize(2);
    }

    @Test
    void minIdleConnectionsAreOpenedAheadOfDemand() throws Exception {
        PoolSettings settings = settings(3);
        settings.setMinIdle(2);
        pool(settings);
        eventually(() -> pool.stats().idle() == 2, "two connections opened ahead of demand");
        try (PooledConnection connection = pool.borrow()) {
            assertThat(connection.client().isConnected()).isTrue();
        }
        assertThat(server.sessionsOpened()).isEqualTo(2);
    }

    @Test
    void closingQuitsIdleConnectionsRefusesBorrowersAndClosesConnectionsGivenBackLater() throws Exception {
        pool(settings(2));
        PooledConnection lent = pool.borrow();
        pool.borrow().close();
        pool.close();
        eventually(() -> server.sessionsEnded() == 1, "the idle connection is closed");
        assertThatThrownBy(pool::borrow).isInstanceOfSatisfying(SmtpException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.NOT_CONNECTED);
            assertThat(e).hasMessageContaining("is closed");
        });
        lent.close();
        assertThat(lent.client().isConnected()).isFalse();
        eventually(() -> server.sessionsEnded() == 2, "the connection given back after close is closed");
        assertThat(pool.stats()).isEqualTo(new PoolStats(0, 0, 0));
    }

    @Test
    void aFailedConnectFreesItsPlace() throws Exception {
        PoolSettings settings = settings(1);
        settings.setBorrowTimeout(Duration.ZERO);
        pool = new SmtpConnectionPool("nowhere", () -> {
            throw new SmtpException(SmtpErrorCode.CONNECT_FAILED, "connection refused");
        }, settings);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(pool::borrow).isInstanceOfSatisfying(SmtpException.class,
                    e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.CONNECT_FAILED));
        }
        assertThat(pool.stats()).isEqualTo(new PoolStats(0, 0, 0, CircuitState.CLOSED, 3));
    }

    @Test
    void whileTheCircuitIsOpenNothingConnectsButIdleConnectionsAreStillLent() throws Exception {
        server = CountingSmtpServer.start();
        AtomicBoolean serverUp = new AtomicBoolean(true);
        AtomicInteger attempts = new AtomicInteger();
        PoolSettings settings = settings(2);
        settings.setValidateOnBorrow(false);
        settings.circuitBreaker().setFailureThreshold(2);
        settings.circuitBreaker().setBackoff(Duration.ofMinutes(1));
        pool = new SmtpConnectionPool("localhost:" + server.port(), () -> {
            attempts.incrementAndGet();
            if (!serverUp.get()) {
                throw new SmtpException(SmtpErrorCode.CONNECT_FAILED, "Connection refused");
            }
            SmtpClient client = new SmtpClient();
            client.tls().setMode(TlsMode.NONE);
            client.connect("localhost", server.port());
            return client;
        }, settings);
        PooledConnection held = pool.borrow();
        serverUp.set(false);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(pool::borrow).isInstanceOfSatisfying(SmtpException.class,
                    e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.CONNECT_FAILED));
        }
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(pool::borrow).isInstanceOfSatisfying(SmtpException.class,
                    e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.CIRCUIT_OPEN));
        }
        assertThat(attempts).hasValue(3);
        assertThat(pool.stats()).isEqualTo(new PoolStats(1, 0, 0, CircuitState.OPEN, 2));
        SmtpClient client = held.client();
        held.close();
        try (PooledConnection again = pool.borrow()) {
            assertThat(again.client()).isSameAs(client);
        }
        assertThat(attempts).hasValue(3);
    }

    /** Opens plaintext connections to the counting server and remembers whom each authenticated as. */
    private final class IdentityFactory implements ConnectionFactory {
        final Map<SmtpClient, Credentials> openedFor = new ConcurrentHashMap<>();

        @Override
        public SmtpClient open() throws SmtpException {
            return connect(null);
        }

        @Override
        public SmtpClient open(Credentials credentials) throws SmtpException {
            return connect(credentials);
        }

        private SmtpClient connect(Credentials credentials) throws SmtpException {
            SmtpClient client = new SmtpClient();
            client.tls().setMode(TlsMode.NONE);
            client.connect("localhost", server.port());
            openedFor.put(client, credentials == null ? NOBODY : credentials);
            return client;
        }
    }

    private static final Credentials NOBODY = Credentials.password("configured", "x");

    @Test
    void aConnectionIsLentOnlyForTheCredentialsItWasOpenedFor() throws Exception {
        server = CountingSmtpServer.start();
        IdentityFactory factory = new IdentityFactory();
        pool = new SmtpConnectionPool("localhost:" + server.port(), factory, settings(4));
        Credentials alice = Credentials.password("alice", "one");
        Credentials bob = Credentials.password("bob", "two");
        SmtpClient aliceClient;
        try (PooledConnection connection = pool.borrow(alice)) {
            aliceClient = connection.client();
        }
        try (PooledConnection connection = pool.borrow(bob)) {
            assertThat(connection.client()).isNotSameAs(aliceClient);
            assertThat(factory.openedFor.get(connection.client())).isEqualTo(bob);
        }
        try (PooledConnection connection = pool.borrow()) {
            assertThat(factory.openedFor.get(connection.client())).isEqualTo(NOBODY);
        }
        try (PooledConnection connection = pool.borrow(Credentials.password("alice", "one"))) {
            assertThat(connection.client()).isSameAs(aliceClient);
        }
        try (PooledConnection connection = pool.borrow(Credentials.password("alice", "changed"))) {
            assertThat(connection.client()).isNotSameAs(aliceClient);
        }
        assertThat(server.sessionsOpened()).isEqualTo(4);
        assertThat(pool.stats().idle()).isEqualTo(4);
    }

    @Test
    void aFullPoolClosesTheOldestIdleConnectionOfAnotherIdentityToMakeRoom() throws Exception {
        server = CountingSmtpServer.start();
        pool = new SmtpConnectionPool("localhost:" + server.port(), new IdentityFactory(), settings(2));
        Credentials alice = Credentials.password("alice", "one");
        Credentials bob = Credentials.password("bob", "two");
        Credentials carol = Credentials.password("carol", "three");
        SmtpClient aliceClient;
        SmtpClient bobClient;
        try (PooledConnection a = pool.borrow(alice)) {
            aliceClient = a.client();
        }
        try (PooledConnection b = pool.borrow(bob)) {
            bobClient = b.client();
        }
        try (PooledConnection c = pool.borrow(carol)) {
            assertThat(c.client()).isNotSameAs(aliceClient).isNotSameAs(bobClient);
            assertThat(aliceClient.isConnected()).as("the oldest idle one, alice's, was closed").isFalse();
            assertThat(bobClient.isConnected()).isTrue();
        }
        assertThat(pool.stats()).isEqualTo(new PoolStats(0, 2, 0));
        pool.closeIdle(bob);
        assertThat(bobClient.isConnected()).isFalse();
        assertThat(pool.stats()).isEqualTo(new PoolStats(0, 1, 0));
    }
}
