package io.github.smtpclient.tls.validation;

/**
 * One finding of certificate validation (the reference's ConnInfoChainValidationDetails flags). A result carries a
 * set of them: {@link ValidationResult#reasons()} made the chain invalid, {@link ValidationResult#warnings()} were
 * found but tolerated.
 */
public enum ValidationReason {

    /** A certificate of the path is past its notAfter date. */
    EXPIRED,
    /** A certificate of the path is before its notBefore date. */
    NOT_YET_VALID,
    /** The path ends in an untrusted root, or in a certificate whose issuer is neither presented, known nor trusted. */
    UNKNOWN_CA,
    /** The server's own certificate is self-signed and not trusted. */
    SELF_SIGNED,
    /** The leaf certificate's subjectAltName names neither the host connected to nor the SNI name (RFC 9525). */
    NAME_MISMATCH,
    /** A certificate of the path is revoked (by OCSP or a CRL). */
    REVOKED,
    /** The revocation status of a certificate could not be established, and soft fail is off. */
    REVOCATION_UNKNOWN,
    /** A certificate is signed with a broken algorithm (MD2, MD5, SHA-1) or one the JDK's policy disables. */
    WEAK_ALGORITHM,
    /** A certificate's public key is too short (RSA, DSA or DH under 2048 bits, EC under 256 bits). */
    WEAK_KEY,
    /** A signature in the path does not verify with its issuer's key. */
    BAD_SIGNATURE,
    /** A key usage or extended key usage forbids the certificate's role (a CA without keyCertSign, a leaf without serverAuth). */
    WRONG_KEY_USAGE,
    /** An issuing certificate is not a CA (basicConstraints cA is false or absent). */
    NOT_A_CA,
    /** The path is longer than a CA's pathLenConstraint allows, or longer than the client builds. */
    PATH_TOO_LONG,
    /** A certificate violates the name constraints of a CA above it (RFC 5280 4.2.1.10). */
    NAME_CONSTRAINTS_VIOLATED,
    /** The path does not satisfy the certificate policies its CAs require (RFC 5280 6.1). */
    INVALID_POLICY,
    /** A certificate carries a critical extension the client does not understand. */
    UNRECOGNIZED_CRITICAL_EXTENSION,
    /** RFC 5280 path validation failed for another reason; the log has the validator's message. */
    PKIX_OTHER,
    /** A certificate of the chain is listed in {@code tls().blockedCertificates}. */
    BLOCKED,
    /** The server presented no certificate, or one that cannot be parsed. */
    MALFORMED,
    /** The {@code certificateValidate} listener rejected the chain. */
    REJECTED_BY_LISTENER,
    /** Validation failed with an internal error; the log has the detail. */
    VALIDATION_ERROR
}
