package io.github.smtpclient.tls.validation;

/** The outcome of judging a server's certificate chain (the reference's ConnInfoChainValidationResult). */
public enum ValidationStatus {

    /** Validation ran and every check passed: the server is authenticated. */
    VALID,

    /**
     * Validation ran and failed, but the {@code certificateValidate} listener accepted the chain anyway (for
     * example because it pinned the certificate itself). The connection is encrypted; the server is not
     * authenticated by the client's rules.
     */
    VALID_BY_LISTENER,

    /**
     * Validation is switched off ({@code tls().setValidateCertificates(false)}): nothing was checked, so anyone on
     * the network path could have presented this chain.
     */
    NOT_VALIDATED,

    /** Validation ran and found the chain unacceptable; {@link ValidationResult#reasons()} says why. */
    INVALID,

    /** Validation could not run to its end (an internal error); the chain is not accepted. */
    FAILED;

    /** Whether a connection with this status may carry the session. */
    public boolean isAccepted() {
        return this == VALID || this == VALID_BY_LISTENER || this == NOT_VALIDATED;
    }
}
