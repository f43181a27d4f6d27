package io.github.smtpclient.tls;

import java.io.IOException;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;

/**
 * What an {@link ExternalSigner} is asked to sign. In {@link Input#DIGEST} mode the client has hashed and
 * {@link #hash()} is the bare digest ({@link #hashAlgorithm()} of the bytes TLS signs); in {@link Input#DATA} mode
 * {@link #data()} is the bytes themselves and the signer hashes (the reference's ExternalHashCalculation = true).
 * <ul>
 * <li>RSA PKCS#1 v1.5 ({@code rsa_pkcs1_*}, TLS 1.2 only): the signature is over the DER {@link #digestInfo()} of the
 * hash, as {@code SHA256withRSA} makes it; a signer that pads raw input ({@code NONEwithRSA}, PKCS#11
 * {@code CKM_RSA_PKCS}) signs {@link #digestInfo()}, a KMS that takes a digest signs {@link #hash()}.</li>
 * <li>RSASSA-PSS ({@code rsa_pss_rsae_*}): MGF1 with the same hash and a salt as long as the hash
 * ({@link #pssParameters()}), over the hash.</li>
 * <li>ECDSA: over the hash, DER-encoded; in TLS 1.3 the hash is the curve's (SHA-256 for P-256).</li>
 * <li>Ed25519/Ed448 sign the data itself and are offered in {@link Input#DATA} mode only.</li>
 * </ul>
 * In TLS 1.2 the data is every handshake message so far; in TLS 1.3 it is the CertificateVerify content (64 spaces,
 * the context string, a zero byte and the transcript hash, RFC 8446 4.4.3).
 */
public final class ExternalSignRequest {

    /** What the signer receives: the digest (the client hashes) or the data (the signer hashes). */
    public enum Input {
        /** The client hashes; the signer signs the digest (the reference's ExternalHashCalculation = false). */
        DIGEST,
        /** The signer gets the data and hashes it itself (the reference's ExternalHashCalculation = true). */
        DATA
    }

    private final String signatureScheme;
    private final String hashAlgorithm;
    private final String publicKeyAlgorithm;
    private final Input input;
    private final byte[] bytes;
    private final ExternalSignOptions options;

    ExternalSignRequest(String signatureScheme, String hashAlgorithm, String publicKeyAlgorithm, Input input,
            byte[] bytes, ExternalSignOptions options) {
        this.signatureScheme = signatureScheme;
        this.hashAlgorithm = hashAlgorithm;
        this.publicKeyAlgorithm = publicKeyAlgorithm;
        this.input = input;
        this.bytes = bytes.clone();
        this.options = options;
    }

    /**
     * The key id, secret, parameters and data given with the signer
     * ({@link ClientCertificate#external(java.util.List, ExternalSigner, Input, ExternalSignOptions)}), for the
     * signing service; {@link ExternalSignOptions#none()} when none were.
     */
    public ExternalSignOptions options() {
        return options;
    }

    /** The TLS signature scheme (RFC 8446 names): {@code rsa_pss_rsae_sha256}, {@code ecdsa_secp256r1_sha256}, ... */
    public String signatureScheme() {
        return signatureScheme;
    }

    /** The JCA name of the hash: {@code SHA-256}, {@code SHA-384} or {@code SHA-512}; {@code null} for EdDSA. */
    public String hashAlgorithm() {
        return hashAlgorithm;
    }

    /** The algorithm of the certificate's key: {@code RSA}, {@code EC}, {@code Ed25519} or {@code Ed448}. */
    public String publicKeyAlgorithm() {
        return publicKeyAlgorithm;
    }

    /** The JCA signature algorithm that makes this signature from {@link #data()}: {@code SHA256withECDSA}, ... */
    public String jcaAlgorithm() {
        String hash = hashAlgorithm == null ? "" : hashAlgorithm.replace("-", "");
        if (signatureScheme.startsWith("rsa_pss")) {
            return "RSASSA-PSS";
        }
        if (signatureScheme.startsWith("rsa_pkcs1")) {
            return hash + "withRSA";
        }
        return "EC".equals(publicKeyAlgorithm) ? hash + "withECDSA" : publicKeyAlgorithm;
    }

    /** The PSS parameters for RSASSA-PSS schemes, else {@code null}. */
    public PSSParameterSpec pssParameters() {
        if (!signatureScheme.startsWith("rsa_pss")) {
            return null;
        }
        int length = switch (hashAlgorithm) {
            case "SHA-384" -> 48;
            case "SHA-512" -> 64;
            default -> 32;
        };
        return new PSSParameterSpec(hashAlgorithm, "MGF1", new MGF1ParameterSpec(hashAlgorithm), length,
                PSSParameterSpec.TRAILER_FIELD_BC);
    }

    /** What the signer receives. */
    public Input input() {
        return input;
    }

    /**
     * The digest to sign ({@link Input#DIGEST} mode).
     *
     * @throws IllegalStateException in {@link Input#DATA} mode
     */
    public byte[] hash() {
        if (input != Input.DIGEST) {
            throw new IllegalStateException("the request gives the data, not its hash (Input.DATA)");
        }
        return bytes.clone();
    }

    /**
     * The data to hash and sign ({@link Input#DATA} mode).
     *
     * @throws IllegalStateException in {@link Input#DIGEST} mode
     */
    public byte[] data() {
        if (input != Input.DATA) {
            throw new IllegalStateException("the request gives the hash, not the data (Input.DIGEST)");
        }
        return bytes.clone();
    }

    /**
     * The DER DigestInfo of {@link #hash()} (RFC 8017 9.2), what an RSA PKCS#1 v1.5 signer that pads raw input signs.
     *
     * @throws IllegalStateException in {@link Input#DATA} mode
     */
    public byte[] digestInfo() {
        var oid = switch (hashAlgorithm == null ? "" : hashAlgorithm) {
            case "SHA-256" -> NISTObjectIdentifiers.id_sha256;
            case "SHA-384" -> NISTObjectIdentifiers.id_sha384;
            case "SHA-512" -> NISTObjectIdentifiers.id_sha512;
            default -> throw new IllegalStateException("no DigestInfo for " + signatureScheme);
        };
        try {
            return new DigestInfo(new AlgorithmIdentifier(oid, DERNull.INSTANCE), hash()).getEncoded("DER");
        } catch (IOException e) {
            throw new IllegalStateException("DigestInfo cannot be encoded", e);
        }
    }

    @Override
    public String toString() {
        return "ExternalSignRequest[" + signatureScheme + ", " + input + ", " + bytes.length + " bytes]";
    }
}
