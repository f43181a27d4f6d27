package io.github.smtpclient.tls;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.CipherType;
import org.bouncycastle.tls.EncryptionAlgorithm;
import org.bouncycastle.tls.KeyExchangeAlgorithm;
import org.bouncycastle.tls.MACAlgorithm;
import org.bouncycastle.tls.TlsUtils;

/**
 * What a negotiated cipher suite fixes, looked up by its IANA code in Bouncy Castle's suite tables (the same tables
 * its TLS engine runs on): the record cipher with its key and block size, whether it is AEAD, the record MAC, and
 * for TLS 1.2 suites the key exchange. Nothing is parsed out of the suite's name.
 *
 * @param code        the IANA code
 * @param encryption  the record cipher, for example {@code AES_256_GCM}
 * @param keyBits     its key size in bits
 * @param blockBits   its block size in bits; 0 for stream ciphers (ChaCha20, RC4)
 * @param aead        whether the record protection is an AEAD cipher
 * @param mac         the record MAC (for example {@code SHA256} of HMAC-SHA256), or {@code null} for AEAD suites
 * @param keyExchange the TLS 1.2 key exchange (for example {@code ECDHE_RSA}), or {@code null} for TLS 1.3 suites,
 *                    whose key exchange the suite does not fix
 */
record SuiteFacts(int code, String encryption, int keyBits, int blockBits, boolean aead, String mac, String keyExchange) {

    private static final Map<String, Integer> CODES = constants(CipherSuite.class);
    private static final Map<Integer, String> ENCRYPTION_NAMES = inverse(constants(EncryptionAlgorithm.class));
    private static final Map<Integer, String> KEY_EXCHANGE_NAMES = inverse(constants(KeyExchangeAlgorithm.class));

    /** The facts of the suite with this standard name, or empty when Bouncy Castle does not know it. */
    static Optional<SuiteFacts> of(String suiteName) {
        Integer code = CODES.get(suiteName);
        return code == null ? Optional.empty() : of(code);
    }

    static Optional<SuiteFacts> of(int code) {
        int encryption = TlsUtils.getEncryptionAlgorithm(code);
        if (encryption < 0) {
            return Optional.empty();
        }
        int mac = TlsUtils.getMACAlgorithm(code);
        int keyExchange = TlsUtils.getKeyExchangeAlgorithm(code);
        int[] sizes = sizes(encryption);
        return Optional.of(new SuiteFacts(code, name(ENCRYPTION_NAMES, encryption), sizes[0], sizes[1],
                TlsUtils.getCipherType(code) == CipherType.aead,
                mac == MACAlgorithm._null ? null : MACAlgorithm.getName(mac).replace("hmac_", "").toUpperCase(Locale.ROOT),
                keyExchange == KeyExchangeAlgorithm.NULL ? null : name(KEY_EXCHANGE_NAMES, keyExchange)));
    }

    /** The standard name of a suite code, for example {@code TLS_AES_128_GCM_SHA256}. */
    static String nameOf(int code) {
        for (Map.Entry<String, Integer> entry : CODES.entrySet()) {
            if (entry.getValue() == code) {
                return entry.getKey();
            }
        }
        return String.format("0x%04X", code);
    }

    /** The code of a suite's standard name, or -1. */
    static int codeOf(String name) {
        return CODES.getOrDefault(name, -1);
    }

    /** Whether the record cipher is an export-grade one (at most 56-bit keys). */
    boolean exportable() {
        return keyBits > 0 && keyBits <= 56;
    }

    /** Whether the TLS 1.2 key exchange is ephemeral (DHE, ECDHE); null for TLS 1.3 suites. */
    Boolean forwardSecret() {
        return keyExchange == null ? null : keyExchange.contains("DHE");
    }

    /** Key and block size in bits of a record cipher. */
    private static int[] sizes(int encryption) {
        return switch (encryption) {
            case EncryptionAlgorithm.AES_128_CBC, EncryptionAlgorithm.AES_128_GCM, EncryptionAlgorithm.AES_128_CCM,
                    EncryptionAlgorithm.AES_128_CCM_8, EncryptionAlgorithm.CAMELLIA_128_CBC,
                    EncryptionAlgorithm.CAMELLIA_128_GCM, EncryptionAlgorithm.ARIA_128_CBC,
                    EncryptionAlgorithm.ARIA_128_GCM, EncryptionAlgorithm.SEED_CBC, EncryptionAlgorithm.SM4_CBC,
                    EncryptionAlgorithm.SM4_CCM, EncryptionAlgorithm.SM4_GCM -> new int[] {128, 128};
            case EncryptionAlgorithm.AES_256_CBC, EncryptionAlgorithm.AES_256_GCM, EncryptionAlgorithm.AES_256_CCM,
                    EncryptionAlgorithm.AES_256_CCM_8, EncryptionAlgorithm.CAMELLIA_256_CBC,
                    EncryptionAlgorithm.CAMELLIA_256_GCM, EncryptionAlgorithm.ARIA_256_CBC,
                    EncryptionAlgorithm.ARIA_256_GCM -> new int[] {256, 128};
            case EncryptionAlgorithm.CHACHA20_POLY1305 -> new int[] {256, 0};
            case EncryptionAlgorithm._3DES_EDE_CBC -> new int[] {168, 64};
            case EncryptionAlgorithm.DES_CBC -> new int[] {56, 64};
            case EncryptionAlgorithm.DES40_CBC, EncryptionAlgorithm.RC2_CBC_40 -> new int[] {40, 64};
            case EncryptionAlgorithm.IDEA_CBC -> new int[] {128, 64};
            case EncryptionAlgorithm.RC4_128 -> new int[] {128, 0};
            case EncryptionAlgorithm.RC4_40 -> new int[] {40, 0};
            default -> new int[] {0, 0};
        };
    }

    private static String name(Map<Integer, String> names, int value) {
        String name = names.getOrDefault(value, Integer.toString(value));
        return name.startsWith("_") ? name.substring(1) : name;
    }

    private static Map<String, Integer> constants(Class<?> holder) {
        Map<String, Integer> constants = new HashMap<>();
        for (Field field : holder.getFields()) {
            if (field.getType() == int.class && Modifier.isStatic(field.getModifiers())) {
                try {
                    constants.put(field.getName(), field.getInt(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot read " + holder.getName() + "." + field.getName(), e);
                }
            }
        }
        return Map.copyOf(constants);
    }

    private static Map<Integer, String> inverse(Map<String, Integer> constants) {
        Map<Integer, String> names = new HashMap<>();
        constants.forEach((name, value) -> names.putIfAbsent(value, name));
        return Map.copyOf(names);
    }
}
