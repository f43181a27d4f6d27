package io.github.smtpclient.tls;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

import io.github.smtpclient.text.PrintableText;

/**
 * A TLS pre-shared key and the identity it is known by on the server (the reference's TLSPreSharedIdentity and
 * TLSPreSharedKey), for {@link TlsSettings#setPreSharedKey}. Immutable; the key is copied in and out and never
 * appears in {@link #toString()}, which shows only its length.
 */
public final class PreSharedKey {

    /** The shortest key accepted, in bytes: 128 bits, as stunnel and RFC 9257's advice for external PSKs ask. */
    public static final int MIN_KEY_BYTES = 16;

    private static final int MAX_BYTES = 65_535;

    private final String identity;
    private final byte[] key;

    private PreSharedKey(String identity, byte[] key) {
        this.identity = identity;
        this.key = key;
    }

    /**
     * A key for {@code identity} (sent as UTF-8, as RFC 4279 5.1 asks).
     *
     * @throws IllegalArgumentException if the identity is empty, holds control characters or is longer than 65535
     *                                  bytes, or the key is shorter than {@link #MIN_KEY_BYTES} or longer than 65535
     *                                  bytes
     */
    public static PreSharedKey of(String identity, byte[] key) {
        Objects.requireNonNull(identity, "tls().preSharedKey identity");
        Objects.requireNonNull(key, "tls().preSharedKey key");
        if (identity.isEmpty() || identity.chars().anyMatch(Character::isISOControl)
                || identity.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalArgumentException("tls().preSharedKey: the identity '" + PrintableText.excerpt(identity)
                    + "' must be 1 to 65535 bytes of UTF-8 without control characters");
        }
        if (key.length < MIN_KEY_BYTES || key.length > MAX_BYTES) {
            throw new IllegalArgumentException("tls().preSharedKey: the key of identity '"
                    + PrintableText.excerpt(identity) + "' has " + key.length + " bytes; it needs "
                    + MIN_KEY_BYTES + " to 65535 (a random 32-byte key: openssl rand -hex 32)");
        }
        return new PreSharedKey(identity, key.clone());
    }

    /**
     * A key given in hexadecimal (base16, as the reference's TLSPreSharedKey and stunnel's PSKsecrets write it).
     *
     * @throws IllegalArgumentException if {@code hexKey} is not an even number of hex digits, or as {@link #of}
     */
    public static PreSharedKey ofHex(String identity, String hexKey) {
        Objects.requireNonNull(hexKey, "tls().preSharedKey key");
        byte[] key;
        try {
            key = HexFormat.of().parseHex(hexKey.strip());
        } catch (IllegalArgumentException e) {
            // The message never quotes the value: it is a secret.
            throw new IllegalArgumentException("tls().preSharedKey: the key must be written as an even number of"
                    + " hexadecimal digits (" + hexKey.strip().length() + " characters given)", e);
        }
        return of(identity, key);
    }

    /** The identity the client names in the handshake. */
    public String identity() {
        return identity;
    }

    /** A copy of the key's bytes. */
    public byte[] key() {
        return key.clone();
    }

    byte[] identityBytes() {
        return identity.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PreSharedKey that && identity.equals(that.identity) && Arrays.equals(key, that.key);
    }

    @Override
    public int hashCode() {
        return identity.hashCode() * 31 + Arrays.hashCode(key);
    }

    /** The identity and the key's length; never the key. */
    @Override
    public String toString() {
        return "PreSharedKey[identity=" + PrintableText.escape(identity) + ", key=****(" + key.length + " bytes)]";
    }
}
