package io.github.smtpclient.tls;

/**
 * The TLS implementation a connection runs on ({@code tls().setEngine(...)}). Both validate the server's chain with
 * the same validator (trust, path, RFC 9525 identity, revocation, the certificate lists) and report the same
 * {@link TlsConnectionInfo}; they differ in what the handshake lets them see.
 */
public enum TlsEngine {

    /**
     * Bouncy Castle's own TLS API ({@code org.bouncycastle.tls}: {@code TlsClientProtocol} with {@code BcTlsCrypto}),
     * the default. It reports every negotiated detail: named group, key exchange size, the server's signature scheme,
     * resumption, and a connection ID from the exporter. It resumes TLS 1.2 sessions by session ID only, so only
     * with servers that keep a session cache: Bouncy Castle 1.84 sends no session-ticket extension, offers a saved
     * session only in a ClientHello that includes TLS 1.2, and discards TLS 1.3 NewSessionTicket messages, so a
     * TLS 1.3 connection always makes a full handshake.
     */
    BOUNCY_CASTLE,

    /**
     * The JDK's provider (JSSE, SunJSSE). It resumes TLS 1.2 and 1.3 sessions, but has no API for the named group, the
     * signature scheme or the exporter, so {@link TlsConnectionInfo} reports those as unknown. Always used with an
     * application's own {@code SSLContext} ({@link TlsSettings#setSslContext}).
     */
    JSSE
}
