package io.github.smtpclient.tls;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What an {@link ExternalSigner} is handed besides the bytes to sign, for a signing service that needs it: the
 * reference's ExternalCryptoKeyID and ExternalCryptoKeySecret (the credentials that authenticate the request to the
 * service), ExternalCryptoCustomParams (passed on uninterpreted) and ExternalCryptoData (opaque state the requestor
 * gets back). The client never interprets them; each {@link ExternalSignRequest} carries them to the signer. The one
 * option the client obeys is the reference's ExternalCryptoHashAlgorithm as a restriction: {@link #withHashAlgorithms}
 * limits the signature schemes the client offers to the signer to those with the given hashes. Immutable: each
 * {@code with} method returns a copy. The key secret never appears in {@link #toString()}.
 */
public final class ExternalSignOptions {

    /** The hashes a TLS signature scheme can use, as {@link ExternalSignRequest#hashAlgorithm()} names them. */
    private static final List<String> HASHES = List.of("SHA-256", "SHA-384", "SHA-512");

    private static final ExternalSignOptions NONE = new ExternalSignOptions(null, null, Map.of(), null,
            Collections.emptySortedSet());

    private final String keyId;
    private final String keySecret;
    private final Map<String, String> customParams;
    private final String data;
    private final SortedSet<String> hashAlgorithms;

    private ExternalSignOptions(String keyId, String keySecret, Map<String, String> customParams, String data,
            SortedSet<String> hashAlgorithms) {
        this.keyId = keyId;
        this.keySecret = keySecret;
        this.customParams = customParams;
        this.data = data;
        this.hashAlgorithms = hashAlgorithms;
    }

    /** No key id, secret, parameters or data. */
    public static ExternalSignOptions none() {
        return NONE;
    }

    /** A copy with the id of the key or credential that authenticates the request to the signing service. */
    public ExternalSignOptions withKeyId(String keyId) {
        return new ExternalSignOptions(keyId, keySecret, customParams, data, hashAlgorithms);
    }

    /** A copy with the secret that authenticates the request to the signing service; never shown back. */
    public ExternalSignOptions withKeySecret(String keySecret) {
        return new ExternalSignOptions(keyId, keySecret, customParams, data, hashAlgorithms);
    }

    /**
     * A copy with parameters passed to the signing service uninterpreted.
     *
     * @throws NullPointerException if the map, a key or a value is null
     */
    public ExternalSignOptions withCustomParams(Map<String, String> customParams) {
        return new ExternalSignOptions(keyId, keySecret, Map.copyOf(Objects.requireNonNull(customParams,
                "customParams")), data, hashAlgorithms);
    }

    /** A copy with opaque data the signer gets back with every request (state of the requestor's own). */
    public ExternalSignOptions withData(String data) {
        return new ExternalSignOptions(keyId, keySecret, customParams, data, hashAlgorithms);
    }

    /**
     * A copy that lets the signer be asked only for signatures with these hashes ({@code SHA-256}, {@code SHA-384},
     * {@code SHA-512}, as {@link ExternalSignRequest#hashAlgorithm()} names them; case does not matter), for a
     * signing service or key restricted to some of them. The client then picks, from the schemes the server accepts
     * in its CertificateRequest, the first one that fits the key and has one of these hashes; when there is none the
     * handshake fails with {@code TLS_HANDSHAKE_FAILED} naming this setting, and the signer is not called. EdDSA
     * (Ed25519, Ed448), whose hash is fixed by the key, is not restricted. An empty set (the default) allows every
     * hash.
     *
     * @throws IllegalArgumentException if a name is none of the three
     * @throws NullPointerException     if the set or a name is null
     */
    public ExternalSignOptions withHashAlgorithms(Set<String> hashAlgorithms) {
        SortedSet<String> names = new TreeSet<>();
        for (String name : Objects.requireNonNull(hashAlgorithms, "hashAlgorithms")) {
            String upper = Objects.requireNonNull(name, "a hash algorithm").toUpperCase(Locale.ROOT);
            if (!HASHES.contains(upper)) {
                throw new IllegalArgumentException("ExternalSignOptions.hashAlgorithms: '" + name + "' is no hash a"
                        + " TLS signature scheme uses; use " + String.join(", ", HASHES));
            }
            names.add(upper);
        }
        return new ExternalSignOptions(keyId, keySecret, customParams, data,
                Collections.unmodifiableSortedSet(names));
    }

    /** The hashes the signer may be asked to sign with; empty (the default) for any. */
    public Set<String> hashAlgorithms() {
        return hashAlgorithms;
    }

    /** The key or credential id, or {@code null}. */
    public String keyId() {
        return keyId;
    }

    /** The secret, or {@code null}. */
    public String keySecret() {
        return keySecret;
    }

    /** The parameters for the signing service; empty by default. */
    public Map<String, String> customParams() {
        return customParams;
    }

    /** The opaque data, or {@code null}. */
    public String data() {
        return data;
    }

    @Override
    public String toString() {
        return "ExternalSignOptions[keyId=" + keyId + ", keySecret=" + (keySecret == null ? "null" : "****")
                + ", customParams=" + customParams.keySet() + ", data=" + (data == null ? "null" : data.length()
                + " chars") + ", hashAlgorithms=" + (hashAlgorithms.isEmpty() ? "any" : hashAlgorithms) + "]";
    }
}
