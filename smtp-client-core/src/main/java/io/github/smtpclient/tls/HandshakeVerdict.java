package io.github.smtpclient.tls;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import io.github.smtpclient.event.CertificateValidateEvent;
import io.github.smtpclient.event.NotificationEvent;
import io.github.smtpclient.event.SmtpListener;
import io.github.smtpclient.tls.validation.ChainValidator;
import io.github.smtpclient.tls.validation.ValidationReason;
import io.github.smtpclient.tls.validation.ValidationResult;

/**
 * The trust decision of one handshake, the same on every engine: validate the server's chain (or record that
 * validation is off), let the listener overturn the verdict through {@link SmtpListener#certificateValidate}, and
 * keep the result for {@link TlsConnectionInfo} and the rejection for the handshake failure. Engines call
 * {@link #decide} from inside the handshake; a resumed session, which presents no certificate, is decided after it.
 */
final class HandshakeVerdict {

    /** How the chain is judged. */
    enum Mode {
        /** Our validator decides trust, path and identity. */
        FULL,
        /** An application SSLContext decided trust; our validator checks blocked certificates and identity. */
        TRUSTED_BY_CONTEXT,
        /** Validation is switched off; only the listener may reject. */
        OFF
    }

    private final String host;
    private final int port;
    private final List<String> referenceNames;
    private final Mode mode;
    private final ChainValidator validator;
    private final SmtpListener listener;
    private volatile ValidationResult result;
    private volatile CertificateRejectedException rejection;

    HandshakeVerdict(String host, int port, List<String> referenceNames, Mode mode, ChainValidator validator,
            SmtpListener listener) {
        this.host = host;
        this.port = port;
        this.referenceNames = List.copyOf(referenceNames);
        this.mode = mode;
        this.validator = validator;
        this.listener = listener;
    }

    /**
     * Judges {@code chain}; returns whether the handshake may go on. Records the result either way.
     *
     * @param staples the OCSP responses the server stapled, if any
     */
    boolean decide(List<X509Certificate> chain, List<byte[]> staples) {
        ValidationResult judged = switch (mode) {
            case FULL -> validator.validate(chain, referenceNames, staples);
            case TRUSTED_BY_CONTEXT -> validator.validateTrusted(chain, referenceNames);
            case OFF -> ValidationResult.notValidated(chain);
        };
        CertificateValidateEvent event = new CertificateValidateEvent(host, chain, judged);
        boolean accepted = ListenerCalls.deliver(listener::certificateValidate, event) ? event.isAccepted()
                : judged.status().isAccepted();
        result = judged.withListenerDecision(accepted);
        if (!accepted) {
            rejection = CertificateRejection.of(host, port, result);
        } else if (result.warnings().contains(ValidationReason.REVOCATION_UNKNOWN)) {
            ListenerCalls.deliver(listener::notification, new NotificationEvent(NotificationEvent.Kind.REVOCATION_UNKNOWN,
                    "the revocation status of the certificate of " + host + ":" + port + " could not be established; "
                            + "accepted because tls().revocation().softFail is on"));
        }
        return accepted;
    }

    /** Whether {@link #decide} ran: in a full handshake it always does, in a resumed one never. */
    boolean hasDecided() {
        return result != null;
    }

    /** The final result; present once {@link #decide} ran. */
    ValidationResult result() {
        return result;
    }

    /** Why the chain was rejected, if it was. */
    Optional<CertificateRejectedException> rejection() {
        return Optional.ofNullable(rejection);
    }
}
