package io.github.smtpclient.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;

/**
 * Finds out whether a server that never greeted speaks TLS: sends it a TLS ClientHello (made by the JDK's own TLS
 * engine) and looks at the first bytes of the answer. A TLS server answers any ClientHello with a handshake or an
 * alert record ({@code 0x16} or {@code 0x15}, then major version {@code 0x03}); an SMTP server does not. Nothing is
 * validated and no handshake is completed: the connection is useless afterwards.
 */
final class TlsProbe {

    private static final int HANDSHAKE = 0x16;
    private static final int ALERT = 0x15;
    private static final int MAJOR_VERSION = 0x03;

    private TlsProbe() {
    }

    /**
     * Whether the server behind {@code tcp} answers a ClientHello with a TLS record within {@code timeout}.
     *
     * @param out the stream to write the ClientHello to: {@code tcp}'s, bounded by the wire's write deadline
     */
    static boolean answersTls(Socket tcp, OutputStream out, String host, int port, Duration timeout)
            throws IOException {
        out.write(clientHello(host, port));
        out.flush();
        tcp.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
        InputStream in = tcp.getInputStream();
        try {
            int first = in.read();
            int second = first < 0 ? -1 : in.read();
            return (first == HANDSHAKE || first == ALERT) && second == MAJOR_VERSION;
        } catch (SocketTimeoutException silent) {
            return false;
        }
    }

    private static byte[] clientHello(String host, int port) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, null, null);
            SSLEngine engine = context.createSSLEngine(host, port);
            engine.setUseClientMode(true);
            engine.beginHandshake();
            ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            SSLEngineResult result = engine.wrap(ByteBuffer.allocate(0), out);
            if (result.bytesProduced() == 0) {
                throw new IOException("the TLS engine produced no ClientHello: " + result);
            }
            out.flip();
            byte[] bytes = new byte[out.remaining()];
            out.get(bytes);
            return bytes;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot make a TLS ClientHello: " + e.getMessage(), e);
        }
    }
}
