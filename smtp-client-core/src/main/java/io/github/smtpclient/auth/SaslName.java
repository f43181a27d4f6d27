package io.github.smtpclient.auth;

/** The {@code saslname} encoding of RFC 5802/7628 for user names inside comma-separated GS2 messages. */
final class SaslName {

    private SaslName() {
    }

    /** Escapes {@code =} as {@code =3D} and {@code ,} as {@code =2C}, in that order so that no escape is escaped. */
    static String escape(String name) {
        return name.replace("=", "=3D").replace(",", "=2C");
    }
}
