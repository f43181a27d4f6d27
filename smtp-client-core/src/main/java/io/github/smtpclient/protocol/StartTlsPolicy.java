package io.github.smtpclient.protocol;

/** What the session does about STARTTLS after EHLO; the client maps its TLS mode onto this. */
public enum StartTlsPolicy {
    /** Never upgrade (no TLS, or TLS from the first byte already). */
    NEVER,
    /** Upgrade, and fail the connection if the server cannot. */
    REQUIRED,
    /** Upgrade if the server offers it, otherwise continue in plaintext and say so. */
    OPPORTUNISTIC
}
