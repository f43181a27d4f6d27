package io.github.smtpclient.net;

/**
 * How the client authenticates to an HTTP or HTTPS proxy (the reference's ProxyAuthentication). Used only when
 * {@link ProxySettings#getUsername()} or Kerberos credentials ({@link ProxySettings#kerberos()}) are set; SOCKS 5 always uses username/password (RFC 1929) and SOCKS 4 sends the
 * user name as its USERID.
 */
public enum ProxyAuthentication {
    /**
     * The strongest scheme the proxy offers (the default): the first CONNECT goes without credentials, and the 407
     * answer's challenges decide, Negotiate before Digest before NTLM before Basic. Negotiate is chosen only when
     * {@link ProxySettings#kerberos()} holds credentials (otherwise an offered Negotiate is passed over for the next
     * scheme offered), because Kerberos is the only one of them that authenticates the proxy too and sends nothing
     * derived from the password alone. The password reaches the proxy in clear text (Basic) only when Basic is all
     * the proxy accepts.
     */
    AUTO,
    /** Basic (RFC 7617), sent with the first CONNECT: the password crosses in clear text (base64). */
    BASIC,
    /** Digest (RFC 7616: SHA-512-256, SHA-256 or MD5, qop=auth): the password never crosses. */
    DIGEST,
    /**
     * NTLM (NTLMv2 responses, MS-NLMP): the password never crosses. The user name may carry the domain as
     * <code>DOMAIN&#92;user</code>. The proxy must keep the connection open between its challenge and the answer.
     */
    NTLM,
    /**
     * Negotiate (SPNEGO over HTTP, RFC 4559) with Kerberos, from the credentials in {@link ProxySettings#kerberos()}:
     * no password crosses, and a proxy that sends its mutual-authentication token is checked. The proxy must keep
     * the connection open between a continuation challenge and the answer.
     */
    NEGOTIATE
}
