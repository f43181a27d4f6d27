package io.github.smtpclient.pool;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.LongSupplier;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;

/**
 * Decides whether a pool may try to open a connection, from how the last attempts ended; see
 * {@link CircuitBreakerSettings} for the rules. One per pool, so every send to the server (every identity's
 * included) shares it. Thread-safe.
 *
 * <p>Every {@link #admit()} that returns a permit must be followed by exactly one of {@link #connected()} or
 * {@link #failed(Permit, Throwable)}.
 */
final class CircuitBreaker {

    /** What an admitted attempt is: an ordinary one, or the single probe after the back-off. */
    enum Permit {
        NORMAL, PROBE
    }

    /** Failures that prove the server was reached and answered: they close the breaker like a success. */
    private static final Set<SmtpErrorCode> SERVER_REACHED = EnumSet.of(SmtpErrorCode.AUTH_FAILED,
            SmtpErrorCode.AUTH_NOT_SUPPORTED, SmtpErrorCode.AUTH_REQUIRES_ENCRYPTION,
            SmtpErrorCode.AUTH_CHALLENGE_LIMIT);

    /** Failures that say nothing about the server: a setting, the caller or the local machine. */
    private static final Set<SmtpErrorCode> SAYS_NOTHING = EnumSet.of(SmtpErrorCode.INVALID_ARGUMENT,
            SmtpErrorCode.ILLEGAL_WIRE_VALUE, SmtpErrorCode.NOT_CONNECTED, SmtpErrorCode.CANCELLED,
            SmtpErrorCode.IO_ERROR, SmtpErrorCode.CIRCUIT_OPEN);

    private final String name;
    private final CircuitBreakerSettings settings;
    private final LongSupplier nanoTime;

    private boolean open;
    private long openUntilNanos;
    private boolean probing;
    private int consecutiveFailures;
    /** How often the breaker opened since the last successful connection: the back-off grows with it. */
    private int timesOpened;
    private SmtpException lastFailure;

    /**
     * @param name     names the server in messages
     * @param settings the rules; copied
     * @param nanoTime the clock, {@code System::nanoTime} outside tests
     */
    CircuitBreaker(String name, CircuitBreakerSettings settings, LongSupplier nanoTime) {
        this.name = name;
        this.settings = settings.copy();
        this.settings.checkConsistent();
        this.nanoTime = nanoTime;
    }

    /**
     * Asks to try a connection.
     *
     * @return the kind of attempt allowed
     * @throws SmtpException CIRCUIT_OPEN while the breaker is open, or while the probe is under way
     */
    synchronized Permit admit() throws SmtpException {
        if (!open) {
            return Permit.NORMAL;
        }
        long now = nanoTime.getAsLong();
        if (now - openUntilNanos < 0) {
            throw refusal("the next attempt is allowed in " + Duration.ofNanos(openUntilNanos - now).toMillis()
                    + " ms");
        }
        if (probing) {
            throw refusal("one attempt is under way to find out whether it is back");
        }
        probing = true;
        return Permit.PROBE;
    }

    /** An admitted attempt connected: the server is back, or was never gone. */
    synchronized void connected() {
        open = false;
        probing = false;
        consecutiveFailures = 0;
        timesOpened = 0;
        lastFailure = null;
    }

    /** An admitted attempt failed: counted when the failure says the server cannot be used. */
    synchronized void failed(Permit permit, Throwable failure) {
        SmtpErrorCode code = failure instanceof SmtpException smtp ? smtp.errorCode() : null;
        if (code != null && SERVER_REACHED.contains(code)) {
            connected();
            return;
        }
        if (code == null || SAYS_NOTHING.contains(code)) {
            if (permit == Permit.PROBE) {
                probing = false;
            }
            return;
        }
        consecutiveFailures++;
        lastFailure = (SmtpException) failure;
        if (!settings.isEnabled()) {
            return;
        }
        if (permit == Permit.PROBE || (!open && consecutiveFailures >= settings.getFailureThreshold())) {
            timesOpened++;
            open = true;
            probing = false;
            openUntilNanos = nanoTime.getAsLong() + settings.backoffAfter(timesOpened).toNanos();
        }
    }

    /** The state now: OPEN turns HALF_OPEN as soon as the back-off has passed, before any probe. */
    synchronized CircuitState state() {
        if (!open) {
            return CircuitState.CLOSED;
        }
        return probing || nanoTime.getAsLong() - openUntilNanos >= 0 ? CircuitState.HALF_OPEN : CircuitState.OPEN;
    }

    /** Connection attempts that failed in a row, whether or not the breaker is enabled. */
    synchronized int consecutiveFailures() {
        return consecutiveFailures;
    }

    private SmtpException refusal(String when) {
        return new SmtpException(SmtpErrorCode.CIRCUIT_OPEN, "Not connecting to " + name + ": the last "
                + consecutiveFailures + " attempts to connect failed, so the server is taken to be unavailable and"
                + " sends fail at once; " + when + " (pool.circuitBreaker sets when). Last failure: "
                + lastFailure.errorCode() + ": " + lastFailure.getMessage(), lastFailure);
    }
}
