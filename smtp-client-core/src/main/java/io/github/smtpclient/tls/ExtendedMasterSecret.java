package io.github.smtpclient.tls;

/**
 * How the client treats the extended master secret of RFC 7627 in TLS 1.2 ({@code tls().setExtendedMasterSecret}).
 * Without it, a man in the middle can make two TLS 1.2 sessions share one master secret (the triple handshake
 * attack), and the keying material the session exports is not bound to it. TLS 1.3 always has the equivalent.
 */
public enum ExtendedMasterSecret {

    /** Offer it and refuse a TLS 1.2 server that does not agree to it (Bouncy Castle engine only). */
    REQUIRED,

    /** Offer it and accept a TLS 1.2 server that does not agree to it: the default of both engines. */
    PREFERRED,

    /** Do not offer it (for a broken server that fails on the extension; Bouncy Castle engine only). */
    OFF
}
