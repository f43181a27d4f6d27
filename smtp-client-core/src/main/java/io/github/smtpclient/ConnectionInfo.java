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

    /** The reference's ConnInfoSecureConnection. */
    public boolean isSecure() {
        return tls.isPresent();
    }
}
