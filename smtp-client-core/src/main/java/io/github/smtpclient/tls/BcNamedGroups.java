package io.github.smtpclient.tls;

import java.util.Map;

import org.bouncycastle.tls.NamedGroup;

/** The codes of the groups in {@link TlsSettings#KNOWN_NAMED_GROUPS}, for the Bouncy Castle engine. */
final class BcNamedGroups {

    private static final Map<String, Integer> CODES = Map.of("x25519", NamedGroup.x25519, "x448", NamedGroup.x448,
            "secp256r1", NamedGroup.secp256r1, "secp384r1", NamedGroup.secp384r1, "secp521r1", NamedGroup.secp521r1,
            "ffdhe2048", NamedGroup.ffdhe2048, "ffdhe3072", NamedGroup.ffdhe3072, "ffdhe4096", NamedGroup.ffdhe4096,
            "ffdhe6144", NamedGroup.ffdhe6144, "ffdhe8192", NamedGroup.ffdhe8192);

    private BcNamedGroups() {
    }

    static int codeOf(String name) {
        Integer code = CODES.get(name);
        if (code == null) {
            throw new IllegalArgumentException("unknown named group " + name);
        }
        return code;
    }
}
