package io.github.smtpclient.tls;

import io.github.smtpclient.internal.SettingNames;

/**
 * When and whether the connection is encrypted (the reference's TLSTLSMode). The default,
 * {@link #defaultFor(int)}, is never {@link #NONE} or {@link #MIXED}: both let an attacker on the network path
 * read and change the session.
 */
public enum TlsMode {

    /**
     * No encryption at all. Anyone on the network path (a Wi-Fi neighbour, a compromised router, the ISP) can read
     * every command, password and message, and can change them in transit. Use only on loopback or inside a network
     * you fully control.
     */
    NONE,

    /**
     * STARTTLS is required (RFC 3207): connect in plaintext, then upgrade before authenticating or sending mail. If
     * the server does not offer STARTTLS or refuses it, the connection fails with
     * {@link io.github.smtpclient.SmtpErrorCode#TLS_NOT_AVAILABLE} instead of continuing unencrypted. The usual
     * mode for the submission port 587.
     */
    EXPLICIT,

    /**
     * TLS from the first byte, before the server's greeting (RFC 8314 "implicit TLS", port 465). Nothing is ever
     * sent in plaintext; RFC 8314 recommends this mode for submission.
     */
    IMPLICIT,

    /**
     * Opportunistic STARTTLS: upgrade when the server offers STARTTLS, otherwise continue in plaintext with a
     * {@link io.github.smtpclient.event.NotificationEvent.Kind#TLS_NOT_OFFERED} notification. This protects only
     * against passive eavesdroppers: an active attacker can strip STARTTLS from the EHLO reply (or make the upgrade
     * fail) and the session silently continues unencrypted, exposing passwords and messages. Use it only where a
     * plaintext fallback is acceptable, for example relaying between MTAs.
     */
    MIXED;

    /**
     * How error messages name this setting when they advise changing it ({@code "tls().mode"}), for example in a
     * {@link io.github.smtpclient.SmtpErrorCode#TLS_MODE_MISMATCH} failure; a layer that configures the client by
     * other names (the Spring Boot starter's {@code smtp.client.tls.mode}) can replace it.
     */
    public static final String SETTING = SettingNames.TLS_MODE;

    /** The secure default for a port: {@link #IMPLICIT} for 465, {@link #EXPLICIT} (STARTTLS required) otherwise. */
    public static TlsMode defaultFor(int port) {
        return port == 465 ? IMPLICIT : EXPLICIT;
    }
}
