package io.github.smtpclient.tls.validation;

/**
 * A minor chain issue that validation may be told to tolerate (the reference's TolerateMinorChainIssues, as named
 * choices instead of one switch). Each tolerance that is used is recorded in the validation log as a warning.
 */
public enum ChainTolerance {

    /**
     * A trust anchor (a certificate in {@code tls().trustedCertificates} or the system store) that is outside its
     * validity period is still accepted. RFC 5280 treats a trust anchor as input and does not check its dates; by
     * default smtp-client does.
     */
    EXPIRED_TRUSTED_ROOT,

    /**
     * A trust anchor without the CA marks (basicConstraints cA, keyUsage keyCertSign) is still accepted as the
     * issuer of the certificate below it; typical of old self-made roots.
     */
    TRUSTED_ROOT_WITHOUT_CA_FLAGS,

    /**
     * A leaf whose extended key usage lists purposes but not serverAuth (1.3.6.1.5.5.7.3.1) is still accepted; such
     * certificates were issued for other purposes, so accept this only for servers you know.
     */
    LEAF_WITHOUT_SERVER_AUTH
}
