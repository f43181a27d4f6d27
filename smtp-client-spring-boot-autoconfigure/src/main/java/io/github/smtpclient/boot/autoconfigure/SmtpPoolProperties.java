package io.github.smtpclient.boot.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * The {@code smtp.client.pool.*} properties: the connections the pooled SmtpMailSender keeps; drives
 * {@code PoolSettings}.
 */
public class SmtpPoolProperties {

    /** Most connections open at once, lent out or idle, between 1 and 1000. */
    private int maxSize = 4;

    /** Idle connections kept open ahead of demand, at most 'max-size'. */
    private int minIdle;

    /** How long a connection may sit idle before it is closed with QUIT; keep it below the server's own idle timeout. */
    private Duration maxIdleTime = Duration.ofSeconds(60);

    /** Messages after which a connection is replaced by a fresh one, 0 for unlimited. */
    private int maxMessagesPerConnection;

    /** Whether a connection idle for at least 'validate-after-idle' is checked with NOOP before it is lent. */
    private boolean validateOnBorrow = true;

    /** How long a connection must have been idle before 'validate-on-borrow' checks it. */
    private Duration validateAfterIdle = Duration.ofSeconds(1);

    /** How long a send waits for a free connection when all are in use before it fails with TIMEOUT. */
    private Duration borrowTimeout = Duration.ofSeconds(30);

    @NestedConfigurationProperty
    private final SmtpCircuitBreakerProperties circuitBreaker = new SmtpCircuitBreakerProperties();

    public int getMaxSize() {
        return maxSize;
    }

    public void setMaxSize(int maxSize) {
        this.maxSize = maxSize;
    }

    public int getMinIdle() {
        return minIdle;
    }

    public void setMinIdle(int minIdle) {
        this.minIdle = minIdle;
    }

    public Duration getMaxIdleTime() {
        return maxIdleTime;
    }

    public void setMaxIdleTime(Duration maxIdleTime) {
        this.maxIdleTime = maxIdleTime;
    }

    public int getMaxMessagesPerConnection() {
        return maxMessagesPerConnection;
    }

    public void setMaxMessagesPerConnection(int maxMessagesPerConnection) {
        this.maxMessagesPerConnection = maxMessagesPerConnection;
    }

    public boolean isValidateOnBorrow() {
        return validateOnBorrow;
    }

    public void setValidateOnBorrow(boolean validateOnBorrow) {
        this.validateOnBorrow = validateOnBorrow;
    }

    public Duration getValidateAfterIdle() {
        return validateAfterIdle;
    }

    public void setValidateAfterIdle(Duration validateAfterIdle) {
        this.validateAfterIdle = validateAfterIdle;
    }

    public Duration getBorrowTimeout() {
        return borrowTimeout;
    }

    public void setBorrowTimeout(Duration borrowTimeout) {
        this.borrowTimeout = borrowTimeout;
    }

    public SmtpCircuitBreakerProperties getCircuitBreaker() {
        return circuitBreaker;
    }
}
