package io.github.smtpclient.tls.validation;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A path from the server's leaf towards a trust anchor, as {@link PathBuilder} found it.
 *
 * @param certificates   leaf first; the last one is the trust anchor when {@code anchored}
 * @param anchored       whether the path reaches a trust anchor
 * @param badSignature   whether the top certificate's issuer was found by name but its signature did not verify
 * @param tooLong        whether building stopped at the maximum length
 */
record CertificationPath(List<X509Certificate> certificates, boolean anchored, boolean badSignature, boolean tooLong) {

    CertificationPath {
        certificates = List.copyOf(certificates);
    }

    X509Certificate top() {
        return certificates.get(certificates.size() - 1);
    }

    /** Whether {@code index} is the trust anchor. */
    boolean isAnchor(int index) {
        return anchored && index == certificates.size() - 1;
    }
}
