package io.github.smtpclient.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.protocol.Wire;
import io.github.smtpclient.tls.TlsConnectionInfo;
import io.github.smtpclient.tls.TlsHandshaker;
import io.github.smtpclient.tls.TlsLayer;

/**
 * The {@link Wire} over a TCP socket, optionally with TLS layered on it. Made by {@link Connector}.
 *
 * <p>Reads are bounded by the socket timeout (they throw {@link java.net.SocketTimeoutException}); so are writes,
 * by a watchdog that closes the socket. The streams do not buffer. {@link #bytesSent()} and
 * {@link #bytesReceived()} count application bytes (SMTP commands, replies and message data) above the TLS layer,
 * so they exclude TLS handshakes and record overhead.
 *
 * <p>Used by one thread at a time, except {@link #close()}, {@link #tlsInfo()} and the byte counters, which any
 * thread may call.
 */
public final class SocketWire implements Wire {

    private final Socket tcp;
    private final String host;
    private final int port;
    private final TlsHandshaker handshaker;
    private final WriteDeadline writeDeadline;
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile TlsLayer tls;
    private InputStream input;
    private OutputStream output;

    /**
     * @param tcp the connected TCP socket
     * @param tls the TLS already layered over it (implicit TLS), or {@code null}
     */
    SocketWire(Socket tcp, TlsLayer tls, String host, int port, TlsHandshaker handshaker, Duration timeout)
            throws IOException {
        this.tcp = tcp;
        this.host = host;
        this.port = port;
        this.handshaker = handshaker;
        this.writeDeadline = new WriteDeadline(tcp, timeout);
        try {
            use(tls);
        } catch (IOException | RuntimeException e) {
            writeDeadline.release();
            throw e;
        }
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    /**
     * Layers TLS over the connection (after the server's 220 reply to STARTTLS) and handshakes at once; afterwards
     * {@link #input()} and {@link #output()} return the encrypted streams. On failure the connection is closed.
     *
     * @throws SmtpException CERTIFICATE_REJECTED, TLS_HANDSHAKE_FAILED, TIMEOUT, or NOT_CONNECTED when closed
     * @throws IllegalStateException if TLS is already active
     */
    @Override
    public void startTls() throws IOException {
        if (closed.get()) {
            throw new SmtpException(SmtpErrorCode.NOT_CONNECTED, "cannot start TLS: the connection to " + host + ":"
                    + port + " is closed");
        }
        if (isSecure()) {
            throw new IllegalStateException("TLS is already active on the connection to " + host + ":" + port);
        }
        try {
            use(handshaker.handshake(tcp, host, port, false));
        } catch (IOException e) {
            closed.set(true);
            throw e;
        }
    }

    @Override
    public boolean isSecure() {
        return tls != null;
    }

    @Override
    public boolean isLoopback() {
        return tcp.getInetAddress().isLoopbackAddress();
    }

    /** What TLS negotiated, or empty while the connection is unencrypted. */
    public Optional<TlsConnectionInfo> tlsInfo() {
        TlsLayer layer = tls;
        return layer == null ? Optional.empty() : Optional.of(layer.info());
    }

    /** The server's address and port actually connected to. */
    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) tcp.getRemoteSocketAddress();
    }

    /** This side's address and port, for example for an EHLO address literal. */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) tcp.getLocalSocketAddress();
    }

    /** Application bytes written so far (the reference's ConnInfoTotalBytesSent). */
    public long bytesSent() {
        return bytesSent.get();
    }

    /** Application bytes read so far (the reference's ConnInfoTotalBytesReceived). */
    public long bytesReceived() {
        return bytesReceived.get();
    }

    /**
     * Closes the connection without any SMTP exchange. Under TLS a close_notify alert is sent first (bounded by the
     * socket timeout), so servers do not log a truncated session. Safe to call twice and from another thread.
     */
    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        TlsLayer layer = tls;
        try {
            if (layer != null) {
                writeDeadline.run(layer::close);
            }
        } catch (IOException closeNotifyNotSent) {
            // The peer stopped reading or the connection already broke; closing the TCP socket below still ends it.
        } finally {
            writeDeadline.release();
            tcp.close();
        }
    }

    /** Reads and writes through {@code layer}, or the plain socket when it is {@code null}. */
    private void use(TlsLayer layer) throws IOException {
        input = new CountingInputStream(layer == null ? tcp.getInputStream() : layer.input(), bytesReceived);
        output = new CountingOutputStream(new DeadlineOutputStream(layer == null ? tcp.getOutputStream()
                : layer.output(), writeDeadline), bytesSent);
        tls = layer;
    }

    @Override
    public String toString() {
        return "SocketWire[" + host + ":" + port + (closed.get() ? ", closed" : "")
                + tlsInfo().map(info -> ", " + info.protocol() + " " + info.cipherSuite()).orElse(", plaintext") + "]";
    }
}
