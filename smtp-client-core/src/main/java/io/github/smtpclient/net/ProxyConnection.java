package io.github.smtpclient.net;

import java.net.InetSocketAddress;
import java.util.Optional;

import io.github.smtpclient.tls.TlsConnectionInfo;

/**
 * The proxy a connection goes through, as connected.
 *
 * @param type           the proxy type
 * @param address        the proxy's address and port actually connected to
 * @param authentication the scheme the proxy accepted, such as {@code "Digest"}, {@code "NTLM"}, {@code "Basic"} or
 *                       {@code "username/password"}; empty when none was needed
 * @param tls            the TLS to an {@link ProxyType#HTTPS HTTPS proxy}
 * @param response       an HTTP or HTTPS proxy's answer to CONNECT
 */
public record ProxyConnection(ProxyType type, InetSocketAddress address, Optional<String> authentication,
        Optional<TlsConnectionInfo> tls, Optional<ProxyResponse> response) {
}
