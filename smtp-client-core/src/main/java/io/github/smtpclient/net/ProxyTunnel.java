package io.github.smtpclient.net;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;

/**
 * Turns a TCP connection to a proxy into a tunnel to the SMTP server by speaking the proxy's handshake directly on
 * the socket's streams. It reads exactly the proxy's answer and nothing more, so the SMTP greeting that may follow
 * in the same segment stays in the socket for the SMTP engine.
 */
final class ProxyTunnel {

    private ProxyTunnel() {
    }

    /**
     * Asks the proxy on {@code socket} to connect to {@code host:port}.
     *
     * @throws SmtpException CONNECT_FAILED when the proxy refuses or does not speak the protocol, AUTH_FAILED when
     *                       it rejects or requires credentials, TIMEOUT when it stops answering
     */
    static void establish(Socket socket, ProxySettings proxy, String host, int port, AddressResolver resolver)
            throws SmtpException {
        String proxyName = proxy.getType() + " proxy " + proxy.getHost() + ":" + proxy.effectivePort();
        try {
            switch (proxy.getType()) {
                case SOCKS5 -> Socks5Handshake.establish(socket, proxy, host, port, proxyName);
                case SOCKS4, SOCKS4A -> Socks4Handshake.establish(socket, proxy, host, port, proxyName, resolver);
                case HTTP -> HttpConnectHandshake.establish(socket, proxy, host, port, proxyName);
                case NONE -> throw new IllegalStateException("no proxy to tunnel through");
            }
        } catch (SmtpException e) {
            throw e; // already explained; SmtpException is an IOException, so it must not reach the catch below
        } catch (SocketTimeoutException e) {
            throw new SmtpException(SmtpErrorCode.TIMEOUT, "the " + proxyName + " did not answer within "
                    + soTimeout(socket) + " ms (socket().timeout)"
                    + " while opening the tunnel to " + host + ":" + port, e);
        } catch (EOFException e) {
            throw new SmtpException(SmtpErrorCode.CONNECT_FAILED, "the " + proxyName + " closed the connection while"
                    + " opening the tunnel to " + host + ":" + port + "; check proxy().type and that the proxy lets"
                    + " this client connect", e);
        } catch (IOException e) {
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

    static SmtpException authFailed(String message) {
        return new SmtpException(SmtpErrorCode.AUTH_FAILED, message);
    }
}
