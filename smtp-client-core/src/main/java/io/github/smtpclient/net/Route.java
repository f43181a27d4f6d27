package io.github.smtpclient.net;

import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * How a connection reaches the SMTP server: the socket SMTP (and STARTTLS) runs on, the server's address, and the
 * proxy in between, if any.
 *
 * @param transport the TCP socket, or the TLS socket to an HTTPS proxy over it
 * @param server    the SMTP server's address: resolved when the client resolved it (or it is a literal), else
 *                  unresolved ({@link InetSocketAddress#createUnresolved}) because the proxy resolved it
 * @param proxy     the proxy, or {@code null} for a direct connection
 */
record Route(Socket transport, InetSocketAddress server, ProxyConnection proxy) {

    /**
     * Whether the SMTP server is on this machine, where credentials may cross without TLS: a loopback address, or
     * through a proxy on this machine to a loopback literal or {@code localhost} (which that proxy resolves locally).
     */
    boolean serverIsLoopback() {
        if (proxy == null) {
            return server.getAddress() != null && server.getAddress().isLoopbackAddress();
        }
        if (proxy.address().getAddress() == null || !proxy.address().getAddress().isLoopbackAddress()) {
            return false; // the path to the proxy crosses the network
        }
        return server.getAddress() != null ? server.getAddress().isLoopbackAddress()
                : server.getHostString().equalsIgnoreCase("localhost");
    }
}
