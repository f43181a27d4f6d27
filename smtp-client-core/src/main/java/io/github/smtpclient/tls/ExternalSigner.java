package io.github.smtpclient.tls;

import java.io.IOException;

/**
 * Signs for a client key that the JVM does not hold (the reference's ExternalSign event): a KMS, a remote signing
 * service, an HSM reached by its own API. Called during the TLS handshake, on the connecting thread, once per
 * CertificateVerify (and once more for the key integrity probe, see
 * {@link TlsSettings#setCheckKeyIntegrityBeforeUse}); the handshake waits for the answer. Set it with
 * {@link ClientCertificate#external}. Used by the Bouncy Castle engine only.
 */
@FunctionalInterface
public interface ExternalSigner {

    /**
     * The signature over what {@code request} gives, in the encoding TLS sends: PKCS#1 v1.5 or RSASSA-PSS bytes
     * for RSA, a DER {@code SEQUENCE { r, s }} for ECDSA, the 64 bytes of Ed25519.
     *
     * @throws IOException if the signer cannot sign; the handshake fails with it as the cause
     */
    byte[] sign(ExternalSignRequest request) throws IOException;
}
