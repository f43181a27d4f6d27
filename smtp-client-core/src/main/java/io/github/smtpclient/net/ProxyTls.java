package io.github.smtpclient.net;

import java.net.Socket;

import io.github.smtpclient.SmtpException;
import io.github.smtpclient.event.SmtpListener;
import io.github.smtpclient.tls.TlsHandshaker;

/**
 * The TLS to an HTTPS proxy, set up with {@link ProxySettings#tls()} and checked against the proxy's host name. Kept
 * apart from the SMTP connection's TLS, which runs inside the tunnel with {@code client.tls()}.
 */
final class ProxyTls {

    private ProxyTls() {
    }

    /** Layers TLS over {@code tcp} and handshakes; on failure {@code tcp} is closed. */
    static Socket handshake(Socket tcp, ProxySettings proxy, SmtpListener listener) throws SmtpException {
        try {
            return new TlsHandshaker(proxy.tls(), listener).handshake(tcp, proxy.getHost(), proxy.effectivePort(),
                    true);
        } catch (SmtpException e) {
            throw new SmtpException(e.errorCode(), "TLS to the HTTPS proxy " + proxy.getHost() + ":"
                    + proxy.effectivePort() + " failed; its settings are proxy().tls(), and a proxy that speaks plain"
                    + " HTTP needs ProxyType.HTTP: " + e.getMessage(), e);
        }
    }
}
