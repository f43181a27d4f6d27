package io.github.smtpclient;

import java.net.InetSocketAddress;
import java.util.Optional;

import io.github.smtpclient.net.ProxyConnection;
import io.github.smtpclient.tls.TlsConnectionInfo;

/**
 * The current connection as the reference's ConnInfo rows describe it: where it goes, whether it is encrypted
 * and how, how many bytes crossed it, and the proxy it goes through.
 *
 * @param remoteAddress the address the TCP connection goes to: the SMTP server's, or the proxy's when there is one
 * @param localAddress  this side's address
 * @param tls           protocol version, cipher suite and certificates when encrypted (the SMTP server's TLS, also
 *                      through an HTTPS proxy, whose own TLS is in {@link ProxyConnection#tls()})
 * @param bytesSent     application bytes written to the connection (commands and data, before TLS)
 * @param bytesReceived application bytes read from the connection (replies, after TLS)
 * @param serverAddress the SMTP server's address; behind a proxy that resolved the server's name it is unresolved
 *                      ({@link InetSocketAddress#isUnresolved()}: the name and port only)
 * @param proxy         the proxy, its address and its answer to CONNECT; empty for a direct connection
 */
public record ConnectionInfo(InetSocketAddress remoteAddress, InetSocketAddress localAddress,
        Optional<TlsConnectionInfo> tls, long bytesSent, long bytesReceived, InetSocketAddress serverAddress,
        Optional<ProxyConnection> proxy) {

    /** A direct connection: the server's address is the remote address. */
    public ConnectionInfo(InetSocketAddress remoteAddress, InetSocketAddress localAddress,
            Optional<TlsConnectionInfo> tls, long bytesSent, long bytesReceived) {
        this(remoteAddress, localAddress, tls, bytesSent, bytesReceived, remoteAddress, Optional.empty());
    }

    /** Whether the connection is encrypted (the reference's ConnInfoSecureConnection); says nothing of who the server is. */
    public boolean isSecure() {
        return tls.isPresent();
    }

    /**
     * Whether the server was authenticated (the reference's ConnInfoServerAuthenticated): the connection is
     * encrypted and its certificate validation ran and passed. False in plaintext, with validation off, and when a
     * listener accepted a chain that failed validation.
     */
    public boolean isServerAuthenticated() {
        return tls.map(TlsConnectionInfo::isServerAuthenticated).orElse(false);
    }
}
