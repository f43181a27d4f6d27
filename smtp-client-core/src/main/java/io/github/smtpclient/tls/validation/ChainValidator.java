package io.github.smtpclient.tls.validation;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.github.smtpclient.tls.revocation.RevocationAnswer;
import io.github.smtpclient.tls.revocation.RevocationChecker;

/**
 * Judges a server's certificate chain by a {@link ValidationPolicy}, the same way on every TLS engine: it builds a
 * path to a trust anchor (completing an incomplete chain from the known intermediates), runs the RFC 5280 checks,
 * refuses blocked certificates, checks the server's identity per RFC 9525 (subjectAltName only, no common-name
 * fallback), and, as the policy says, whether any certificate of the path is revoked (OCSP, stapled or online, and
 * CRLs). It never throws: every outcome, an internal error included, is a {@link ValidationResult} with a log.
 * Thread-safe.
 */
public final class ChainValidator {

    private final ValidationPolicy policy;

    /** A validator applying {@code policy}. */
    public ChainValidator(ValidationPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * Judges {@code chain}.
     *
     * @param chain          the chain the server presented, leaf first
     * @param referenceNames the names the server must be known by (the host connected to, and the SNI name when it
     *                       differs); the leaf must match one of them
     */
    public ValidationResult validate(List<X509Certificate> chain, List<String> referenceNames) {
        return validate(chain, referenceNames, List.of());
    }

    /**
     * Judges {@code chain}, using the OCSP responses the server stapled to the handshake for its certificate.
     *
     * @param chain          the chain the server presented, leaf first
     * @param referenceNames the names the server must be known by
     * @param staples        DER OCSP responses from the handshake's status_request extension; may be empty
     */
    public ValidationResult validate(List<X509Certificate> chain, List<String> referenceNames, List<byte[]> staples) {
        ValidationLog log = new ValidationLog();
        List<X509Certificate> path = chain;
        try {
            if (chain.isEmpty()) {
                log.fail(ValidationReason.MALFORMED, "chain", null, "the server presented no certificate");
                return log.result(chain);
            }
            log.info("chain", chain.get(0), "the server presented " + chain.size() + " certificate(s)");
            CertificationPath built = new PathBuilder(policy.anchors(), chain, policy.intermediates()).build(chain.get(0));
            path = built.certificates();
            judgeAnchoring(built, log);
            new PathChecks(policy.tolerances(), policy.clock().instant(), log).run(built);
            checkBlocked(chain, path, log);
            checkIdentity(chain.get(0), referenceNames, log);
            checkRevocation(built, staples, log);
            return log.result(path);
        } catch (RuntimeException e) {
            return log.failure(path, e);
        }
    }

    /**
     * Checks only what an application's own trust managers do not: blocked certificates and the server's identity.
     * Used when an application-supplied {@code SSLContext} has already decided the chain is trusted.
     */
    public ValidationResult validateTrusted(List<X509Certificate> chain, List<String> referenceNames) {
        ValidationLog log = new ValidationLog();
        try {
            if (chain.isEmpty()) {
                log.fail(ValidationReason.MALFORMED, "chain", null, "the server presented no certificate");
                return log.result(chain);
            }
            log.info("trust", chain.get(0), "the chain is trusted by the application's SSLContext (tls().sslContext); "
                    + "its trust managers checked path and validity");
            checkBlocked(chain, chain, log);
            checkIdentity(chain.get(0), referenceNames, log);
            return log.result(chain);
        } catch (RuntimeException e) {
            return log.failure(chain, e);
        }
    }

    /** Asks about every certificate of the path but the anchor, once the chain is otherwise acceptable. */
    private void checkRevocation(CertificationPath built, List<byte[]> staples, ValidationLog log) {
        RevocationChecker checker = policy.revocationChecker();
        if (!checker.isEnabled()) {
            return;
        }
        if (log.hasFailed()) {
            log.info("revocation", null, "not checked: the chain is already invalid");
            return;
        }
        List<X509Certificate> path = built.certificates();
        for (int i = 0; i + 1 < path.size(); i++) {
            X509Certificate certificate = path.get(i);
            RevocationAnswer answer = checker.check(certificate, path.get(i + 1), i == 0 ? staples : List.of());
            answer.attempts().forEach(attempt -> log.info("revocation", certificate, attempt));
            switch (answer.status()) {
                case GOOD -> log.pass("revocation", certificate, "not revoked, according to the " + answer.source());
                case REVOKED -> log.fail(ValidationReason.REVOKED, "revocation", certificate, "revoked"
                        + (answer.revokedAt() == null ? "" : " at " + answer.revokedAt())
                        + (answer.reason() == null ? "" : " (" + answer.reason() + ")") + ", according to the "
                        + answer.source());
                case UNKNOWN -> {
                    String message = "the revocation status could not be established ("
                            + policy.revocation().getCheck() + ")";
                    if (checker.isSoftFail()) {
                        log.warn(ValidationReason.REVOCATION_UNKNOWN, "revocation", certificate,
                                message + "; accepted because soft fail is on");
                    } else {
                        log.fail(ValidationReason.REVOCATION_UNKNOWN, "revocation", certificate, message);
                    }
                }
            }
        }
    }

    private static void judgeAnchoring(CertificationPath built, ValidationLog log) {
        X509Certificate top = built.top();
        if (built.anchored()) {
            log.pass("path", top, "a path of " + built.certificates().size() + " certificate(s) reaches this trust anchor");
        } else if (built.tooLong()) {
            log.fail(ValidationReason.PATH_TOO_LONG, "path", top, "no trust anchor within "
                    + PathBuilder.MAX_LENGTH + " certificates");
        } else if (built.badSignature()) {
            log.fail(ValidationReason.BAD_SIGNATURE, "path", top, "a certificate named as its issuer was found, but "
                    + "the signature does not verify with its key");
        } else if (built.certificates().size() == 1 && PathBuilder.isSelfSigned(top)) {
            log.fail(ValidationReason.SELF_SIGNED, "path", top, "the server's certificate is self-signed and not "
                    + "trusted; pin it with tls().setTrustedCertificates(...) if it is the right one");
        } else if (PathBuilder.isSelfSigned(top)) {
            log.fail(ValidationReason.UNKNOWN_CA, "path", top, "the path ends in this root CA, which is not trusted; "
                    + "trust it with tls().setTrustedCertificates(...) if it is the right one");
        } else {
            log.fail(ValidationReason.UNKNOWN_CA, "path", top, "its issuer " + top.getIssuerX500Principal().getName()
                    + " is neither trusted, known, nor sent by the server; trust that CA, or add a missing "
                    + "intermediate with tls().setKnownCertificates(...)");
        }
    }

    private void checkBlocked(List<X509Certificate> chain, List<X509Certificate> path, ValidationLog log) {
        boolean blocked = false;
        for (X509Certificate certificate : union(chain, path)) {
            if (policy.isBlocked(certificate)) {
                blocked = true;
                log.fail(ValidationReason.BLOCKED, "blocked", certificate, "listed in tls().blockedCertificates "
                        + "(SHA-256 " + Fingerprints.sha256(certificate) + ")");
            }
        }
        if (!blocked) {
            log.pass("blocked", null, "no certificate of the chain is blocked");
        }
    }

    private static List<X509Certificate> union(List<X509Certificate> chain, List<X509Certificate> path) {
        LinkedHashSet<X509Certificate> all = new LinkedHashSet<>(chain);
        all.addAll(path);
        return List.copyOf(all);
    }

    private void checkIdentity(X509Certificate leaf, List<String> referenceNames, ValidationLog log) {
        if (!policy.checksIdentity()) {
            log.info("identity", leaf, "the server's name is not checked (tls().verifyHostname=false)");
            return;
        }
        try {
            for (String name : referenceNames) {
                Optional<String> match = ServerIdentity.match(leaf, name);
                if (match.isPresent()) {
                    log.pass("identity", leaf, "'" + name + "' matches the subjectAltName entry '" + match.get() + "'");
                    return;
                }
            }
            List<String> presented = ServerIdentity.presentedIdentifiers(leaf);
            log.fail(ValidationReason.NAME_MISMATCH, "identity", leaf, "not valid for " + referenceNames + ": "
                    + (presented.isEmpty() ? "it has no DNS or IP subjectAltName entries (the common name is not "
                            + "used, RFC 9525)" : "its subjectAltName lists " + presented));
        } catch (CertificateParsingException e) {
            log.fail(ValidationReason.MALFORMED, "identity", leaf, "unreadable subjectAltName: " + e.getMessage());
        }
    }
}
