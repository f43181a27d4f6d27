package io.github.smtpclient.message.dkim;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * A DKIM private key and the algorithm it signs with: RSA ({@code rsa-sha256}) or Ed25519 ({@code ed25519-sha256}).
 * Read from the formats key tools write, or wrap any {@link PrivateKey}, a PKCS#11 token's included:
 *
 * <pre>{@code
 * DkimKey rsa = DkimKey.read(Path.of("/etc/dkim/mail.private"));    // opendkim-genkey: PEM "BEGIN PRIVATE KEY"
 * DkimKey ed = DkimKey.read(Path.of("/etc/dkim/ed.key"));           // dkimpy's dknewkey: base64 Ed25519 seed
 * DkimKey token = DkimKey.of(keyStore.getKey("dkim", pin));         // any provider
 * }</pre>
 */
public final class DkimKey {

    /** RFC 8301 3.2: verifiers reject RSA keys under 1024 bits. */
    public static final int MIN_RSA_BITS = 1024;

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    /** PKCS#8 PrivateKeyInfo for Ed25519 (RFC 8410), up to the 32-byte seed. */
    private static final byte[] ED25519_PKCS8_PREFIX = {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b,
        0x65, 0x70, 0x04, 0x22, 0x04, 0x20};

    private final PrivateKey privateKey;
    private final DkimAlgorithm algorithm;
    /** The public key as the DNS record's {@code p=} tag carries it, when it can be derived. */
    private final String publicKey;

    private DkimKey(PrivateKey privateKey, DkimAlgorithm algorithm, String publicKey) {
        this.privateKey = privateKey;
        this.algorithm = algorithm;
        this.publicKey = publicKey;
    }

    /**
     * A key of any provider (a PKCS#11 token's, a key store's): RSA or Ed25519, told by its algorithm name.
     *
     * @throws DkimConfigurationException naming {@code key} when it is neither, or an RSA key under 1024 bits
     */
    public static DkimKey of(PrivateKey key) {
        Objects.requireNonNull(key, "key");
        String name = key.getAlgorithm();
        if ("RSA".equalsIgnoreCase(name)) {
            if (key instanceof RSAKey rsa && rsa.getModulus() != null && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
                throw new DkimConfigurationException("key", "The RSA key has " + rsa.getModulus().bitLength()
                        + " bits; DKIM verifiers reject keys under " + MIN_RSA_BITS + " bits (RFC 8301), so make a"
                        + " 2048-bit key (opendkim-genkey -b 2048)");
            }
            return new DkimKey(key, DkimAlgorithm.RSA_SHA256, rsaPublicKey(key));
        }
        if ("Ed25519".equalsIgnoreCase(name) || "EdDSA".equalsIgnoreCase(name)) {
            return new DkimKey(key, DkimAlgorithm.ED25519_SHA256, ed25519PublicKey(key));
        }
        throw new DkimConfigurationException("key", "A " + name + " key cannot sign DKIM: use an RSA key"
                + " (rsa-sha256) or an Ed25519 key (ed25519-sha256)");
    }

    /**
     * A key in PEM: PKCS#8 ({@code BEGIN PRIVATE KEY}, as opendkim-genkey and {@code openssl genpkey} write it) or
     * PKCS#1 ({@code BEGIN RSA PRIVATE KEY}).
     *
     * @throws DkimConfigurationException naming {@code key} when the text holds no such key
     */
    public static DkimKey fromPem(String pem) {
        Matcher matcher = PEM.matcher(Objects.requireNonNull(pem, "pem"));
        while (matcher.find()) {
            String type = matcher.group(1);
            byte[] der = base64(matcher.group(2));
            switch (type) {
                case "PRIVATE KEY" -> {
                    return fromPkcs8(der);
                }
                case "RSA PRIVATE KEY" -> {
                    return fromPkcs8(pkcs1ToPkcs8(der));
                }
                case "ENCRYPTED PRIVATE KEY" -> throw new DkimConfigurationException("key", "The DKIM key is"
                        + " encrypted; decrypt it first (openssl pkey -in KEY -out PLAIN.pem) or load it from a key"
                        + " store and pass it to DkimKey.of(PrivateKey)");
                default -> {
                    // A certificate or public key next to the private key: skip it.
                }
            }
        }
        throw new DkimConfigurationException("key", "No private key found in the PEM text: expected -----BEGIN"
                + " PRIVATE KEY----- (PKCS#8) or -----BEGIN RSA PRIVATE KEY----- (PKCS#1)");
    }

    /**
     * A key in PKCS#8 DER (RSA or Ed25519).
     *
     * @throws DkimConfigurationException naming {@code key} when the bytes are no such key
     */
    public static DkimKey fromPkcs8(byte[] der) {
        Objects.requireNonNull(der, "der");
        GeneralSecurityException failure = null;
        for (String algorithm : new String[] {"RSA", "Ed25519"}) {
            try {
                return of(KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der)));
            } catch (GeneralSecurityException e) {
                failure = e;
            }
        }
        throw new DkimConfigurationException("key", "The bytes are not a PKCS#8 RSA or Ed25519 private key: "
                + failure.getMessage(), failure);
    }

    /**
     * An Ed25519 key from its 32-byte seed (RFC 8032 private key), the form dkimpy's {@code dknewkey} writes in base64.
     *
     * @throws DkimConfigurationException naming {@code key} when the seed is not 32 bytes
     */
    public static DkimKey fromEd25519Seed(byte[] seed) {
        if (Objects.requireNonNull(seed, "seed").length != 32) {
            throw new DkimConfigurationException("key", "An Ed25519 seed has 32 bytes, this one " + seed.length);
        }
        byte[] der = Arrays.copyOf(ED25519_PKCS8_PREFIX, ED25519_PKCS8_PREFIX.length + 32);
        System.arraycopy(seed, 0, der, ED25519_PKCS8_PREFIX.length, 32);
        return fromPkcs8(der);
    }

    /**
     * Reads a key file: PEM (PKCS#8 or PKCS#1), PKCS#8 DER, or a base64 Ed25519 seed (dkimpy's {@code dknewkey}).
     *
     * @throws IOException                when the file cannot be read
     * @throws DkimConfigurationException naming {@code key} when it holds no key in these forms
     */
    public static DkimKey read(Path file) throws IOException {
        return fromBytes(Files.readAllBytes(file), file.toString());
    }

    /**
     * Reads a key in any form {@link #read(Path)} takes from {@code in}, to its end; {@code in} is not closed.
     *
     * @throws IOException                when the stream cannot be read
     * @throws DkimConfigurationException naming {@code key} when it holds no key in these forms
     */
    public static DkimKey read(InputStream in) throws IOException {
        return fromBytes(in.readAllBytes(), "the key stream");
    }

    private static DkimKey fromBytes(byte[] bytes, String source) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (text.contains("-----BEGIN ")) {
            return fromPem(text);
        }
        // Before DER: a seed's base64 may begin with '0', the byte DER's SEQUENCE tag also is.
        String compact = text.strip();
        if (compact.matches("[A-Za-z0-9+/]{43}=")) {
            return fromEd25519Seed(Base64.getDecoder().decode(compact));
        }
        if (bytes.length > 0 && bytes[0] == 0x30) {
            return fromPkcs8(bytes);
        }
        throw new DkimConfigurationException("key", "No DKIM private key in " + source + ": expected PEM (BEGIN"
                + " PRIVATE KEY or BEGIN RSA PRIVATE KEY), PKCS#8 DER or a base64 Ed25519 seed");
    }

    /** The key that signs. */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The algorithm this key signs with. */
    public DkimAlgorithm algorithm() {
        return algorithm;
    }

    /**
     * The TXT record to publish at {@code <selector>._domainkey.<domain>}, e.g. {@code v=DKIM1; k=rsa; p=MIIB...},
     * when the public key can be derived from the private one (not for a key that stays on a token).
     */
    public Optional<String> dnsRecord() {
        if (publicKey == null) {
            return Optional.empty();
        }
        String type = algorithm == DkimAlgorithm.RSA_SHA256 ? "rsa" : "ed25519";
        return Optional.of("v=DKIM1; k=" + type + "; p=" + publicKey);
    }

    @Override
    public String toString() {
        return "DkimKey[" + algorithm.tag() + ", " + privateKey.getAlgorithm().toLowerCase(Locale.ROOT) + "]";
    }

    private static String rsaPublicKey(PrivateKey key) {
        if (!(key instanceof RSAPrivateCrtKey crt)) {
            return null;
        }
        try {
            BigInteger modulus = crt.getModulus();
            byte[] spki = KeyFactory.getInstance("RSA").generatePublic(
                    new RSAPublicKeySpec(modulus, crt.getPublicExponent())).getEncoded();
            return Base64.getEncoder().encodeToString(spki);
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    private static String ed25519PublicKey(PrivateKey key) {
        byte[] seed = null;
        if (key instanceof EdECPrivateKey ed) {
            seed = ed.getBytes().orElse(null);
        } else if ("PKCS#8".equals(key.getFormat()) && key.getEncoded() != null) {
            byte[] encoded = key.getEncoded();
            seed = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
        }
        if (seed == null || seed.length != 32) {
            return null;
        }
        byte[] raw = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
        return Base64.getEncoder().encodeToString(raw);
    }

    private static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        try {
            RSAPrivateKey rsa = RSAPrivateKey.getInstance(pkcs1);
            return new PrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                    rsa).getEncoded();
        } catch (IOException | RuntimeException e) {
            throw new DkimConfigurationException("key", "The BEGIN RSA PRIVATE KEY block is not a PKCS#1 RSA key: "
                    + e.getMessage(), e);
        }
    }

    private static byte[] base64(String text) {
        try {
            return Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new DkimConfigurationException("key", "The PEM block is not valid base64: " + e.getMessage(), e);
        }
    }
}
