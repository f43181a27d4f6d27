package io.github.smtpclient.tls.revocation;

/**
 * Which sources answer whether a certificate is revoked (the reference's TLSRevocationCheck). Every certificate of
 * the path except the trust anchor is checked; the first definite answer (good or revoked) counts. Stapled and
 * caller-supplied answers and cached ones cost nothing; each online source costs one HTTP exchange per certificate
 * (OCSP) or per distinct CRL (until its nextUpdate, since responses are cached). Whether "no answer" fails the
 * connection is {@link RevocationSettings#setSoftFail(boolean)}.
 */
public enum RevocationCheck {

    /** No revocation check (the default): a revoked certificate is accepted. */
    NONE,

    /** OCSP only: a stapled response, a known response, a cached one, then the responders named in the certificate's authorityInfoAccess. */
    OCSP,

    /** CRLs only: the known CRLs, cached ones, then those at the certificate's CRL distribution points. */
    CRL,

    /** OCSP as {@link #OCSP}; when it gives no definite answer (unknown status, unreachable, no responder), CRLs as {@link #CRL}. */
    OCSP_THEN_CRL,

    /**
     * Any source, cheapest first: stapled and known OCSP responses, known CRLs, cached answers, then the OCSP
     * responders, then the CRL distribution points.
     */
    ANY
}
