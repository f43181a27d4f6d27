package io.github.smtpclient;

/**
 * Whether a message asks for RFC 8689 REQUIRETLS: that every server on its way relays it only over TLS with a
 * validated certificate, and bounces it rather than fall back to plaintext. Set for a client with
 * {@link TransferSettings#setRequireTls(RequireTlsPolicy)}, and for one message with
 * {@link Envelope.Builder#requireTls(RequireTlsPolicy)} (or the composed message's own setting), which wins.
 *
 * <p>RFC 8689 section 4.1 lets a client send {@code MAIL FROM:<...> REQUIRETLS} only to a server that advertises
 * REQUIRETLS, over TLS whose certificate was validated. Here that means: the connection is encrypted, validation was
 * on and passed (no trust-all, no chain a listener accepted after validation refused it), and the host name was
 * checked (RFC 9525).
 */
public enum RequireTlsPolicy {

    /** REQUIRETLS is not asked for (the client default). */
    NONE,

    /**
     * REQUIRETLS when the server advertises it over a validated TLS connection; otherwise the message is sent
     * without it, the listener gets a
     * {@link io.github.smtpclient.event.NotificationEvent.Kind#REQUIRETLS_NOT_AVAILABLE} notification and the
     * result says so ({@link SendResult#downgrades()} holds {@link SendResult.Downgrade#REQUIRETLS}).
     */
    OPPORTUNISTIC,

    /**
     * REQUIRETLS or nothing: when the server does not advertise it, or the connection is not TLS with a validated
     * certificate and checked host name, the message is refused before MAIL with
     * {@link SmtpErrorCode#REQUIRETLS_NOT_AVAILABLE}; nothing of it is sent.
     */
    REQUIRE
}
