package io.github.smtpclient.pool;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;

/**
 * Connected {@link io.github.smtpclient.SmtpClient}s to one server, lent to one thread at a time. Thread-safe.
 *
 * <ul>
 * <li>{@link #borrow()} lends the most recently used idle connection, or opens a new one while fewer than
 *     {@link PoolSettings#getMaxSize()} exist, or waits up to {@link PoolSettings#getBorrowTimeout()} for one to be
 *     given back, then fails with {@link SmtpErrorCode#TIMEOUT}.</li>
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
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition placeFreed = lock.newCondition();
    /** Most recently given back first: the warmest connections are reused, the coldest age out at the tail. */
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
     * @throws IllegalArgumentException if minIdle exceeds maxSize
     */
    public SmtpConnectionPool(String name, ConnectionFactory factory, PoolSettings settings) {
        this.name = Objects.requireNonNull(name, "name");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.settings = Objects.requireNonNull(settings, "settings").copy();
        this.settings.checkConsistent();
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
     * Lends a connected client; give it back by closing the returned lease.
     *
     * @throws SmtpException TIMEOUT when none became free within the borrow timeout; NOT_CONNECTED when the pool is
     *                       closed; CANCELLED when the thread was interrupted while waiting; or whatever opening a
     *                       new connection threw
     */
    public PooledConnection borrow() throws SmtpException {
        PoolEntry entry = reserve();
        try {
            if (entry != null && !fitForUse(entry)) {
                entry.destroy();
                entry = null;
            }
            if (entry == null) {
                entry = new PoolEntry(factory.open(), System.nanoTime());
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

    /** Counts of lent, idle and waiting at this moment. */
    public PoolStats stats() {
        lock.lock();
        try {
            return new PoolStats(lent, idle.size(), waiting);
        } finally {
            lock.unlock();
        }
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

    /** Takes an idle connection, or a place for a new one (null), waiting for either up to the borrow timeout. */
    private PoolEntry reserve() throws SmtpException {
        long remaining = settings.getBorrowTimeout().toNanos();
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    throw new SmtpException(SmtpErrorCode.NOT_CONNECTED, "The connection pool for " + name
                            + " is closed");
                }
                PoolEntry entry = idle.pollFirst();
                if (entry != null || allocated() < settings.getMaxSize()) {
                    lent++;
                    return entry;
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
                if (closed || idle.size() >= settings.getMinIdle() || allocated() >= settings.getMaxSize()) {
                    return;
                }
                inTransit++;
            } finally {
                lock.unlock();
            }
            PoolEntry entry;
            try {
                entry = new PoolEntry(factory.open(), System.nanoTime());
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
