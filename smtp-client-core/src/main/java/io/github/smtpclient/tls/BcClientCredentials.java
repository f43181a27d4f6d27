package io.github.smtpclient.tls;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Vector;

import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.Ed448PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed448PublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateEntry;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.SignatureScheme;
import org.bouncycastle.tls.TlsClientContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The Bouncy Castle engine's answer to a CertificateRequest: the {@link ClientCertificate} as a signer, with the first
 * signature scheme in the server's list that fits the key (TLS 1.3: RSA-PSS for RSA, the curve's own hash for ECDSA).
 * A key whose bytes Bouncy Castle can read signs in Bouncy Castle; a token's key (PKCS#11) and an external signer sign
 * through {@link BcExternalSigner}.
 */
final class BcClientCredentials {

    private BcClientCredentials() {
    }

    /**
     * The signer, or {@code null} when the server accepts no scheme this key can make (then none is sent).
     *
     * @throws NoAllowedHash when it accepts some, but none with a hash the external signer's options allow
     */
    static TlsCredentialedSigner signer(TlsClientContext context, BcTlsCrypto crypto, ClientCertificate own,
            CertificateRequest request) throws IOException {
        boolean tls13 = TlsUtils.isTLSv13(context);
        boolean held = own.privateKey() != null && own.privateKey().getEncoded() != null;
        AsymmetricKeyParameter key = held ? PrivateKeyFactory.createKey(own.privateKey().getEncoded())
                : PublicKeyFactory.createKey(own.leaf().getPublicKey().getEncoded());
        boolean digestsOnly = own.externalInput() == ExternalSignRequest.Input.DIGEST;
        Vector<?> offered = request.getSupportedSignatureAlgorithms();
        ExternalSignOptions options = own.externalOptions();
        SignatureAndHashAlgorithm scheme = scheme(key, tls13, digestsOnly, offered, options.hashAlgorithms());
        if (scheme == null && offered != null) {
            Set<String> fitting = hashesFitting(key, tls13, digestsOnly, offered);
            if (!fitting.isEmpty()) {
                throw new NoAllowedHash(options.hashAlgorithms(), fitting);
            }
            return null;
        }
        if (!held) {
            ExternalSigner signer = own.externalSigner() != null ? own.externalSigner()
                    : BcExternalSigner.jca(own.privateKey());
            ExternalSignRequest.Input input = own.externalSigner() != null ? own.externalInput()
                    : ExternalSignRequest.Input.DATA;
            return new BcExternalSigner(certificate(crypto, own.chain(), tls13 ? request.getCertificateRequestContext()
                    : null), scheme, own.keyAlgorithm(), signer, input, own.externalOptions());
        }
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, key,
                certificate(crypto, own.chain(), tls13 ? request.getCertificateRequestContext() : null), scheme);
    }

    /**
     * The first offered scheme the key can make with an allowed hash (any when {@code allowedHashes} is empty; EdDSA,
     * whose hash the key fixes, always), or {@code null}.
     */
    private static SignatureAndHashAlgorithm scheme(AsymmetricKeyParameter key, boolean tls13, boolean digestsOnly,
            Vector<?> offered, Set<String> allowedHashes) {
        if (offered == null) {
            return null;
        }
        for (Object element : offered) {
            SignatureAndHashAlgorithm candidate = (SignatureAndHashAlgorithm) element;
            String hash = hashName(candidate);
            boolean allowed = allowedHashes.isEmpty() || edDsa(candidate)
                    || (hash != null && allowedHashes.contains(hash));
            if (allowed && makes(key, tls13, digestsOnly, candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** The hashes of the offered schemes the key can make, for the refusal to name. */
    private static Set<String> hashesFitting(AsymmetricKeyParameter key, boolean tls13, boolean digestsOnly,
            Vector<?> offered) {
        Set<String> hashes = new TreeSet<>();
        for (Object element : offered) {
            SignatureAndHashAlgorithm candidate = (SignatureAndHashAlgorithm) element;
            if (makes(key, tls13, digestsOnly, candidate) && !edDsa(candidate) && hashName(candidate) != null) {
                hashes.add(hashName(candidate));
            }
        }
        return hashes;
    }

    private static boolean makes(AsymmetricKeyParameter key, boolean tls13, boolean digestsOnly,
            SignatureAndHashAlgorithm candidate) {
        // A signer given digests cannot make EdDSA signatures, which hash inside.
        return !(digestsOnly && edDsa(candidate)) && fits(key, tls13, candidate.getSignature(), candidate.getHash());
    }

    private static boolean edDsa(SignatureAndHashAlgorithm scheme) {
        return scheme.getSignature() == SignatureAlgorithm.ed25519 || scheme.getSignature() == SignatureAlgorithm.ed448;
    }

    private static String hashName(SignatureAndHashAlgorithm scheme) {
        return BcExternalSigner.hashName(SignatureScheme.getCryptoHashAlgorithm(SignatureScheme.from(scheme)));
    }

    private static boolean fits(AsymmetricKeyParameter key, boolean tls13, short signature, short hash) {
        if (key instanceof RSAKeyParameters) {
            return signature == SignatureAlgorithm.rsa_pss_rsae_sha256 || signature == SignatureAlgorithm.rsa_pss_rsae_sha384
                    || signature == SignatureAlgorithm.rsa_pss_rsae_sha512
                    || (!tls13 && signature == SignatureAlgorithm.rsa && hash != HashAlgorithm.sha1);
        }
        if (key instanceof ECKeyParameters ec) {
            return signature == SignatureAlgorithm.ecdsa && (!tls13 || hash == hashOfCurve(ec));
        }
        if (key instanceof Ed25519PrivateKeyParameters || key instanceof Ed25519PublicKeyParameters) {
            return signature == SignatureAlgorithm.ed25519;
        }
        return (key instanceof Ed448PrivateKeyParameters || key instanceof Ed448PublicKeyParameters)
                && signature == SignatureAlgorithm.ed448;
    }

    /** TLS 1.3 pairs each curve with one hash: secp256r1 with SHA-256, secp384r1 with SHA-384, secp521r1 with SHA-512. */
    private static short hashOfCurve(ECKeyParameters key) {
        int bits = key.getParameters().getCurve().getFieldSize();
        return bits <= 256 ? HashAlgorithm.sha256 : bits <= 384 ? HashAlgorithm.sha384 : HashAlgorithm.sha512;
    }

    private static Certificate certificate(BcTlsCrypto crypto, List<X509Certificate> chain, byte[] requestContext)
            throws IOException {
        TlsCertificate[] certificates = new TlsCertificate[chain.size()];
        try {
            for (int i = 0; i < certificates.length; i++) {
                certificates[i] = crypto.createCertificate(chain.get(i).getEncoded());
            }
        } catch (CertificateEncodingException e) {
            throw new TlsFatalAlert(AlertDescription.internal_error, "the client certificate cannot be encoded", e);
        }
        if (requestContext == null) {
            return new Certificate(certificates);
        }
        CertificateEntry[] entries = new CertificateEntry[certificates.length];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = new CertificateEntry(certificates[i], null);
        }
        return new Certificate(requestContext, entries);
    }

    /**
     * The server accepts signatures the key can make, but none with a hash {@link ExternalSignOptions#hashAlgorithms()}
     * allows. Sent to the server as handshake_failure; {@link HandshakeFailures} reports it naming the setting.
     */
    static final class NoAllowedHash extends TlsFatalAlert {

        private static final long serialVersionUID = 1L;

        private final String reason;

        NoAllowedHash(Set<String> allowed, Set<String> offered) {
            super(AlertDescription.handshake_failure, "no client signature scheme with an allowed hash");
            reason = "the server accepts the signatures this client key can make only with " + offered
                    + ", and the external signer's ExternalSignOptions.hashAlgorithms allows only " + allowed
                    + "; the signer was not called.";
        }

        String reason() {
            return reason;
        }
    }
}
