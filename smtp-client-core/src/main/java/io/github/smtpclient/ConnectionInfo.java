package io.github.smtpclient;

import java.net.InetSocketAddress;
import java.util.Optional;

import io.github.smtpclient.tls.TlsConnectionInfo;

/**
 * The current connection as the reference's ConnInfo rows describe it: where it goes, whether it is encrypted
 * and how, and how many bytes crossed it.
 *
 * @param remoteAddress the server's address
 * @param localAddress  this side's address
 * @param tls           protocol version, cipher suite and certificates when encrypted
 * @param bytesSent     application bytes written to the connection (commands and data, before TLS)
 * @param bytesReceived application bytes read from the connection (replies, after TLS)
 */
public record ConnectionInfo(InetSocketAddress remoteAddress, InetSocketAddress localAddress,
        Optional<TlsConnectionInfo> tls, long bytesSent, long bytesReceived) {

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
