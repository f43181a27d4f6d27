package io.github.smtpclient.tls.revocation;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;

/**
 * The hash that identifies a certificate in an OCSP request's CertID (the reference's OCSPHashAlgorithm). SHA-1 is
 * what RFC 5019 responders are required to support and what most public responders expect; it is used here only
 * to name the issuer, not to sign anything.
 */
public enum OcspHashAlgorithm {

    /** SHA-1 (the default, RFC 5019). */
    SHA1(OIWObjectIdentifiers.idSHA1),
    /** SHA-256. */
    SHA256(NISTObjectIdentifiers.id_sha256),
    /** SHA-384. */
    SHA384(NISTObjectIdentifiers.id_sha384),
    /** SHA-512. */
    SHA512(NISTObjectIdentifiers.id_sha512);

    /** Dotted, not Bouncy Castle's mutable-looking OID type: an enum's state is immutable, and no BC type is API. */
    private final String oid;

    OcspHashAlgorithm(ASN1ObjectIdentifier oid) {
        this.oid = oid.getId();
    }

    /** The algorithm's OID in dotted form, such as {@code "1.3.14.3.2.26"} for SHA-1. */
    public String oid() {
        return oid;
    }
}
