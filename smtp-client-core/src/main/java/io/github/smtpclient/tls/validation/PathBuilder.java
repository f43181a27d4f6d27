package io.github.smtpclient.tls.validation;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;

/**
 * Builds a certification path from the leaf to a trust anchor (RFC 4158, depth first): at each step the issuer is
 * looked for among the trust anchors, then the certificates the server sent (in any order, as TLS 1.3 allows), then
 * the known intermediates. A candidate must carry the issuer's name, agree with the authority key identifier when
 * both identifiers are present, and verify the signature.
 */
final class PathBuilder {

    /** The longest path built, trust anchor included; real chains have 2 to 4 certificates. */
    static final int MAX_LENGTH = 10;

    private final Set<X509Certificate> anchors;
    private final List<X509Certificate> candidates;

    /**
     * @param anchors   the trust anchors
     * @param presented the chain the server sent, leaf first
     * @param known     intermediates the application supplies for servers that send incomplete chains
     */
    PathBuilder(List<X509Certificate> anchors, List<X509Certificate> presented, List<X509Certificate> known) {
        this.anchors = new LinkedHashSet<>(anchors);
        LinkedHashSet<X509Certificate> pool = new LinkedHashSet<>(anchors);
        pool.addAll(presented.subList(1, presented.size()));
        pool.addAll(known);
        this.candidates = List.copyOf(pool);
    }

    /** The path from {@code leaf}; a trusted leaf (a pinned certificate) is a path of its own. */
    CertificationPath build(X509Certificate leaf) {
        Attempt best = new Attempt();
        List<X509Certificate> path = new ArrayList<>();
        path.add(leaf);
        CertificationPath found = extend(path, best);
        return found != null ? found : new CertificationPath(best.path, false, best.badSignature, best.tooLong);
    }

    /** The longest unanchored path seen, kept for the report when no path reaches an anchor. */
    private static final class Attempt {
        List<X509Certificate> path = List.of();
        boolean badSignature;
        boolean tooLong;
    }

    private CertificationPath extend(List<X509Certificate> path, Attempt best) {
        X509Certificate current = path.get(path.size() - 1);
        if (anchors.contains(current)) {
            return new CertificationPath(path, true, false, false);
        }
        if (path.size() >= MAX_LENGTH) {
            remember(path, best, false, true);
            return null;
        }
        boolean nameMatched = false;
        boolean verified = false;
        for (X509Certificate candidate : candidates) {
            if (path.contains(candidate) || !candidate.getSubjectX500Principal().equals(current.getIssuerX500Principal())
                    || !keyIdentifiersAgree(current, candidate)) {
                continue;
            }
            nameMatched = true;
            if (!signedBy(current, candidate)) {
                continue;
            }
            verified = true;
            path.add(candidate);
            CertificationPath found = extend(path, best);
            if (found != null) {
                return found;
            }
            path.remove(path.size() - 1);
        }
        remember(path, best, nameMatched && !verified, false);
        return null;
    }

    private static void remember(List<X509Certificate> path, Attempt best, boolean badSignature, boolean tooLong) {
        if (path.size() > best.path.size() || best.path.isEmpty()) {
            best.path = List.copyOf(path);
            best.badSignature = badSignature;
            best.tooLong = tooLong;
        }
    }

    private static boolean keyIdentifiersAgree(X509Certificate certificate, X509Certificate issuer) {
        byte[] authorityKeyId = authorityKeyIdentifier(certificate);
        byte[] subjectKeyId = subjectKeyIdentifier(issuer);
        return authorityKeyId == null || subjectKeyId == null || Arrays.equals(authorityKeyId, subjectKeyId);
    }

    static boolean signedBy(X509Certificate certificate, X509Certificate issuer) {
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    static boolean isSelfSigned(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())
                && signedBy(certificate, certificate);
    }

    static byte[] subjectKeyIdentifier(X509Certificate certificate) {
        byte[] value = certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        return value == null ? null
                : ASN1OctetString.getInstance(ASN1OctetString.getInstance(value).getOctets()).getOctets();
    }

    static byte[] authorityKeyIdentifier(X509Certificate certificate) {
        byte[] value = certificate.getExtensionValue(Extension.authorityKeyIdentifier.getId());
        return value == null ? null
                : AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(value).getOctets())
                        .getKeyIdentifierOctets();
    }
}
