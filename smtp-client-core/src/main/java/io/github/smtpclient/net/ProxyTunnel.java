package io.github.smtpclient.net;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Optional;

import io.github.smtpclient.Hint;
import io.github.smtpclient.Setting;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;

/**
 * Turns a connection to a proxy into a tunnel to the SMTP server by speaking the proxy's handshake directly on the
 * socket's streams. It reads exactly the proxy's answer and nothing more, so the SMTP greeting that may follow in
 * the same segment stays in the socket for the SMTP engine.
 */
final class ProxyTunnel {

    private ProxyTunnel() {
    }

    /** An open tunnel: the connection it runs on and what the proxy said. */
    record Tunnel(ProxyLink link, ProxyConnection info) {
    }

    /**
     * Connects to the proxy through {@code dialer} and asks it to connect to {@code host:port}.
     *
     * @throws SmtpException CONNECT_FAILED when the proxy refuses or does not speak the protocol, PROXY_AUTH_FAILED
     *                       when it rejects or requires credentials, TIMEOUT when it stops answering
     */
    static Tunnel establish(ProxyLink.Dialer dialer, ProxySettings proxy, String host, int port,
            AddressResolver resolver) throws SmtpException {
        String proxyName = proxy.getType() + " proxy " + proxy.getHost() + ":" + proxy.effectivePort();
        ProxyLink link = dialer.open();
        try {
            String authentication = null;
            ProxyResponse response = null;
            Socket socket = link.transport();
            switch (proxy.getType()) {
                case SOCKS5 -> authentication = Socks5Handshake.establish(socket, proxy, host, port, proxyName);
                case SOCKS4, SOCKS4A -> Socks4Handshake.establish(socket, proxy, host, port, proxyName, resolver);
                case HTTP, HTTPS -> {
                    HttpConnectTunnel.Opened opened = HttpConnectTunnel.establish(link, dialer, proxy, host, port,
                            proxyName);
                    link = opened.link();
                    authentication = opened.authentication();
                    response = opened.response();
                }
                case NONE -> throw new IllegalStateException("no proxy to tunnel through");
            }
            return new Tunnel(link, new ProxyConnection(proxy.getType(),
                    (InetSocketAddress) link.tcp().getRemoteSocketAddress(), Optional.ofNullable(authentication),
                    Optional.ofNullable(link.tls()),
                    Optional.ofNullable(response)));
        } catch (SmtpException e) {
            link.closeQuietly(e);
            throw e; // already explained; SmtpException is an IOException, so it must not reach the catch below
        } catch (SocketTimeoutException e) {
            link.closeQuietly(e);
            throw new SmtpException(SmtpErrorCode.TIMEOUT, "the " + proxyName + " did not answer within "
                    + soTimeout(link.tcp()) + " ms while opening the tunnel to " + host + ":" + port, e)
                    .withHint(Hint.of("If the proxy is this slow, raise {}.", Setting.SOCKET_TIMEOUT.mention()));
        } catch (EOFException e) {
            link.closeQuietly(e);
            throw new SmtpException(SmtpErrorCode.CONNECT_FAILED, "the " + proxyName + " closed the connection while"
                    + " opening the tunnel to " + host + ":" + port + "; check proxy().type and that the proxy lets"
                    + " this client connect", e);
        } catch (IOException e) {
            link.closeQuietly(e);
            throw new SmtpException(SmtpErrorCode.CONNECT_FAILED, "the connection to the " + proxyName + " failed"
                    + " while opening the tunnel to " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    private static int soTimeout(Socket socket) {
        try {
            return socket.getSoTimeout();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Reads exactly {@code count} bytes, failing with EOFException when the proxy closes the connection first. */
    static byte[] readExactly(InputStream in, int count) throws IOException {
        byte[] bytes = in.readNBytes(count);
        if (bytes.length < count) {
            throw new EOFException("the proxy closed the connection after " + bytes.length + " of " + count
                    + " expected bytes");
        }
        return bytes;
    }

    static SmtpException refused(String message) {
        return new SmtpException(SmtpErrorCode.CONNECT_FAILED, message);
    }

    /** The proxy, not the SMTP server, refused or requires the credentials. */
    static SmtpException authFailed(String message) {
        return new SmtpException(SmtpErrorCode.PROXY_AUTH_FAILED, message);
    }
}
