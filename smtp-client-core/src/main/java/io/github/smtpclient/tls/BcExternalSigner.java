package io.github.smtpclient.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.SignatureScheme;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.CryptoHashAlgorithm;
import org.bouncycastle.tls.crypto.TlsStreamSigner;

/**
 * The Bouncy Castle engine's signer for a key whose bytes it cannot use: an {@link ExternalSigner} the user gave, or a
 * key held in a token (PKCS#11), signed through the JCA provider that holds it. In {@link ExternalSignRequest.Input#DATA}
 * mode it hands Bouncy Castle a stream signer, so the signer receives the data; otherwise Bouncy Castle hashes and the
 * signer receives the digest.
 */
final class BcExternalSigner implements TlsCredentialedSigner {

    private final Certificate certificate;
    private final SignatureAndHashAlgorithm scheme;
    private final String publicKeyAlgorithm;
    private final ExternalSigner signer;
    private final ExternalSignRequest.Input input;
    private final ExternalSignOptions options;

    BcExternalSigner(Certificate certificate, SignatureAndHashAlgorithm scheme, String publicKeyAlgorithm,
            ExternalSigner signer, ExternalSignRequest.Input input, ExternalSignOptions options) {
        this.certificate = certificate;
        this.options = options;
        this.scheme = scheme;
        this.publicKeyAlgorithm = publicKeyAlgorithm;
        this.signer = signer;
        this.input = input;
    }

    /** Signs with a key the JVM holds but cannot export (a PKCS#11 token's), by the JCA provider that accepts it. */
    static ExternalSigner jca(PrivateKey key) {
        return request -> {
            try {
                Signature signature = Signature.getInstance(request.jcaAlgorithm());
                signature.initSign(key);
                if (request.pssParameters() != null) {
                    signature.setParameter(request.pssParameters());
                }
                signature.update(request.data());
                return signature.sign();
            } catch (GeneralSecurityException e) {
                throw new IOException("the " + key.getAlgorithm() + " key of tls().clientCertificate cannot make a "
                        + request.jcaAlgorithm() + " signature: " + e.getMessage(), e);
            }
        };
    }

    @Override
    public Certificate getCertificate() {
        return certificate;
    }

    @Override
    public SignatureAndHashAlgorithm getSignatureAndHashAlgorithm() {
        return scheme;
    }

    @Override
    public byte[] generateRawSignature(byte[] hash) throws IOException {
        if (input != ExternalSignRequest.Input.DIGEST || scheme == null) {
            throw new TlsFatalAlert(AlertDescription.internal_error, "an external signer needs TLS 1.2 or later");
        }
        return sign(hash);
    }

    @Override
    public TlsStreamSigner getStreamSigner() {
        if (input != ExternalSignRequest.Input.DATA) {
            return null;
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        return new TlsStreamSigner() {
            @Override
            public OutputStream getOutputStream() {
                return data;
            }

            @Override
            public byte[] getSignature() throws IOException {
                return sign(data.toByteArray());
            }
        };
    }

    private byte[] sign(byte[] bytes) throws IOException {
        int code = SignatureScheme.from(scheme);
        ExternalSignRequest request = new ExternalSignRequest(SignatureScheme.getName(code), hashName(SignatureScheme.getCryptoHashAlgorithm(code)),
                publicKeyAlgorithm, input, bytes, options);
        byte[] signature = signer.sign(request);
        if (signature == null || signature.length == 0) {
            throw new TlsFatalAlert(AlertDescription.internal_error, "the external signer of tls().clientCertificate"
                    + " returned no signature for " + request);
        }
        return signature;
    }

    /** The JCA hash name, or {@code null} for the schemes that hash inside the signature (EdDSA). */
    static String hashName(int cryptoHash) {
        return switch (cryptoHash) {
            case CryptoHashAlgorithm.sha256 -> "SHA-256";
            case CryptoHashAlgorithm.sha384 -> "SHA-384";
            case CryptoHashAlgorithm.sha512 -> "SHA-512";
            default -> null;
        };
    }
}
