package io.github.smtpclient.pool;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link SmtpConnectionPool} keeps its connections. Mutable and not thread-safe: configure it, then create the
 * pool, which works on a {@link #copy()}.
 *
 * <p>The defaults suit a typical submission server: at most 4 connections, none kept open for their own sake, a
 * connection idle for 60 seconds closed (servers drop idle sessions after about 5 minutes, Postfix's
 * {@code smtpd_timeout} is 300 s), a NOOP check before lending a connection that sat idle for a second or more, and
 * 30 seconds of waiting for a free connection before giving up, and a {@link #circuitBreaker() circuit breaker} that
 * stops connecting for a while after 5 connection attempts in a row failed.
 */
public final class PoolSettings {

    /** Default {@link #getMaxSize() maximum size}: 4 connections. */
    public static final int DEFAULT_MAX_SIZE = 4;
    /** Default {@link #getMaxIdleTime() maximum idle time}: 60 seconds. */
    public static final Duration DEFAULT_MAX_IDLE_TIME = Duration.ofSeconds(60);
    /** Default {@link #getValidateAfterIdle() idle time before a NOOP check}: 1 second. */
    public static final Duration DEFAULT_VALIDATE_AFTER_IDLE = Duration.ofSeconds(1);
    /** Default {@link #getBorrowTimeout() borrow timeout}: 30 seconds. */
    public static final Duration DEFAULT_BORROW_TIMEOUT = Duration.ofSeconds(30);

    private static final Duration LONGEST = Duration.ofDays(24);

    private int maxSize = DEFAULT_MAX_SIZE;
    private int minIdle;
    private Duration maxIdleTime = DEFAULT_MAX_IDLE_TIME;
    private int maxMessagesPerConnection;
    private boolean validateOnBorrow = true;
    private Duration validateAfterIdle = DEFAULT_VALIDATE_AFTER_IDLE;
    private Duration borrowTimeout = DEFAULT_BORROW_TIMEOUT;
    private CircuitBreakerSettings circuitBreaker = new CircuitBreakerSettings();

    /** Settings with the defaults each getter describes. */
    public PoolSettings() {
    }

    /** The most connections open at once, lent out or idle. Default 4. */
    public int getMaxSize() {
        return maxSize;
    }

    /**
     * Sets the most connections open at once.
     *
     * @throws IllegalArgumentException unless 1 to 1000
     */
    public void setMaxSize(int maxSize) {
        if (maxSize < 1 || maxSize > 1000) {
            throw new IllegalArgumentException("pool.maxSize must be between 1 and 1000, was " + maxSize);
        }
        this.maxSize = maxSize;
    }

    /**
     * How many idle connections the pool keeps open ahead of demand (opened by its background task, and replaced
     * when they pass {@link #getMaxIdleTime()}). Default 0: connections are opened only when a sender needs one.
     */
    public int getMinIdle() {
        return minIdle;
    }

    /**
     * Sets how many connections the pool keeps open while idle.
     *
     * @throws IllegalArgumentException if negative (it must also not exceed maxSize, checked when the pool is made)
     */
    public void setMinIdle(int minIdle) {
        if (minIdle < 0) {
            throw new IllegalArgumentException("pool.minIdle must not be negative, was " + minIdle);
        }
        this.minIdle = minIdle;
    }

    /**
     * How long a connection may sit idle in the pool before it is closed with QUIT. Keep it below the server's own
     * idle timeout, so the pool closes connections politely before the server drops them. Default 60 seconds.
     */
    public Duration getMaxIdleTime() {
        return maxIdleTime;
    }

    /**
     * Sets how long a connection may sit idle before it is closed.
     *
     * @throws IllegalArgumentException if null, under one millisecond or over 24 days
     */
    public void setMaxIdleTime(Duration maxIdleTime) {
        this.maxIdleTime = requireRange(maxIdleTime, "pool.maxIdleTime", Duration.ofMillis(1));
    }

    /**
     * After how many messages a connection is closed and replaced (some servers limit messages per session, and
     * spreading load over fresh connections helps behind load balancers). Default 0: unlimited.
     */
    public int getMaxMessagesPerConnection() {
        return maxMessagesPerConnection;
    }

    /**
     * Sets after how many messages a connection is replaced; 0 means unlimited.
     *
     * @throws IllegalArgumentException if negative
     */
    public void setMaxMessagesPerConnection(int maxMessagesPerConnection) {
        if (maxMessagesPerConnection < 0) {
            throw new IllegalArgumentException("pool.maxMessagesPerConnection must be 0 (unlimited) or more, was "
                    + maxMessagesPerConnection);
        }
        this.maxMessagesPerConnection = maxMessagesPerConnection;
    }

    /**
     * Whether a connection that sat idle for at least {@link #getValidateAfterIdle()} is checked with NOOP before it
     * is lent; a connection that fails the check is closed and a new one opened in its place. A busy pool skips the
     * check, so it does not pay a round trip per message. Default true.
     */
    public boolean isValidateOnBorrow() {
        return validateOnBorrow;
    }

    /**
     * Sets whether an idle connection is checked with NOOP before it is lent.
     *
     * @param validateOnBorrow whether to check it
     */
    public void setValidateOnBorrow(boolean validateOnBorrow) {
        this.validateOnBorrow = validateOnBorrow;
    }

    /** How long a connection must have been idle before {@link #isValidateOnBorrow()} checks it. Default 1 second. */
    public Duration getValidateAfterIdle() {
        return validateAfterIdle;
    }

    /**
     * Sets how long a connection must have been idle before it is checked on borrow; zero checks on every borrow.
     *
     * @throws IllegalArgumentException if null, negative or over 24 days
     */
    public void setValidateAfterIdle(Duration validateAfterIdle) {
        this.validateAfterIdle = requireRange(validateAfterIdle, "pool.validateAfterIdle", Duration.ZERO);
    }

    /**
     * How long a sender waits for a free connection when all {@link #getMaxSize()} are in use, before it fails with
     * an {@link io.github.smtpclient.SmtpErrorCode#TIMEOUT TIMEOUT}. Default 30 seconds.
     */
    public Duration getBorrowTimeout() {
        return borrowTimeout;
    }

    /**
     * Sets how long a sender waits for a free connection; zero fails at once when none is free.
     *
     * @throws IllegalArgumentException if null, negative or over 24 days
     */
    public void setBorrowTimeout(Duration borrowTimeout) {
        this.borrowTimeout = requireRange(borrowTimeout, "pool.borrowTimeout", Duration.ZERO);
    }

    /**
     * When the pool stops connecting to a server that keeps failing, and for how long; change them in place, for
     * example {@code settings.circuitBreaker().setFailureThreshold(3)}.
     *
     * @return the circuit breaker's settings, part of these settings
     */
    public CircuitBreakerSettings circuitBreaker() {
        return circuitBreaker;
    }

    /** An independent copy. */
    public PoolSettings copy() {
        PoolSettings copy = new PoolSettings();
        copy.maxSize = maxSize;
        copy.minIdle = minIdle;
        copy.maxIdleTime = maxIdleTime;
        copy.maxMessagesPerConnection = maxMessagesPerConnection;
        copy.validateOnBorrow = validateOnBorrow;
        copy.validateAfterIdle = validateAfterIdle;
        copy.borrowTimeout = borrowTimeout;
        copy.circuitBreaker = circuitBreaker.copy();
        return copy;
    }

    /** Checks the rules between settings, which single setters cannot. */
    void checkConsistent() {
        if (minIdle > maxSize) {
            throw new IllegalArgumentException("pool.minIdle (" + minIdle + ") must not exceed pool.maxSize ("
                    + maxSize + ")");
        }
        circuitBreaker.checkConsistent();
    }

    @Override
    public String toString() {
        return "PoolSettings[maxSize=" + maxSize + ", minIdle=" + minIdle + ", maxIdleTime=" + maxIdleTime
                + ", maxMessagesPerConnection=" + maxMessagesPerConnection + ", validateOnBorrow=" + validateOnBorrow
                + ", validateAfterIdle=" + validateAfterIdle + ", borrowTimeout=" + borrowTimeout + ", circuitBreaker="
                + circuitBreaker + "]";
    }

    private static Duration requireRange(Duration value, String name, Duration least) {
        Objects.requireNonNull(value, name);
        if (value.compareTo(least) < 0 || value.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException(name + " must be between " + least + " and " + LONGEST + ", was "
                    + value);
        }
        return value;
    }
}
