package io.github.smtpclient.tls.validation;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The RFC 5280 checks of a built path, each recorded in the log: validity, signature strength, key sizes, the CA
 * marks and key usages, path length and critical extensions, and finally the JDK's PKIX validator for what
 * remains (name constraints, policies, algorithm constraints).
 */
final class PathChecks {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";
    private static final int KEY_USAGE_DIGITAL_SIGNATURE = 0;
    private static final int KEY_USAGE_KEY_ENCIPHERMENT = 2;
    private static final int KEY_USAGE_KEY_AGREEMENT = 4;
    private static final int KEY_USAGE_KEY_CERT_SIGN = 5;
    /** Extensions these checks, the identity check or the JDK's PKIX validator process. */
    private static final Set<String> PROCESSED_EXTENSIONS = Set.of("2.5.29.15", "2.5.29.17", "2.5.29.19",
            "2.5.29.30", "2.5.29.32", "2.5.29.33", "2.5.29.36", "2.5.29.37", "2.5.29.54");

    private final Set<ChainTolerance> tolerances;
    private final Instant now;
    private final ValidationLog log;

    PathChecks(Set<ChainTolerance> tolerances, Instant now, ValidationLog log) {
        this.tolerances = tolerances;
        this.now = now;
        this.log = log;
    }

    void run(CertificationPath path) {
        List<X509Certificate> certificates = path.certificates();
        for (int i = 0; i < certificates.size(); i++) {
            X509Certificate certificate = certificates.get(i);
            boolean anchor = path.isAnchor(i);
            checkValidity(certificate, anchor);
            checkKey(certificate);
            if (!anchor) {
                checkSignatureAlgorithm(certificate);
                checkCriticalExtensions(certificate);
            }
            if (i == 0) {
                checkLeafUsage(certificate);
            } else {
                checkIssuer(certificate, anchor, nonSelfIssuedBelow(certificates, i));
            }
        }
        if (!log.hasFailed() && path.anchored() && certificates.size() > 1) {
            runJdkValidator(certificates);
        }
    }

    private void checkValidity(X509Certificate certificate, boolean anchor) {
        try {
            certificate.checkValidity(Date.from(now));
            log.pass("validity", certificate, "valid from " + certificate.getNotBefore().toInstant() + " to "
                    + certificate.getNotAfter().toInstant());
        } catch (CertificateExpiredException e) {
            outOfValidity(certificate, anchor, ValidationReason.EXPIRED,
                    "expired at " + certificate.getNotAfter().toInstant() + " (now " + now + ")");
        } catch (CertificateNotYetValidException e) {
            outOfValidity(certificate, anchor, ValidationReason.NOT_YET_VALID,
                    "not valid before " + certificate.getNotBefore().toInstant() + " (now " + now + ")");
        }
    }

    private void outOfValidity(X509Certificate certificate, boolean anchor, ValidationReason reason, String message) {
        if (anchor && tolerances.contains(ChainTolerance.EXPIRED_TRUSTED_ROOT)) {
            log.warn(reason, "validity", certificate, message + "; tolerated for a trust anchor (EXPIRED_TRUSTED_ROOT)");
        } else {
            log.fail(reason, "validity", certificate, message);
        }
    }

    private void checkKey(X509Certificate certificate) {
        String algorithm = certificate.getPublicKey().getAlgorithm();
        String bits = KeySizes.bitsOf(certificate.getPublicKey()).stream().mapToObj(Integer::toString).findFirst()
                .orElse("unknown");
        if (KeySizes.isWeak(certificate.getPublicKey())) {
            log.fail(ValidationReason.WEAK_KEY, "key", certificate, algorithm + " key of " + bits
                    + " bits is too short (at least 2048 bits for RSA, DSA and DH, 256 for EC)");
        } else {
            log.pass("key", certificate, algorithm + " key of " + bits + " bits");
        }
    }

    private void checkSignatureAlgorithm(X509Certificate certificate) {
        String name = certificate.getSigAlgName().toUpperCase(Locale.ROOT);
        if (name.contains("MD2") || name.contains("MD5") || name.contains("SHA1") || name.equals("SHA-1")) {
            log.fail(ValidationReason.WEAK_ALGORITHM, "signature", certificate,
                    "signed with " + certificate.getSigAlgName() + ", which is broken");
        } else {
            log.pass("signature", certificate, "signed with " + certificate.getSigAlgName());
        }
    }

    private void checkCriticalExtensions(X509Certificate certificate) {
        Set<String> critical = certificate.getCriticalExtensionOIDs() == null ? Set.of()
                : new HashSet<>(certificate.getCriticalExtensionOIDs());
        critical.removeAll(PROCESSED_EXTENSIONS);
        if (!critical.isEmpty()) {
            log.fail(ValidationReason.UNRECOGNIZED_CRITICAL_EXTENSION, "extensions", certificate,
                    "critical extensions the client does not understand: " + critical);
        }
    }

    private void checkLeafUsage(X509Certificate leaf) {
        boolean usable = true;
        boolean[] keyUsage = leaf.getKeyUsage();
        if (keyUsage != null && !bit(keyUsage, KEY_USAGE_DIGITAL_SIGNATURE) && !bit(keyUsage, KEY_USAGE_KEY_ENCIPHERMENT)
                && !bit(keyUsage, KEY_USAGE_KEY_AGREEMENT)) {
            usable = false;
            log.fail(ValidationReason.WRONG_KEY_USAGE, "key usage", leaf,
                    "the key usage allows neither digitalSignature, keyEncipherment nor keyAgreement");
        }
        List<String> extendedKeyUsage;
        try {
            extendedKeyUsage = leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            log.fail(ValidationReason.MALFORMED, "key usage", leaf, "unreadable extended key usage: " + e.getMessage());
            return;
        }
        if (extendedKeyUsage != null && !extendedKeyUsage.contains(SERVER_AUTH)
                && !extendedKeyUsage.contains(ANY_EXTENDED_KEY_USAGE)) {
            String message = "the extended key usage " + extendedKeyUsage + " lacks serverAuth";
            if (tolerances.contains(ChainTolerance.LEAF_WITHOUT_SERVER_AUTH)) {
                log.warn(ValidationReason.WRONG_KEY_USAGE, "key usage", leaf,
                        message + "; tolerated (LEAF_WITHOUT_SERVER_AUTH)");
            } else {
                usable = false;
                log.fail(ValidationReason.WRONG_KEY_USAGE, "key usage", leaf, message);
            }
        }
        if (usable) {
            log.pass("key usage", leaf, "usable by a TLS server");
        }
    }

    private void checkIssuer(X509Certificate issuer, boolean anchor, int nonSelfIssuedBelow) {
        boolean[] keyUsage = issuer.getKeyUsage();
        boolean isCa = issuer.getBasicConstraints() >= 0;
        boolean mayCertify = keyUsage == null || bit(keyUsage, KEY_USAGE_KEY_CERT_SIGN);
        if (!isCa || !mayCertify) {
            ValidationReason reason = isCa ? ValidationReason.WRONG_KEY_USAGE : ValidationReason.NOT_A_CA;
            String message = isCa ? "issues certificates but its key usage lacks keyCertSign"
                    : "issues certificates but is not a CA (basicConstraints cA is absent or false)";
            if (anchor && tolerances.contains(ChainTolerance.TRUSTED_ROOT_WITHOUT_CA_FLAGS)) {
                log.warn(reason, "CA", issuer, message + "; tolerated for a trust anchor (TRUSTED_ROOT_WITHOUT_CA_FLAGS)");
            } else {
                log.fail(reason, "CA", issuer, message);
            }
            return;
        }
        int pathLength = issuer.getBasicConstraints();
        if (pathLength != Integer.MAX_VALUE && nonSelfIssuedBelow > pathLength) {
            log.fail(ValidationReason.PATH_TOO_LONG, "CA", issuer, "its pathLenConstraint " + pathLength + " allows "
                    + pathLength + " intermediate CA(s) below it, the path has " + nonSelfIssuedBelow);
            return;
        }
        log.pass("CA", issuer, anchor ? "trust anchor" : "a CA");
    }

    /** Non-self-issued intermediates strictly between the issuer at {@code index} and the leaf (RFC 5280 6.1.4 (l)). */
    private static int nonSelfIssuedBelow(List<X509Certificate> certificates, int index) {
        int count = 0;
        for (int i = 1; i < index; i++) {
            X509Certificate certificate = certificates.get(i);
            if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                count++;
            }
        }
        return count;
    }

    private void runJdkValidator(List<X509Certificate> certificates) {
        X509Certificate anchor = certificates.get(certificates.size() - 1);
        try {
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509")
                    .generateCertPath(certificates.subList(0, certificates.size() - 1)), parameters);
            log.pass("RFC 5280", null, "the JDK's PKIX validator accepts the path (name constraints, policies, "
                    + "algorithm constraints)");
        } catch (CertPathValidatorException e) {
            X509Certificate concerned = e.getIndex() >= 0 && e.getIndex() < certificates.size()
                    ? certificates.get(e.getIndex()) : null;
            log.fail(reasonOf(e.getReason()), "RFC 5280", concerned, "the JDK's PKIX validator refuses the path: "
                    + e.getMessage());
        } catch (GeneralSecurityException e) {
            log.fail(ValidationReason.VALIDATION_ERROR, "RFC 5280", null, "the JDK's PKIX validator cannot run: " + e);
        }
    }

    private static ValidationReason reasonOf(CertPathValidatorException.Reason reason) {
        if (reason == CertPathValidatorException.BasicReason.EXPIRED) {
            return ValidationReason.EXPIRED;
        } else if (reason == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
            return ValidationReason.NOT_YET_VALID;
        } else if (reason == CertPathValidatorException.BasicReason.INVALID_SIGNATURE) {
            return ValidationReason.BAD_SIGNATURE;
        } else if (reason == CertPathValidatorException.BasicReason.ALGORITHM_CONSTRAINED) {
            return ValidationReason.WEAK_ALGORITHM;
        } else if (reason == PKIXReason.INVALID_KEY_USAGE) {
            return ValidationReason.WRONG_KEY_USAGE;
        } else if (reason == PKIXReason.INVALID_NAME) {
            return ValidationReason.NAME_CONSTRAINTS_VIOLATED;
        } else if (reason == PKIXReason.INVALID_POLICY) {
            return ValidationReason.INVALID_POLICY;
        } else if (reason == PKIXReason.NOT_CA_CERT) {
            return ValidationReason.NOT_A_CA;
        } else if (reason == PKIXReason.PATH_TOO_LONG) {
            return ValidationReason.PATH_TOO_LONG;
        } else if (reason == PKIXReason.UNRECOGNIZED_CRIT_EXT) {
            return ValidationReason.UNRECOGNIZED_CRITICAL_EXTENSION;
        } else if (reason == PKIXReason.NO_TRUST_ANCHOR || reason == PKIXReason.NAME_CHAINING) {
            return ValidationReason.UNKNOWN_CA;
        }
        return ValidationReason.PKIX_OTHER;
    }

    private static boolean bit(boolean[] bits, int index) {
        return index < bits.length && bits[index];
    }
}
