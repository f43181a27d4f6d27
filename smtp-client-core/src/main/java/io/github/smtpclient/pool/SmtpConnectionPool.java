package io.github.smtpclient.pool;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.smtpclient.SmtpClient;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.auth.Credentials;

/**
 * Connected {@link io.github.smtpclient.SmtpClient}s to one server, lent to one thread at a time. Thread-safe.
 *
 * <ul>
 * <li>{@link #borrow()} lends the most recently used idle connection, or opens a new one while fewer than
 *     {@link PoolSettings#getMaxSize()} exist, or waits up to {@link PoolSettings#getBorrowTimeout()} for one to be
 *     given back, then fails with {@link SmtpErrorCode#TIMEOUT}.</li>
 * <li>{@link #borrow(Credentials)} does the same for connections authenticated as those credentials. A connection
 *     is only ever lent to a borrower of the identity it authenticated as. The maximum size counts every identity's
 *     connections together: when it is reached and no connection of the borrower's identity is idle, the oldest idle
 *     connection of another identity is closed to make room.</li>
 * <li>A {@link CircuitBreakerSettings circuit breaker} shared by every identity stops opening connections for a
 *     while after several attempts in a row failed: a borrower that needs a new connection then fails at once with
 *     {@link SmtpErrorCode#CIRCUIT_OPEN}.</li>
 * <li>An idle connection that is no longer connected, has outlived {@link PoolSettings#getMaxIdleTime()}, or fails
 *     its NOOP check (see {@link PoolSettings#isValidateOnBorrow()}) is closed and replaced by a new one, so a
 *     server that dropped an idle session costs the borrower one reconnect, not an error.</li>
 * <li>A connection given back is kept only if it is still connected, nothing put its state in doubt (see
 *     {@link PooledConnection#failed(Throwable)}) and it has not reached
 *     {@link PoolSettings#getMaxMessagesPerConnection()}; otherwise it is closed with QUIT.</li>
 * <li>One daemon thread per pool closes connections idle longer than the maximum idle time and keeps
 *     {@link PoolSettings#getMinIdle()} connections open.</li>
 * </ul>
 *
 * <p>{@link #close()} closes the idle connections; lent ones are closed as they are given back.
 */
public final class SmtpConnectionPool implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmtpConnectionPool.class);
    private static final Duration SHORTEST_MAINTENANCE_PERIOD = Duration.ofMillis(10);
    private static final Duration LONGEST_MAINTENANCE_PERIOD = Duration.ofSeconds(30);

    private final String name;
    private final ConnectionFactory factory;
    private final PoolSettings settings;
    private final CircuitBreaker breaker;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition placeFreed = lock.newCondition();
    /**
     * Most recently given back first, every identity's together: the warmest connections are reused, the coldest
     * age out (or make room for another identity) at the tail.
     */
    private final Deque<PoolEntry> idle = new ArrayDeque<>();
    private final ScheduledExecutorService maintenance;
    private int lent;
    /** Connections being opened or closed outside the lock: they hold a place but are neither lent nor idle. */
    private int inTransit;
    private int waiting;
    private boolean closed;

    /**
     * Creates the pool and starts its maintenance thread. No connection is opened here unless minIdle asks for it.
     *
     * @param name     names the server in messages and the thread name, for example {@code smtp.example.com:587}
     * @param factory  opens a configured, connected client
     * @param settings the pool's limits; copied
     * @throws IllegalArgumentException if minIdle exceeds maxSize, or the circuit breaker's longest back-off is
     *                                  shorter than its first
     */
    public SmtpConnectionPool(String name, ConnectionFactory factory, PoolSettings settings) {
        this.name = Objects.requireNonNull(name, "name");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.settings = Objects.requireNonNull(settings, "settings").copy();
        this.settings.checkConsistent();
        this.breaker = new CircuitBreaker(name, this.settings.circuitBreaker(), System::nanoTime);
        maintenance = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "smtp-pool-maintenance-" + name);
            thread.setDaemon(true);
            return thread;
        });
        long period = maintenancePeriod(this.settings.getMaxIdleTime()).toNanos();
        // maintain() catches and logs its own failures, and close() ends the task by shutting the executor down.
        ScheduledFuture<?> unused = maintenance.scheduleWithFixedDelay(this::maintain, 0, period, TimeUnit.NANOSECONDS);
    }

    /**
     * Lends a connected client, authenticated as the factory configures it; give it back by closing the returned
     * lease.
     *
     * @return the lease
     * @throws SmtpException TIMEOUT when none became free within the borrow timeout; NOT_CONNECTED when the pool is
     *                       closed; CANCELLED when the thread was interrupted while waiting; CIRCUIT_OPEN when a new
     *                       connection was needed and the circuit breaker is open; or whatever opening a new
     *                       connection threw
     */
    public PooledConnection borrow() throws SmtpException {
        return lend(null);
    }

    /**
     * Lends a connected client authenticated as {@code credentials} (opened by
     * {@link ConnectionFactory#open(Credentials)}); give it back by closing the returned lease. It has never been
     * and will never be lent for other credentials.
     *
     * @param credentials the account the connection must be authenticated as
     * @return the lease
     * @throws SmtpException as {@link #borrow()}
     */
    public PooledConnection borrow(Credentials credentials) throws SmtpException {
        return lend(Objects.requireNonNull(credentials, "credentials"));
    }

    /**
     * Closes the idle connections authenticated as {@code credentials} with QUIT, for an account that is no longer
     * used. Lent ones are kept when given back, and later borrowers open new ones.
     *
     * @param credentials the account whose idle connections to close
     */
    public void closeIdle(Credentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        List<PoolEntry> drained = new ArrayList<>();
        lock.lock();
        try {
            for (Iterator<PoolEntry> entries = idle.iterator(); entries.hasNext(); ) {
                PoolEntry entry = entries.next();
                if (credentials.equals(entry.credentials)) {
                    entries.remove();
                    drained.add(entry);
                    inTransit++;
                }
            }
        } finally {
            lock.unlock();
        }
        drained.forEach(this::retire);
    }

    /**
     * Counts of lent, idle and waiting at this moment, with the circuit breaker's state.
     *
     * @return the snapshot
     */
    public PoolStats stats() {
        int active;
        int idleCount;
        int waitingCount;
        lock.lock();
        try {
            active = lent;
            idleCount = idle.size();
            waitingCount = waiting;
        } finally {
            lock.unlock();
        }
        return new PoolStats(active, idleCount, waitingCount, breaker.state(), breaker.consecutiveFailures());
    }

    private PooledConnection lend(Credentials credentials) throws SmtpException {
        Reservation reservation = reserve(credentials);
        PoolEntry entry = reservation.idle();
        try {
            if (reservation.evicted() != null) {
                reservation.evicted().destroy();
            }
            if (entry != null && !fitForUse(entry)) {
                entry.destroy();
                entry = null;
            }
            if (entry == null) {
                entry = open(credentials);
            }
        } catch (SmtpException | RuntimeException e) {
            if (entry != null) {
                entry.destroy();
            }
            freePlace();
            throw e;
        }
        return new PooledConnection(this, entry);
    }

    /** Opens a connection if the circuit breaker allows, and tells the breaker how the attempt went. */
    private PoolEntry open(Credentials credentials) throws SmtpException {
        CircuitBreaker.Permit permit = breaker.admit();
        SmtpClient client;
        try {
            client = credentials == null ? factory.open() : factory.open(credentials);
        } catch (SmtpException | RuntimeException e) {
            breaker.failed(permit, e);
            throw e;
        }
        breaker.connected();
        return new PoolEntry(client, credentials, System.nanoTime());
    }

    /**
     * Stops lending, wakes waiting borrowers (they fail with NOT_CONNECTED) and closes the idle connections with
     * QUIT. Connections lent out are closed when they are given back. Calling it again does nothing.
     */
    @Override
    public void close() {
        List<PoolEntry> drained;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            drained = new ArrayList<>(idle);
            idle.clear();
            inTransit += drained.size();
            placeFreed.signalAll();
        } finally {
            lock.unlock();
        }
        maintenance.shutdown();
        drained.forEach(this::retire);
    }

    /**
     * What {@link #reserve} got: an idle connection of the borrower's identity, or a place for a new one (idle is
     * null), made by taking the oldest idle connection of another identity when the pool was full (evicted, to be
     * closed by the borrower).
     */
    private record Reservation(PoolEntry idle, PoolEntry evicted) {
    }

    /**
     * Takes an idle connection of {@code credentials}, or a place for a new one, waiting for either up to the borrow
     * timeout.
     */
    private Reservation reserve(Credentials credentials) throws SmtpException {
        long remaining = settings.getBorrowTimeout().toNanos();
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    throw new SmtpException(SmtpErrorCode.NOT_CONNECTED, "The connection pool for " + name
                            + " is closed");
                }
                PoolEntry entry = takeIdle(credentials);
                if (entry != null || allocated() < settings.getMaxSize()) {
                    lent++;
                    return new Reservation(entry, null);
                }
                if (!idle.isEmpty()) {
                    lent++;
                    return new Reservation(null, idle.pollLast());
                }
                if (remaining <= 0) {
                    throw exhausted();
                }
                waiting++;
                try {
                    remaining = placeFreed.awaitNanos(remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SmtpException(SmtpErrorCode.CANCELLED, "Interrupted while waiting for a free connection"
                            + " to " + name, e);
                } finally {
                    waiting--;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** The most recently used idle connection of exactly these credentials, removed from the idle ones; or null. */
    private PoolEntry takeIdle(Credentials credentials) {
        for (Iterator<PoolEntry> entries = idle.iterator(); entries.hasNext(); ) {
            PoolEntry entry = entries.next();
            if (Objects.equals(credentials, entry.credentials)) {
                entries.remove();
                return entry;
            }
        }
        return null;
    }

    /** Whether an idle connection may be lent as it is. */
    private boolean fitForUse(PoolEntry entry) {
        long idleNanos = System.nanoTime() - entry.idleSinceNanos;
        if (!entry.client.isConnected() || idleNanos >= settings.getMaxIdleTime().toNanos()) {
            return false;
        }
        if (!settings.isValidateOnBorrow() || idleNanos < settings.getValidateAfterIdle().toNanos()) {
            return true;
        }
        try {
            entry.client.noop();
            return true;
        } catch (SmtpException e) {
            log.debug("An idle connection to {} failed its NOOP check ({}); opening a new one", name, e.getMessage());
            return false;
        }
    }

    /** Called by {@link PooledConnection#close()}. */
    void giveBack(PoolEntry entry, boolean reusable) {
        boolean worn = settings.getMaxMessagesPerConnection() > 0
                && entry.messages >= settings.getMaxMessagesPerConnection();
        boolean keep = reusable && !worn && entry.client.isConnected();
        lock.lock();
        try {
            lent--;
            if (keep && !closed) {
                entry.idleSinceNanos = System.nanoTime();
                idle.addFirst(entry);
                placeFreed.signal();
                return;
            }
            inTransit++;
        } finally {
            lock.unlock();
        }
        retire(entry);
    }

    /** Closes a connection whose place is counted in {@link #inTransit}, then frees the place. */
    private void retire(PoolEntry entry) {
        try {
            entry.destroy();
        } finally {
            freeTransitPlace();
        }
    }

    private void freeTransitPlace() {
        lock.lock();
        try {
            inTransit--;
            placeFreed.signal();
        } finally {
            lock.unlock();
        }
    }

    private void freePlace() {
        lock.lock();
        try {
            lent--;
            placeFreed.signal();
        } finally {
            lock.unlock();
        }
    }

    private int allocated() {
        return lent + idle.size() + inTransit;
    }

    /** The maintenance task: must never throw, or the executor would stop running it. */
    private void maintain() {
        try {
            evictExpired();
            openUpToMinIdle();
        } catch (RuntimeException e) {
            log.warn("Maintenance of the connection pool for {} failed", name, e);
        }
    }

    private void evictExpired() {
        List<PoolEntry> expired = new ArrayList<>();
        long now = System.nanoTime();
        long maxIdle = settings.getMaxIdleTime().toNanos();
        lock.lock();
        try {
            while (!idle.isEmpty() && now - idle.peekLast().idleSinceNanos >= maxIdle) {
                expired.add(idle.pollLast());
                inTransit++;
            }
        } finally {
            lock.unlock();
        }
        expired.forEach(this::retire);
    }

    private void openUpToMinIdle() {
        while (true) {
            lock.lock();
            try {
                if (closed || idleWithOwnConfiguration() >= settings.getMinIdle()
                        || allocated() >= settings.getMaxSize()) {
                    return;
                }
                inTransit++;
            } finally {
                lock.unlock();
            }
            PoolEntry entry;
            try {
                entry = open(null);
            } catch (SmtpException | RuntimeException e) {
                log.debug("Cannot open an idle connection to {} ahead of demand: {}", name, e.getMessage());
                freeTransitPlace();
                return;
            }
            if (!addOpened(entry)) {
                retire(entry);
                return;
            }
        }
    }

    /** Idle connections that authenticate as the factory configures them: the ones minIdle keeps open. */
    private int idleWithOwnConfiguration() {
        int count = 0;
        for (PoolEntry entry : idle) {
            if (entry.credentials == null) {
                count++;
            }
        }
        return count;
    }

    /** Adds a connection opened ahead of demand, unless the pool was closed meanwhile. */
    private boolean addOpened(PoolEntry entry) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            inTransit--;
            idle.addFirst(entry);
            placeFreed.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private SmtpException exhausted() {
        return new SmtpException(SmtpErrorCode.TIMEOUT, "No connection to " + name + " became free within "
                + settings.getBorrowTimeout().toMillis() + " ms: all " + settings.getMaxSize() + " are in use. Raise"
                + " pool.maxSize or pool.borrowTimeout, or send fewer messages at once",
                new TimeoutException("connection pool exhausted"));
    }

    private static Duration maintenancePeriod(Duration maxIdleTime) {
        Duration half = maxIdleTime.dividedBy(2);
        if (half.compareTo(SHORTEST_MAINTENANCE_PERIOD) < 0) {
            return SHORTEST_MAINTENANCE_PERIOD;
        }
        return half.compareTo(LONGEST_MAINTENANCE_PERIOD) > 0 ? LONGEST_MAINTENANCE_PERIOD : half;
    }
}
