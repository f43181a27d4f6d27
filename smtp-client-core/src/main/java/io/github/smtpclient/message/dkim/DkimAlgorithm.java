package io.github.smtpclient.message.dkim;

/** The signing algorithm of a DKIM signature, its {@code a=} tag. */
public enum DkimAlgorithm {

    /** RSASSA-PKCS1-v1_5 over SHA-256 (RFC 6376 3.3.1); the key must have at least 1024 bits, 2048 is usual. */
    RSA_SHA256("rsa-sha256", "RSA"),

    /** Ed25519 over the SHA-256 of the header data (RFC 8463); not yet verified by every receiver, so pair it with RSA. */
    ED25519_SHA256("ed25519-sha256", "Ed25519");

    private final String tag;
    private final String keyAlgorithm;

    DkimAlgorithm(String tag, String keyAlgorithm) {
        this.tag = tag;
        this.keyAlgorithm = keyAlgorithm;
    }

    /** The value of the {@code a=} tag, e.g. {@code rsa-sha256}. */
    public String tag() {
        return tag;
    }

    /** The JCA name of the key algorithm it needs: {@code RSA} or {@code Ed25519}. */
    public String keyAlgorithm() {
        return keyAlgorithm;
    }

    /**
     * The algorithm named by an {@code a=} tag or a setting, ignoring case: {@code rsa-sha256} or
     * {@code ed25519-sha256} (the constant names are accepted too).
     *
     * @throws DkimConfigurationException naming the field {@code algorithm} for any other name
     */
    public static DkimAlgorithm of(String name) {
        for (DkimAlgorithm algorithm : values()) {
            if (algorithm.tag.equalsIgnoreCase(name.strip()) || algorithm.name().equalsIgnoreCase(name.strip())) {
                return algorithm;
            }
        }
        throw new DkimConfigurationException("algorithm", "Unknown DKIM algorithm \"" + name
                + "\": use rsa-sha256 or ed25519-sha256");
    }
}
