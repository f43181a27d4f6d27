package io.github.smtpclient.tls.validation;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/** Hash imprints of certificates and keys, as upper-case hex with colons (the form openssl and Postfix print). */
public final class Fingerprints {

    private static final HexFormat COLON_HEX = HexFormat.ofDelimiter(":").withUpperCase();

    private Fingerprints() {
    }

    /** The SHA-256 fingerprint of the certificate's DER encoding, e.g. {@code 0D:CF:...:8F}. */
    public static String sha256(X509Certificate certificate) {
        return of("SHA-256", encoded(certificate));
    }

    /** The hash of {@code bytes} under {@code algorithm} (a JCA name such as {@code SHA-256} or {@code SHA-1}). */
    static String of(String algorithm, byte[] bytes) {
        try {
            return COLON_HEX.formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("unknown digest algorithm '" + algorithm + "'", e);
        }
    }

    /** Colon hex of raw bytes, for key identifiers and serial numbers. */
    static String hex(byte[] bytes) {
        return COLON_HEX.formatHex(bytes);
    }

    static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the certificate cannot be encoded: " + e.getMessage(), e);
        }
    }
}
