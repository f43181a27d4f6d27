package io.github.smtpclient.tls;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.tls.validation.ValidationResult;

/**
 * The server's certificate chain was rejected ({@link SmtpErrorCode#CERTIFICATE_REJECTED}), with the validation
 * result that says why: its reasons and the log of every check.
 */
public final class CertificateRejectedException extends SmtpException {

    private static final long serialVersionUID = 1L;

    private final transient ValidationResult validation;

    /** A rejection for {@code message}, caused by {@code validation}. */
    public CertificateRejectedException(String message, ValidationResult validation) {
        this(message, validation, null);
    }

    /** A rejection for {@code message}, caused by {@code validation} and reported by {@code cause}. */
    public CertificateRejectedException(String message, ValidationResult validation, Throwable cause) {
        super(SmtpErrorCode.CERTIFICATE_REJECTED, message, cause);
        this.validation = validation;
    }

    /** How the chain was judged: status, reasons, path and log. */
    public ValidationResult validation() {
        return validation;
    }
}
