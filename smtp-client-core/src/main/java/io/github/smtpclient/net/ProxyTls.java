package io.github.smtpclient.net;

import java.net.Socket;

import javax.net.ssl.SSLSocket;

import io.github.smtpclient.SmtpException;
import io.github.smtpclient.event.SmtpListener;
import io.github.smtpclient.tls.TlsHandshaker;
import io.github.smtpclient.tls.TlsLayer;

/**
 * The TLS to an HTTPS proxy, set up with {@link ProxySettings#tls()} and checked against the proxy's host name. Kept
 * apart from the SMTP connection's TLS, which runs inside the tunnel with {@code client.tls()} on either engine. This
 * outer TLS always runs on JSSE ({@link TlsHandshaker#handshakeOnJsse}): the tunnel must be a socket for the inner TLS
 * to layer over, and {@code proxy().tls().engine} is not consulted.
 */
final class ProxyTls {

    private ProxyTls() {
    }

    /** Layers TLS over {@code tcp} and handshakes; on failure {@code tcp} is closed. */
    static ProxyLink handshake(Socket tcp, ProxySettings proxy, SmtpListener listener) throws SmtpException {
        try {
            TlsLayer layer = new TlsHandshaker(proxy.tls(), listener).handshakeOnJsse(tcp, proxy.getHost(),
                    proxy.effectivePort());
            SSLSocket transport = layer.socket().orElseThrow(() -> new IllegalStateException("JSSE made no socket"));
            return new ProxyLink(tcp, transport, layer.info());
        } catch (SmtpException e) {
            throw new SmtpException(e.errorCode(), "TLS to the HTTPS proxy " + proxy.getHost() + ":"
                    + proxy.effectivePort() + " failed; its settings are proxy().tls(), and a proxy that speaks plain"
                    + " HTTP needs ProxyType.HTTP: " + e.getMessage(), e);
        }
    }
}
