package io.github.smtpclient.tls;

/**
 * Whether a TLS 1.2 server must support the secure renegotiation of RFC 5746 ({@code tls().setSecureRenegotiation},
 * the reference's TLSRenegotiationAttackPreventionMode). Without it, a man in the middle can open its own TLS
 * session with the server, send a prefix of its choosing (such as SMTP commands) and then hand the client's
 * handshake to the server as a renegotiation of that session: the server takes the prefix as the client's, and the
 * client cannot tell (CVE-2009-3555). The client never renegotiates itself, and always offers the extension;
 * TLS 1.3 has no renegotiation at all, so this applies to TLS 1.2 only.
 */
public enum SecureRenegotiation {

    /** Refuse a TLS 1.2 server whose ServerHello lacks the renegotiation_info extension: the default. */
    REQUIRED,

    /**
     * Accept a TLS 1.2 server without RFC 5746 (a server older than 2010), at the risk above; for one such server
     * only, never as a general setting.
     */
    PREFERRED
}
