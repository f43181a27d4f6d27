package io.github.smtpclient.event;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

import io.github.smtpclient.tls.validation.ValidationResult;

/**
 * The server's certificate chain was judged (the reference's CertificateValidate). {@link #validation()} is the
 * built-in verdict, with its reasons and log; {@link #isAccepted()} starts as that verdict, and the listener may
 * overturn it either way. An accepted invalid chain is recorded as
 * {@link io.github.smtpclient.tls.validation.ValidationStatus#VALID_BY_LISTENER}, never as valid.
 */
public final class CertificateValidateEvent {

    private final String host;
    private final List<X509Certificate> chain;
    private final ValidationResult validation;
    private boolean accepted;

    /**
     * An event for this chain, accepted when the built-in validation accepted it.
     *
     * @param host       the host name the client connected to
     * @param chain      the chain the server presented, leaf first
     * @param validation the built-in validation's verdict
     */
    public CertificateValidateEvent(String host, List<X509Certificate> chain, ValidationResult validation) {
        this.host = Objects.requireNonNull(host, "host");
        this.chain = List.copyOf(chain);
        this.validation = Objects.requireNonNull(validation, "validation");
        this.accepted = validation.status().isAccepted();
    }

    /** The host name the client connected to. */
    public String host() {
        return host;
    }

    /** The chain the server presented, leaf first. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** How the built-in validation judged the chain: status, reasons, path and log. */
    public ValidationResult validation() {
        return validation;
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
