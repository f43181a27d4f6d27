package io.github.smtpclient.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * The client's own certificate chain and private key, presented when a server asks for a certificate (the
 * reference's ClientCert* list): set it with {@link TlsSettings#setClientCertificate}. Immutable. Load it from PEM
 * files (a certificate chain and a PKCS#8 key, plain or encrypted), from a PKCS#12 file, or from any
 * {@link KeyStore} entry.
 *
 * <pre>{@code
 * client.tls().setClientCertificate(ClientCertificate.fromPem(Path.of("client-chain.pem"), Path.of("client.key")));
 * }</pre>
 *
 * <p>The certificate is sent whatever CA names the server lists in its CertificateRequest: a server that lists only
 * some CAs (Postfix lists those of {@code smtpd_tls_CAfile}) still receives it and decides itself.
 */
public final class ClientCertificate {

    private static final byte[] PROBE = "smtp-client key integrity probe".getBytes(StandardCharsets.US_ASCII);

    private static final AtomicLong IDS = new AtomicLong();
    /** Decrypts PKCS#8 keys: the JDK's providers lack some of the PBES2 ciphers OpenSSL writes (AES-CBC as PKCS7Padding). */
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    private final List<X509Certificate> chain;
    private final PrivateKey privateKey;
    private final ExternalSigner externalSigner;
    private final ExternalSignRequest.Input externalInput;
    private final ExternalSignOptions externalOptions;
    private final long id = IDS.incrementAndGet();
    private volatile Boolean keyMatches;

    private ClientCertificate(List<X509Certificate> chain, PrivateKey privateKey, ExternalSigner externalSigner,
            ExternalSignRequest.Input externalInput, ExternalSignOptions externalOptions) {
        this.chain = chain;
        this.privateKey = privateKey;
        this.externalSigner = externalSigner;
        this.externalInput = externalInput;
        this.externalOptions = externalOptions;
    }

    /**
     * A chain, leaf first, whose key the JVM does not hold: {@code signer} makes every signature (the reference's
     * ExternalSign event), given the digest or the data as {@code input} says (the reference's
     * ExternalHashCalculation: {@link ExternalSignRequest.Input#DATA} means the signer hashes). Bouncy Castle engine
     * only: the JSSE engine refuses it.
     *
     * @throws IllegalArgumentException if the chain is empty or holds null, or the signer or input is null
     */
    public static ClientCertificate external(List<X509Certificate> chain, ExternalSigner signer,
            ExternalSignRequest.Input input) {
        return external(chain, signer, input, ExternalSignOptions.none());
    }

    /**
     * As {@link #external(List, ExternalSigner, ExternalSignRequest.Input)}, with the key id, secret, parameters and
     * data every request carries to the signer ({@link ExternalSignRequest#options()}).
     *
     * @throws IllegalArgumentException if the chain is empty or holds null, or the signer, input or options is null
     */
    public static ClientCertificate external(List<X509Certificate> chain, ExternalSigner signer,
            ExternalSignRequest.Input input, ExternalSignOptions options) {
        requireChain(chain);
        if (signer == null || input == null || options == null) {
            throw new IllegalArgumentException("tls().clientCertificate: an external signer needs the signer, its"
                    + " input (DIGEST or DATA) and its options (ExternalSignOptions.none() for none)");
        }
        return new ClientCertificate(List.copyOf(chain), null, signer, input, options);
    }

    private static void requireChain(List<X509Certificate> chain) {
        if (chain == null || chain.isEmpty() || chain.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("tls().clientCertificate needs a certificate chain (leaf first) without"
                    + " null elements");
        }
    }

    /** A number no other instance in this JVM has, by which a key manager tells instances apart. */
    long id() {
        return id;
    }

    /**
     * A chain, leaf first, with the leaf's private key.
     *
     * @throws IllegalArgumentException if the chain is empty or holds null, or the key is null
     */
    public static ClientCertificate of(List<X509Certificate> chain, PrivateKey privateKey) {
        requireChain(chain);
        if (privateKey == null) {
            throw new IllegalArgumentException("tls().clientCertificate needs the private key of "
                    + chain.get(0).getSubjectX500Principal().getName());
        }
        return new ClientCertificate(List.copyOf(chain), privateKey, null, null, ExternalSignOptions.none());
    }

    /**
     * Reads a PEM certificate chain (leaf first; {@code -----BEGIN CERTIFICATE-----} blocks) and an unencrypted PEM
     * private key (PKCS#8 {@code BEGIN PRIVATE KEY}, or the traditional {@code BEGIN RSA/EC PRIVATE KEY}).
     *
     * @throws IOException if a file cannot be read or holds no certificate or no key (the message names the file)
     */
    public static ClientCertificate fromPem(Path certificateChain, Path privateKey) throws IOException {
        return fromPem(certificateChain, privateKey, null);
    }

    /**
     * Like {@link #fromPem(Path, Path)}, for a key that may be an encrypted PKCS#8 key
     * ({@code BEGIN ENCRYPTED PRIVATE KEY}, as {@code openssl pkcs8 -topk8 -v2 aes-256-cbc} writes).
     *
     * @param password the key's password, or {@code null} for an unencrypted key
     * @throws IOException if a file cannot be read, holds no certificate or no key, or the password is wrong
     */
    public static ClientCertificate fromPem(Path certificateChain, Path privateKey, char[] password) throws IOException {
        try (InputStream chain = Files.newInputStream(certificateChain); InputStream key = Files.newInputStream(privateKey)) {
            return of(readCertificates(chain, certificateChain.toString()), readKey(key, privateKey.toString(), password));
        }
    }

    /**
     * Like {@link #fromPem(Path, Path, char[])}, from streams (for example class-path resources); the streams are
     * read to their end and not closed.
     *
     * @param password the key's password, or {@code null} for an unencrypted key
     * @throws IOException if a stream holds no certificate or no key, or the password is wrong
     */
    public static ClientCertificate fromPem(InputStream certificateChain, InputStream privateKey, char[] password)
            throws IOException {
        return of(readCertificates(certificateChain, "the certificate chain"),
                readKey(privateKey, "the private key", password));
    }

    /**
     * Reads the only key entry of a PKCS#12 file; the key's password is the file's.
     *
     * @throws IOException if the file cannot be read, the password is wrong, or it holds no key entry or several
     */
    public static ClientCertificate fromPkcs12(Path file, char[] password) throws IOException {
        return fromPkcs12(file, password, null);
    }

    /**
     * Reads the key entry {@code alias} of a PKCS#12 file ({@code null}: the only key entry).
     *
     * @throws IOException if the file cannot be read, the password is wrong, or the entry is missing
     */
    public static ClientCertificate fromPkcs12(Path file, char[] password, String alias) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return fromPkcs12(in, password, alias, "the PKCS#12 file " + file);
        }
    }

    /**
     * Like {@link #fromPkcs12(Path, char[], String)}, from a stream (for example a class-path resource), which is read
     * and not closed.
     *
     * @throws IOException if the stream is no PKCS#12 file, the password is wrong, or the entry is missing
     */
    public static ClientCertificate fromPkcs12(InputStream in, char[] password, String alias) throws IOException {
        return fromPkcs12(in, password, alias, "the PKCS#12 file");
    }

    private static ClientCertificate fromPkcs12(InputStream in, char[] password, String alias, String source)
            throws IOException {
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read " + source + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IOException("cannot read " + source + " (wrong password?): " + e.getMessage(), e);
        }
        return fromKeyStore(store, alias, password, source);
    }

    /**
     * Takes the key entry {@code alias} of {@code store} ({@code null}: the only key entry), for example of a PKCS#11
     * token's key store or a JKS file.
     *
     * @param password the entry's password ({@code null} for stores, such as PKCS#11, that need none per entry)
     * @throws IOException if the entry is missing, is no key entry, or cannot be recovered
     */
    public static ClientCertificate fromKeyStore(KeyStore store, String alias, char[] password) throws IOException {
        return fromKeyStore(store, alias, password, "the key store");
    }

    private static ClientCertificate fromKeyStore(KeyStore store, String alias, char[] password, String source)
            throws IOException {
        try {
            String chosen = alias != null ? alias : onlyKeyAlias(store, source);
            Key key = store.getKey(chosen, password);
            if (!(key instanceof PrivateKey privateKey)) {
                throw new IOException(source + " has no private key entry '" + chosen + "'; key entries: "
                        + keyAliases(store));
            }
            Certificate[] certificates = store.getCertificateChain(chosen);
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : certificates == null ? new Certificate[0] : certificates) {
                chain.add((X509Certificate) certificate);
            }
            if (chain.isEmpty()) {
                throw new IOException(source + " has no certificate chain for the key entry '" + chosen + "'");
            }
            return of(chain, privateKey);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot recover the key entry of " + source + " (wrong password?): " + e.getMessage(),
                    e);
        }
    }

    private static String onlyKeyAlias(KeyStore store, String source) throws GeneralSecurityException, IOException {
        List<String> aliases = keyAliases(store);
        if (aliases.size() != 1) {
            throw new IOException(source + " holds " + aliases.size() + " key entries " + aliases
                    + "; name the one to use (alias)");
        }
        return aliases.get(0);
    }

    private static List<String> keyAliases(KeyStore store) throws GeneralSecurityException {
        List<String> aliases = new ArrayList<>();
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                aliases.add(alias);
            }
        }
        return aliases;
    }

    private static List<X509Certificate> readCertificates(InputStream in, String file) throws IOException {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            PEMParser pem = new PEMParser(new InputStreamReader(in, StandardCharsets.US_ASCII));
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            for (Object object = pem.readObject(); object != null; object = pem.readObject()) {
                if (object instanceof X509CertificateHolder holder) {
                    chain.add(converter.getCertificate(holder));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the certificates in " + file + ": " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IOException(file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return chain;
    }

    private static PrivateKey readKey(InputStream in, String file, char[] password) throws IOException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try {
            PEMParser pem = new PEMParser(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (Object object = pem.readObject(); object != null; object = pem.readObject()) {
                if (object instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (object instanceof PEMKeyPair pair) {
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                    if (password == null) {
                        throw new IOException(file + " holds an encrypted private key; give its password");
                    }
                    return converter.getPrivateKey(encrypted.decryptPrivateKeyInfo(
                            new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BOUNCY_CASTLE).build(password)));
                }
            }
        } catch (PKCSException | OperatorCreationException e) {
            throw new IOException("cannot decrypt the private key in " + file + " (wrong password?): " + e.getMessage(),
                    e);
        } catch (PEMException e) {
            throw new IOException("cannot read the private key in " + file + ": " + e.getMessage(), e);
        }
        throw new IOException(file + " holds no PEM private key (-----BEGIN PRIVATE KEY----- or"
                + " -----BEGIN ENCRYPTED PRIVATE KEY-----)");
    }

    /** The certificate chain, leaf first (the reference's ClientCertCount is its size, ClientCertBytes its DER). */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** The leaf certificate. */
    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** The private key of the leaf; {@code null} for an {@link #external external} signer. */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The external signer, or {@code null} when the JVM holds the key. */
    public ExternalSigner externalSigner() {
        return externalSigner;
    }

    /** What the external signer receives, or {@code null} when the JVM holds the key. */
    public ExternalSignRequest.Input externalInput() {
        return externalInput;
    }

    /** What every request carries to the external signer; {@link ExternalSignOptions#none()} without one. */
    public ExternalSignOptions externalOptions() {
        return externalOptions;
    }

    /** The algorithm of the leaf's key ({@code RSA}, {@code EC}, {@code Ed25519}), held or external. */
    String keyAlgorithm() {
        return privateKey != null ? privateKey.getAlgorithm() : leaf().getPublicKey().getAlgorithm();
    }

    /**
     * Whether the private key belongs to the leaf certificate: a probe signed with the key verifies with the
     * certificate's public key. Computed once per instance.
     *
     * @throws IllegalStateException if a key of this algorithm cannot be probed (RSA, EC, EdDSA and DSA can)
     */
    public boolean keyMatchesCertificate() {
        Boolean known = keyMatches;
        if (known == null) {
            known = probe();
            keyMatches = known;
        }
        return known;
    }

    private boolean probe() {
        if (externalSigner != null) {
            return probeExternal();
        }
        String algorithm = switch (privateKey.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> privateKey.getAlgorithm();
            case "DSA" -> "SHA256withDSA";
            default -> throw new IllegalStateException("the integrity of a " + privateKey.getAlgorithm()
                    + " key cannot be probed");
        };
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf().getPublicKey());
            verifier.update(PROBE);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException wrongKeyForCertificate) {
            return false;
        }
    }

    /**
     * Asks the external signer to sign the probe as a TLS ECDSA or RSA-PSS signature (or EdDSA), with SHA-256 or,
     * when its options restrict the hashes, the smallest they allow: the signer is never asked for a hash it was told
     * to refuse.
     */
    private boolean probeExternal() {
        String algorithm = keyAlgorithm();
        String hash = externalOptions.hashAlgorithms().isEmpty() ? "SHA-256"
                : externalOptions.hashAlgorithms().iterator().next();
        String bits = hash.substring("SHA-".length());
        String scheme = switch (algorithm) {
            case "RSA" -> "rsa_pss_rsae_sha" + bits;
            case "EC" -> "ecdsa_secp" + ("512".equals(bits) ? "521" : bits) + "r1_sha" + bits;
            case "Ed25519", "EdDSA" -> "ed25519";
            default -> throw new IllegalStateException("the integrity of a " + algorithm + " key cannot be probed");
        };
        boolean hashed = !scheme.startsWith("ed");
        if (!hashed && externalInput == ExternalSignRequest.Input.DIGEST) {
            throw new IllegalStateException("an " + algorithm + " key signs data, not digests (use Input.DATA)");
        }
        try {
            byte[] bytes = externalInput == ExternalSignRequest.Input.DATA ? PROBE
                    : java.security.MessageDigest.getInstance(hash).digest(PROBE);
            ExternalSignRequest request = new ExternalSignRequest(scheme, hashed ? hash : null,
                    "EC".equals(algorithm) || "RSA".equals(algorithm) ? algorithm : "Ed25519", externalInput, bytes, externalOptions);
            byte[] signature = externalSigner.sign(request);
            Signature verifier = Signature.getInstance(request.jcaAlgorithm());
            if (request.pssParameters() != null) {
                verifier.setParameter(request.pssParameters());
            }
            verifier.initVerify(leaf().getPublicKey());
            verifier.update(PROBE);
            return signature != null && verifier.verify(signature);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException wrongKeyForCertificate) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "ClientCertificate[" + leaf().getSubjectX500Principal().getName() + ", " + chain.size()
                + " certificate(s), " + (externalSigner != null ? keyAlgorithm() + " key signed externally ("
                        + externalInput + ")" : privateKey.getAlgorithm() + " key") + "]";
    }
}
