package io.github.smtpclient.tls.revocation;

import java.io.IOException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;

import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.cert.ocsp.jcajce.JcaCertificateID;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Builds OCSP requests and judges OCSP responses (RFC 6960) with Bouncy Castle: the response must name the
 * certificate, be signed by its issuer or by a responder the issuer delegated to (id-kp-OCSPSigning), be current,
 * and echo the request's nonce if it echoes one.
 */
final class OcspResponses {

    /** Clock difference tolerated between this machine and the responder. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** How old a response without nextUpdate may be. */
    static final Duration MAX_AGE_WITHOUT_NEXT_UPDATE = Duration.ofHours(24);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String[] REASONS = {"unspecified", "keyCompromise", "cACompromise", "affiliationChanged",
            "superseded", "cessationOfOperation", "certificateHold", "unused", "removeFromCRL", "privilegeWithdrawn",
            "aACompromise"};

    private OcspResponses() {
    }

    /** A request for {@code certificate}, with a fresh nonce. */
    static Request request(X509Certificate certificate, X509Certificate issuer, OcspHashAlgorithm hash)
            throws IOException {
        try {
            CertificateID id = new JcaCertificateID(digests().get(new AlgorithmIdentifier(new ASN1ObjectIdentifier(hash.oid()))), issuer,
                    certificate.getSerialNumber());
            byte[] nonce = new byte[16];
            RANDOM.nextBytes(nonce);
            byte[] nonceValue = new DEROctetString(nonce).getEncoded();
            OCSPReqBuilder builder = new OCSPReqBuilder().addRequest(id);
            builder.setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                    new DEROctetString(nonceValue))));
            return new Request(builder.build().getEncoded(), nonceValue);
        } catch (OperatorCreationException | OCSPException | CertificateEncodingException e) {
            throw new IOException("cannot build the OCSP request: " + e.getMessage(), e);
        }
    }

    /** An encoded request and the DER nonce value it carries (a class, not a record: records compare arrays by identity). */
    static final class Request {

        private final byte[] encoded;
        private final byte[] nonce;

        Request(byte[] encoded, byte[] nonce) {
            this.encoded = encoded;
            this.nonce = nonce;
        }

        /** The DER OCSPRequest. */
        byte[] encoded() {
            return encoded;
        }

        /** The DER OCTET STRING the nonce extension holds. */
        byte[] nonce() {
            return nonce;
        }
    }

    /**
     * Judges {@code response} for {@code certificate}.
     *
     * @param nonce the nonce sent, or {@code null} for a stapled or supplied response
     */
    static SourceAnswer judge(byte[] response, X509Certificate certificate, X509Certificate issuer, Instant now,
            byte[] nonce) {
        try {
            OCSPResp parsed = new OCSPResp(response);
            if (parsed.getStatus() != OCSPResp.SUCCESSFUL) {
                return SourceAnswer.none("the responder answered with status " + parsed.getStatus()
                        + " instead of a response (1 malformed request, 2 internal error, 3 try later, 6 unauthorized)");
            }
            BasicOCSPResp basic = (BasicOCSPResp) parsed.getResponseObject();
            SingleResp single = find(basic, certificate, issuer);
            if (single == null) {
                return SourceAnswer.none("the response does not name this certificate");
            }
            String signer = signer(basic, issuer, now);
            if (signer == null) {
                return SourceAnswer.none("the response's signature does not verify with the issuer's key or with a "
                        + "current responder certificate the issuer delegated OCSP signing to");
            }
            if (nonce != null && !nonceMatches(basic, nonce)) {
                return SourceAnswer.none("the response echoes a different nonce (a replayed response)");
            }
            return status(single, now, signer);
        } catch (IOException | OCSPException | CertificateEncodingException | OperatorCreationException
                | RuntimeException e) {
            return SourceAnswer.none("the response cannot be read: " + e.getMessage());
        }
    }

    private static SingleResp find(BasicOCSPResp basic, X509Certificate certificate, X509Certificate issuer)
            throws CertificateEncodingException, OCSPException, OperatorCreationException {
        X509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer);
        DigestCalculatorProvider digests = digests();
        for (SingleResp single : basic.getResponses()) {
            CertificateID id = single.getCertID();
            if (id.getSerialNumber().equals(certificate.getSerialNumber()) && id.matchesIssuer(issuerHolder, digests)) {
                return single;
            }
        }
        return null;
    }

    /** Who signed the response ("the issuer" or the responder's subject), or {@code null} if nobody acceptable did. */
    private static String signer(BasicOCSPResp basic, X509Certificate issuer, Instant now)
            throws OperatorCreationException, OCSPException {
        JcaContentVerifierProviderBuilder verifiers = new JcaContentVerifierProviderBuilder();
        if (basic.isSignatureValid(verifiers.build(issuer.getPublicKey()))) {
            return "the issuer";
        }
        X500Name issuerName = X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
        for (X509CertificateHolder responder : basic.getCerts()) {
            try {
                if (responder.getIssuer().equals(issuerName)
                        && responder.isSignatureValid(verifiers.build(issuer.getPublicKey()))
                        && responder.isValidOn(Date.from(now)) && delegatedForOcsp(responder)
                        && basic.isSignatureValid(verifiers.build(responder))) {
                    return "the delegated responder " + responder.getSubject();
                }
            } catch (CertException | CertificateException e) {
                // Not the responder: try the next certificate.
            }
        }
        return null;
    }

    private static boolean delegatedForOcsp(X509CertificateHolder responder) {
        ExtendedKeyUsage usage = ExtendedKeyUsage.fromExtensions(responder.getExtensions());
        return usage != null && usage.hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning);
    }

    private static boolean nonceMatches(BasicOCSPResp basic, byte[] nonce) {
        Extension echoed = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        // RFC 8954: a responder may ignore the nonce (pre-produced responses); one it echoes must be ours.
        return echoed == null || Arrays.equals(echoed.getExtnValue().getOctets(), nonce);
    }

    private static SourceAnswer status(SingleResp single, Instant now, String signer) {
        Instant thisUpdate = single.getThisUpdate().toInstant();
        Instant nextUpdate = single.getNextUpdate() == null ? null : single.getNextUpdate().toInstant();
        if (thisUpdate.isAfter(now.plus(CLOCK_SKEW))) {
            return SourceAnswer.none("the response's thisUpdate " + thisUpdate + " lies in the future");
        }
        if (nextUpdate != null && nextUpdate.isBefore(now.minus(CLOCK_SKEW))) {
            return SourceAnswer.none("the response is out of date: its nextUpdate was " + nextUpdate);
        }
        if (nextUpdate == null && thisUpdate.isBefore(now.minus(MAX_AGE_WITHOUT_NEXT_UPDATE))) {
            return SourceAnswer.none("the response has no nextUpdate and is older than " + MAX_AGE_WITHOUT_NEXT_UPDATE);
        }
        CertificateStatus status = single.getCertStatus();
        String signed = " (signed by " + signer + ", thisUpdate " + thisUpdate
                + (nextUpdate == null ? ", no nextUpdate" : ", nextUpdate " + nextUpdate) + ")";
        if (status == CertificateStatus.GOOD) {
            return new SourceAnswer(RevocationAnswer.Status.GOOD, "good" + signed, null, null, nextUpdate);
        }
        if (status instanceof RevokedStatus revoked) {
            String reason = revoked.hasRevocationReason() ? reasonName(revoked.getRevocationReason()) : null;
            Instant at = revoked.getRevocationTime().toInstant();
            return new SourceAnswer(RevocationAnswer.Status.REVOKED, "revoked at " + at
                    + (reason == null ? "" : " (" + reason + ")") + signed, at, reason, nextUpdate);
        }
        return SourceAnswer.none((status instanceof UnknownStatus ? "the responder does not know this certificate"
                : "an unexpected status") + signed);
    }

    static String reasonName(int reason) {
        return reason >= 0 && reason < REASONS.length ? REASONS[reason] : CRLReason.lookup(reason).toString();
    }

    private static DigestCalculatorProvider digests() throws OperatorCreationException {
        return new JcaDigestCalculatorProviderBuilder().build();
    }
}
