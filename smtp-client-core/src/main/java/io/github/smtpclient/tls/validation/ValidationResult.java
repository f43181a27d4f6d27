package io.github.smtpclient.tls.validation;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How a server's certificate chain was judged: the status, the reasons, the certification path that was built and
 * a log of every check (the reference's ConnInfoChainValidationResult, ConnInfoChainValidationDetails and
 * ConnInfoValidationLog). Immutable.
 */
public final class ValidationResult {

    private final ValidationStatus status;
    private final Set<ValidationReason> reasons;
    private final Set<ValidationReason> warnings;
    private final List<X509Certificate> path;
    private final List<ValidationLogEntry> log;

    /**
     * @param status   the outcome
     * @param reasons  why the chain is invalid; empty unless the status is INVALID, FAILED or VALID_BY_LISTENER
     * @param warnings findings that were tolerated (soft-failed revocation, chosen tolerances)
     * @param path     the certification path built, leaf first, ending with the trust anchor when one was reached
     * @param log      one entry per check, in the order they ran
     */
    public ValidationResult(ValidationStatus status, Set<ValidationReason> reasons, Set<ValidationReason> warnings,
            List<X509Certificate> path, List<ValidationLogEntry> log) {
        this.status = Objects.requireNonNull(status, "status");
        this.reasons = unmodifiable(reasons);
        this.warnings = unmodifiable(warnings);
        this.path = List.copyOf(path);
        this.log = List.copyOf(log);
    }

    /** The result of a connection whose certificates were not checked because validation is switched off. */
    public static ValidationResult notValidated(List<X509Certificate> chain) {
        return new ValidationResult(ValidationStatus.NOT_VALIDATED, Set.of(), Set.of(), chain,
                List.of(new ValidationLogEntry(ValidationLogEntry.Outcome.WARN, "validation", null,
                        "certificate validation is switched off (tls().validateCertificates=false): nothing was checked")));
    }

    /** The outcome. */
    public ValidationStatus status() {
        return status;
    }

    /** Whether validation ran and passed: only then is the server authenticated (the reference's ConnInfoServerAuthenticated). */
    public boolean isValid() {
        return status == ValidationStatus.VALID;
    }

    /** Why the chain was found invalid (the reference's ConnInfoChainValidationDetails). */
    public Set<ValidationReason> reasons() {
        return reasons;
    }

    /** Findings that did not make the chain invalid: soft-failed revocation checks and chosen tolerances. */
    public Set<ValidationReason> warnings() {
        return warnings;
    }

    /** The certification path built, leaf first, ending with the trust anchor when one was reached. */
    public List<X509Certificate> path() {
        return path;
    }

    /** One entry per check, in order (the reference's ConnInfoValidationLog). */
    public List<ValidationLogEntry> log() {
        return log;
    }

    /** The log as text, one line per entry. */
    public String logText() {
        return log.stream().map(ValidationLogEntry::toString).collect(Collectors.joining("\n"));
    }

    /** The failed checks' messages, joined; empty when nothing failed. */
    public String failureSummary() {
        return log.stream().filter(entry -> entry.outcome() == ValidationLogEntry.Outcome.FAIL)
                .map(entry -> (entry.certificate() == null ? "" : entry.certificate() + ": ") + entry.message())
                .collect(Collectors.joining("; "));
    }

    /**
     * This result after the {@code certificateValidate} listener decided: accepting an invalid chain gives
     * {@link ValidationStatus#VALID_BY_LISTENER}, rejecting an accepted one gives {@link ValidationStatus#INVALID}
     * with {@link ValidationReason#REJECTED_BY_LISTENER}; a decision that agrees changes nothing.
     */
    public ValidationResult withListenerDecision(boolean accept) {
        if (accept == status.isAccepted()) {
            return this;
        }
        List<ValidationLogEntry> decided = new ArrayList<>(log);
        if (accept) {
            decided.add(new ValidationLogEntry(ValidationLogEntry.Outcome.WARN, "listener", null,
                    "the certificateValidate listener accepted a chain that failed validation"));
            return new ValidationResult(ValidationStatus.VALID_BY_LISTENER, reasons, warnings, path, decided);
        }
        decided.add(new ValidationLogEntry(ValidationLogEntry.Outcome.FAIL, "listener", null,
                "the certificateValidate listener rejected the chain"));
        Set<ValidationReason> rejected = EnumSet.of(ValidationReason.REJECTED_BY_LISTENER);
        rejected.addAll(reasons);
        return new ValidationResult(ValidationStatus.INVALID, rejected, warnings, path, decided);
    }

    private static Set<ValidationReason> unmodifiable(Set<ValidationReason> reasons) {
        return reasons.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(reasons));
    }

    @Override
    public String toString() {
        return status + (reasons.isEmpty() ? "" : " " + reasons) + (warnings.isEmpty() ? "" : " warnings " + warnings);
    }
}
