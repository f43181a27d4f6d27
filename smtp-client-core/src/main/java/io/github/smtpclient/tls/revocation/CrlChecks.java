package io.github.smtpclient.tls.revocation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CRLReason;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Locale;

/**
 * Judges a CRL for one certificate (RFC 5280 6.3, for the common case of a full CRL issued by the certificate's
 * own issuer): the issuer's name and signature, the issuer's cRLSign key usage, the CRL being current, no critical
 * extension the JDK does not understand, then whether the serial number is listed.
 */
final class CrlChecks {

    private static final int KEY_USAGE_CRL_SIGN = 6;

    private CrlChecks() {
    }

    static X509CRL parse(byte[] encoded) throws IOException {
        try {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(encoded));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IOException("not a CRL: " + e.getMessage(), e);
        }
    }

    /** Whether {@code crl} was issued by {@code issuer}, by name and signature. */
    static boolean isIssuedBy(X509CRL crl, X509Certificate issuer) {
        if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            crl.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    static SourceAnswer judge(X509CRL crl, X509Certificate certificate, X509Certificate issuer, Instant now) {
        if (!isIssuedBy(crl, issuer)) {
            return SourceAnswer.none("the CRL is not signed by the certificate's issuer");
        }
        boolean[] keyUsage = issuer.getKeyUsage();
        if (keyUsage != null && (keyUsage.length <= KEY_USAGE_CRL_SIGN || !keyUsage[KEY_USAGE_CRL_SIGN])) {
            return SourceAnswer.none("the issuer's key usage does not allow it to sign CRLs (no cRLSign)");
        }
        if (crl.hasUnsupportedCriticalExtension()) {
            return SourceAnswer.none("the CRL has critical extensions that are not supported (delta or indirect CRLs): "
                    + crl.getCriticalExtensionOIDs());
        }
        Instant thisUpdate = crl.getThisUpdate().toInstant();
        Instant nextUpdate = crl.getNextUpdate() == null ? null : crl.getNextUpdate().toInstant();
        if (thisUpdate.isAfter(now.plus(OcspResponses.CLOCK_SKEW))) {
            return SourceAnswer.none("the CRL's thisUpdate " + thisUpdate + " lies in the future");
        }
        if (nextUpdate != null && nextUpdate.isBefore(now.minus(OcspResponses.CLOCK_SKEW))) {
            return SourceAnswer.none("the CRL is out of date: its nextUpdate was " + nextUpdate);
        }
        String issued = " (CRL of " + crl.getIssuerX500Principal().getName() + ", thisUpdate " + thisUpdate
                + (nextUpdate == null ? "" : ", nextUpdate " + nextUpdate) + ")";
        X509CRLEntry entry = crl.getRevokedCertificate(certificate);
        if (entry == null || entry.getRevocationReason() == CRLReason.REMOVE_FROM_CRL) {
            return new SourceAnswer(RevocationAnswer.Status.GOOD, "not listed" + issued, null, null, nextUpdate);
        }
        Instant at = entry.getRevocationDate().toInstant();
        String reason = entry.getRevocationReason() == null ? null : camelCase(entry.getRevocationReason());
        return new SourceAnswer(RevocationAnswer.Status.REVOKED, "listed as revoked at " + at
                + (reason == null ? "" : " (" + reason + ")") + issued, at, reason, nextUpdate);
    }

    /** {@code KEY_COMPROMISE} as RFC 5280 spells it: {@code keyCompromise}. */
    private static String camelCase(CRLReason reason) {
        String[] words = reason.name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder name = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return name.toString().replace("caCompromise", "cACompromise").replace("aaCompromise", "aACompromise");
    }
}
