package io.github.smtpclient.event;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * The server's certificate chain was checked. {@link #isAccepted()} starts as the verdict of the built-in
 * validation (trust, validity, hostname); the listener may overturn it either way.
 */
public final class CertificateValidateEvent {

    private final String host;
    private final List<X509Certificate> chain;
    private final Exception validationFailure;
    private boolean accepted;

    /** An event for this chain, accepted unless the built-in validation failed. */
    public CertificateValidateEvent(String host, List<X509Certificate> chain, Exception validationFailure) {
        this.host = host;
        this.chain = List.copyOf(chain);
        this.validationFailure = validationFailure;
        this.accepted = validationFailure == null;
    }

    /** The host name the client connected to. */
    public String host() {
        return host;
    }

    /** The chain the server presented, leaf first. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** Why the built-in validation rejected the chain; empty when it passed. */
    public Optional<Exception> validationFailure() {
        return Optional.ofNullable(validationFailure);
    }

    /** Whether the chain is accepted: the built-in verdict unless a listener changed it. */
    public boolean isAccepted() {
        return accepted;
    }

    /** Accepts the chain even if validation failed (for example after pinning it yourself). */
    public void accept() {
        accepted = true;
    }

    /** Rejects the chain even if validation passed. */
    public void reject() {
        accepted = false;
    }
}
