package io.github.smtpclient.tls.validation;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.github.smtpclient.tls.validation.ValidationLogEntry.Outcome;

/** Collects the log entries, reasons and warnings of one validation as its checks run. */
final class ValidationLog {

    private final List<ValidationLogEntry> entries = new ArrayList<>();
    private final Set<ValidationReason> reasons = EnumSet.noneOf(ValidationReason.class);
    private final Set<ValidationReason> warnings = EnumSet.noneOf(ValidationReason.class);

    void pass(String check, X509Certificate certificate, String message) {
        add(Outcome.PASS, check, certificate, message);
    }

    void info(String check, X509Certificate certificate, String message) {
        add(Outcome.INFO, check, certificate, message);
    }

    void fail(ValidationReason reason, String check, X509Certificate certificate, String message) {
        reasons.add(reason);
        add(Outcome.FAIL, check, certificate, message);
    }

    void warn(ValidationReason reason, String check, X509Certificate certificate, String message) {
        warnings.add(reason);
        add(Outcome.WARN, check, certificate, message);
    }

    boolean hasFailed() {
        return !reasons.isEmpty();
    }

    ValidationResult result(List<X509Certificate> path) {
        return new ValidationResult(reasons.isEmpty() ? ValidationStatus.VALID : ValidationStatus.INVALID, reasons,
                warnings, path, entries);
    }

    ValidationResult failure(List<X509Certificate> path, RuntimeException error) {
        reasons.add(ValidationReason.VALIDATION_ERROR);
        add(Outcome.FAIL, "validation", null, "validation stopped with an internal error: " + error);
        return new ValidationResult(ValidationStatus.FAILED, reasons, warnings, path, entries);
    }

    private void add(Outcome outcome, String check, X509Certificate certificate, String message) {
        entries.add(new ValidationLogEntry(outcome, check,
                certificate == null ? null : certificate.getSubjectX500Principal().getName(), message));
    }
}
