package io.github.smtpclient.net;

import java.io.IOException;
import java.net.Socket;

import io.github.smtpclient.tls.TlsConnectionInfo;

/**
 * One connection to a proxy: the TCP socket and the socket the proxy protocol is spoken on (the same socket, or
 * TLS over it for an HTTPS proxy).
 *
 * @param tls what the TLS to an HTTPS proxy negotiated, or {@code null} without TLS to the proxy
 */
record ProxyLink(Socket tcp, Socket transport, TlsConnectionInfo tls) {

    /** Opens a fresh connection to the proxy, for a CONNECT after the proxy closed the previous one. */
    @FunctionalInterface
    interface Dialer {
        ProxyLink open() throws io.github.smtpclient.SmtpException;
    }

    void closeQuietly(Exception failure) {
        try {
            transport.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        } finally {
            try {
                tcp.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
