package io.github.smtpclient.tls;

import java.util.Map;
import java.util.Objects;

/**
 * What an {@link ExternalSigner} is handed besides the bytes to sign, for a signing service that needs it: the
 * reference's ExternalCryptoKeyID and ExternalCryptoKeySecret (the credentials that authenticate the request to the
 * service), ExternalCryptoCustomParams (passed on uninterpreted) and ExternalCryptoData (opaque state the requestor
 * gets back). The client never interprets them; each {@link ExternalSignRequest} carries them to the signer. Immutable:
 * each {@code with} method returns a copy. The key secret never appears in {@link #toString()}.
 */
public final class ExternalSignOptions {

    private static final ExternalSignOptions NONE = new ExternalSignOptions(null, null, Map.of(), null);

    private final String keyId;
    private final String keySecret;
    private final Map<String, String> customParams;
    private final String data;

    private ExternalSignOptions(String keyId, String keySecret, Map<String, String> customParams, String data) {
        this.keyId = keyId;
        this.keySecret = keySecret;
        this.customParams = customParams;
        this.data = data;
    }

    /** No key id, secret, parameters or data. */
    public static ExternalSignOptions none() {
        return NONE;
    }

    /** A copy with the id of the key or credential that authenticates the request to the signing service. */
    public ExternalSignOptions withKeyId(String keyId) {
        return new ExternalSignOptions(keyId, keySecret, customParams, data);
    }

    /** A copy with the secret that authenticates the request to the signing service; never shown back. */
    public ExternalSignOptions withKeySecret(String keySecret) {
        return new ExternalSignOptions(keyId, keySecret, customParams, data);
    }

    /**
     * A copy with parameters passed to the signing service uninterpreted.
     *
     * @throws NullPointerException if the map, a key or a value is null
     */
    public ExternalSignOptions withCustomParams(Map<String, String> customParams) {
        return new ExternalSignOptions(keyId, keySecret, Map.copyOf(Objects.requireNonNull(customParams,
                "customParams")), data);
    }

    /** A copy with opaque data the signer gets back with every request (state of the requestor's own). */
    public ExternalSignOptions withData(String data) {
        return new ExternalSignOptions(keyId, keySecret, customParams, data);
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
                + " chars") + "]";
    }
}
