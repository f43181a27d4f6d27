package io.github.smtpclient.tls.validation;

import java.util.Objects;

/**
 * One line of a validation log (the reference's ConnInfoValidationLog): one check and how it came out.
 *
 * @param outcome     how the check came out
 * @param check       what was checked, a short stable word such as {@code validity} or {@code revocation}
 * @param certificate the RFC 2253 subject of the certificate concerned, or {@code null} for the chain as a whole
 * @param message     a sentence for a person
 */
public record ValidationLogEntry(Outcome outcome, String check, String certificate, String message) {

    /** How one check came out. */
    public enum Outcome {
        /** The check passed. */
        PASS,
        /** The check failed; the chain is invalid. */
        FAIL,
        /** The check found a problem that was tolerated (soft fail, a chosen tolerance). */
        WARN,
        /** Information about the process (what was built, what was skipped). */
        INFO
    }

    /** Checks the values. */
    public ValidationLogEntry {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return outcome + " " + check + (certificate == null ? "" : " [" + certificate + "]") + ": " + message;
    }
}
