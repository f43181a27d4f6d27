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

    private final ASN1ObjectIdentifier oid;

    OcspHashAlgorithm(ASN1ObjectIdentifier oid) {
        this.oid = oid;
    }

    /** The algorithm's OID. */
    public ASN1ObjectIdentifier oid() {
        return oid;
    }
}
