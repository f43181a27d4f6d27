package io.github.smtpclient.tls.validation;

import java.security.PublicKey;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.OptionalInt;

import javax.crypto.interfaces.DHPublicKey;

import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** The size in bits of a public key: modulus or prime for RSA, DSA and DH, field size for EC, the curve for EdDSA. */
final class KeySizes {

    private KeySizes() {
    }

    static OptionalInt bitsOf(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return OptionalInt.of(rsa.getModulus().bitLength());
        }
        if (key instanceof ECPublicKey ec) {
            return OptionalInt.of(ec.getParams().getCurve().getField().getFieldSize());
        }
        if (key instanceof DSAPublicKey dsa && dsa.getParams() != null) {
            return OptionalInt.of(dsa.getParams().getP().bitLength());
        }
        if (key instanceof DHPublicKey dh) {
            return OptionalInt.of(dh.getParams().getP().bitLength());
        }
        // EdDSA and anything else: read the algorithm from the SubjectPublicKeyInfo (the JDK's EdEC types hide it).
        SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(key.getEncoded());
        if (EdECObjectIdentifiers.id_Ed25519.equals(info.getAlgorithm().getAlgorithm())
                || EdECObjectIdentifiers.id_X25519.equals(info.getAlgorithm().getAlgorithm())) {
            return OptionalInt.of(256);
        }
        if (EdECObjectIdentifiers.id_Ed448.equals(info.getAlgorithm().getAlgorithm())
                || EdECObjectIdentifiers.id_X448.equals(info.getAlgorithm().getAlgorithm())) {
            return OptionalInt.of(448);
        }
        return OptionalInt.empty();
    }

    /** Whether the key is too short to trust: RSA, DSA or DH under 2048 bits, EC under 256. */
    static boolean isWeak(PublicKey key) {
        OptionalInt bits = bitsOf(key);
        if (bits.isEmpty()) {
            return false;
        }
        if (key instanceof ECPublicKey) {
            return bits.getAsInt() < 256;
        }
        boolean finiteField = key instanceof RSAPublicKey || key instanceof DSAPublicKey || key instanceof DHPublicKey;
        return finiteField && bits.getAsInt() < 2048;
    }
}
