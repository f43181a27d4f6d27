package io.github.smtpclient.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.github.smtpclient.ChannelBinding;
import io.github.smtpclient.Hint;
import io.github.smtpclient.Setting;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.protocol.ReadDeadline;
import io.github.smtpclient.protocol.Wire;
import io.github.smtpclient.tls.TlsConnectionInfo;
import io.github.smtpclient.tls.TlsHandshaker;
import io.github.smtpclient.tls.TlsLayer;

/**
 * The {@link Wire} over a TCP socket, optionally with TLS layered on it, possibly through a proxy's tunnel. Made by
 * {@link Connector}.
 *
 * <p>Reads are bounded by the time left on the {@link #readDeadline()} while it runs, else by the socket timeout (they
 * throw {@link java.net.SocketTimeoutException}); writes and the whole TLS handshake are bounded by the socket timeout,
 * by a watchdog that closes the socket. The streams do not buffer. {@link #bytesSent()} and
 * {@link #bytesReceived()} count application bytes (SMTP commands, replies and message data) above the TLS layer,
 * so they exclude TLS handshakes and record overhead. With {@link SocketSettings#getIncomingSpeedLimit() speed
 * limits} the streams are throttled at the same level; without them they are not wrapped.
 *
 * <p>Used by one thread at a time, except {@link #close()}, {@link #tlsInfo()} and the byte counters, which any
 * thread may call.
 */
// Wire is the engine's seam and its package is not exported, so javac's [exports] lint sees it leak here. No
// application holds a SocketWire (only Connector makes one, for SmtpClient); it leaves the exported package when net's
// implementation is split from its settings (docs/ARCHITECTURE.md, "Known exceptions").
@SuppressWarnings("exports")
public final class SocketWire implements Wire {

    private final Socket tcp;
    private final Route route;
    private final List<RateLimiter> incomingLimits;
    private final List<RateLimiter> outgoingLimits;
    private final String host;
    private final int port;
    private final TlsHandshaker handshaker;
    private final WriteDeadline writeDeadline;
    private final Duration timeout;
    private final ReadDeadline readDeadline = new ReadDeadline();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile TlsLayer tls;
    private DeadlineInputStream deadlineInput;
    private InputStream input;
    private OutputStream output;

    /**
     * @param tcp         the connected TCP socket (to the server, or to the proxy)
     * @param route       where the connection goes; its transport carries the SMTP connection's bytes
     * @param implicitTls whether to complete a TLS handshake at once (implicit TLS), bounded like a STARTTLS one
     * @throws SmtpException as {@link #startTls()} when the implicit TLS handshake fails; the socket is closed then
     */
    SocketWire(Socket tcp, String host, int port, TlsHandshaker handshaker, SocketSettings settings, Route route,
            boolean implicitTls) throws IOException {
        this.tcp = tcp;
        this.route = route;
        this.incomingLimits = limits(settings.getIncomingSpeedLimit(), null);
        this.outgoingLimits = limits(settings.getOutgoingSpeedLimit(), settings.getSharedOutgoingLimiter());
        this.host = host;
        this.port = port;
        this.handshaker = handshaker;
        this.timeout = settings.getTimeout();
        this.writeDeadline = new WriteDeadline(tcp, timeout);
        try {
            use(implicitTls ? handshake(true) : null);
        } catch (IOException | RuntimeException e) {
            writeDeadline.release();
            tcp.close();
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

    @Override
    public ReadDeadline readDeadline() {
        return readDeadline;
    }

    /** Decrypted bytes ready, plus under TLS the received bytes the TLS layer has not processed yet. */
    @Override
    public int unreadBytes() throws IOException {
        int ready = deadlineInput.available();
        return tls == null && route.transport() == tcp ? ready : ready + tcp.getInputStream().available();
    }

    /** @see TlsProbe */
    @Override
    public boolean answersTlsHandshake(Duration probeTimeout) throws IOException {
        if (isSecure()) {
            throw new IllegalStateException("the connection to " + host + ":" + port + " already uses TLS");
        }
        return TlsProbe.answersTls(tcp, new DeadlineOutputStream(tcp.getOutputStream(), writeDeadline), host, port,
                probeTimeout);
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
            use(handshake(false));
        } catch (IOException e) {
            closed.set(true);
            throw e;
        }
    }

    /**
     * The TLS handshake, bounded as a whole by the socket timeout: each of its reads is bounded by the socket's read
     * timeout, and the watchdog closes the socket when the whole handshake takes longer (a server that drips).
     */
    private TlsLayer handshake(boolean implicitTls) throws IOException {
        if (deadlineInput != null) {
            deadlineInput.restoreSocketTimeout();
        }
        TlsLayer[] secured = new TlsLayer[1];
        try {
            writeDeadline.run(() -> secured[0] = handshaker.handshake(route.transport(), host, port, implicitTls));
        } catch (SocketTimeoutException watchdog) {
            throw new SmtpException(SmtpErrorCode.TIMEOUT, "the TLS handshake with " + host + ":" + port
                    + " did not finish within " + timeout.toMillis() + " ms: the server sent its part too slowly or not"
                    + " at all; the connection was closed.", watchdog)
                    .withHint(Hint.raiseIfSlow(Setting.SOCKET_TIMEOUT.mention()));
        }
        return secured[0];
    }

    /**
     * Whether the SMTP connection itself is encrypted (implicit TLS or STARTTLS). The TLS to an HTTPS proxy does not
     * count: the proxy sees what passes through its tunnel.
     */
    @Override
    public boolean isSecure() {
        return tls != null;
    }

    @Override
    public boolean clientCertificatePresented() {
        TlsLayer layer = tls;
        return layer != null && layer.info().clientAuthenticated();
    }

    @Override
    public boolean clientCertificateWithheld() {
        TlsLayer layer = tls;
        return layer != null && layer.info().clientAuthRequested().orElse(false) && !layer.info().clientAuthenticated();
    }

    /**
     * Whether the SMTP server is on this machine: a loopback address, directly or through a proxy that is itself on
     * this machine. Through a proxy elsewhere the path crosses the network, so it is never loopback.
     */
    @Override
    public boolean isLoopback() {
        return route.serverIsLoopback();
    }

    @Override
    public Optional<ChannelBinding> channelBinding() {
        TlsLayer layer = tls;
        return layer == null ? Optional.empty() : layer.channelBinding();
    }

    /** What the SMTP connection's TLS negotiated, or empty while it is unencrypted (see {@link #isSecure()}). */
    public Optional<TlsConnectionInfo> tlsInfo() {
        TlsLayer layer = tls;
        return layer == null ? Optional.empty() : Optional.of(layer.info());
    }

    /** The address and port the TCP connection goes to: the server's, or the proxy's when there is one. */
    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) tcp.getRemoteSocketAddress();
    }

    /**
     * The SMTP server's address and port: the one connected to, or behind a proxy the server as the proxy was asked
     * for it (an unresolved name when the proxy resolved it, see {@link InetSocketAddress#isUnresolved()}).
     */
    public InetSocketAddress serverAddress() {
        return route.server();
    }

    /** The proxy the connection goes through, or empty for a direct connection. */
    public Optional<ProxyConnection> proxy() {
        return Optional.ofNullable(route.proxy());
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
     * socket timeout), so servers do not log a truncated session, and with {@code tls().closeNotifyWait} the server's
     * is waited for (bounded by that wait and the socket timeout). Safe to call twice and from another thread.
     */
    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        TlsLayer layer = tls;
        Socket transport = route.transport();
        try {
            if (layer != null) {
                writeDeadline.run(layer::close);
            } else if (transport != tcp) {
                writeDeadline.run(transport::close); // close_notify to the HTTPS proxy
            }
        } catch (IOException closeNotifyNotSent) {
            // The peer stopped reading or the connection already broke; closing the TCP socket below still ends it.
        } finally {
            writeDeadline.release();
            tcp.close();
        }
    }

    /** Reads and writes through {@code layer}, or the route's transport when it is {@code null}. */
    private void use(TlsLayer layer) throws IOException {
        Socket transport = route.transport();
        deadlineInput = new DeadlineInputStream(layer == null ? transport.getInputStream() : layer.input(), tcp,
                readDeadline, (int) timeout.toMillis());
        // The throttle waits outside the write deadline, so its pauses are not taken for a server that stopped reading.
        OutputStream out = new DeadlineOutputStream(layer == null ? transport.getOutputStream() : layer.output(),
                writeDeadline);
        input = new CountingInputStream(incomingLimits.isEmpty() ? deadlineInput
                : new ThrottledInputStream(deadlineInput, incomingLimits), bytesReceived);
        output = new CountingOutputStream(outgoingLimits.isEmpty() ? out
                : new ThrottledOutputStream(out, outgoingLimits), bytesSent);
        tls = layer;
    }

    private static List<RateLimiter> limits(long perConnection, RateLimiter shared) {
        List<RateLimiter> limits = new ArrayList<>(2);
        if (perConnection > 0) {
            limits.add(RateLimiter.perSecond((double) perConnection));
        }
        if (shared != null) {
            limits.add(shared);
        }
        return List.copyOf(limits);
    }

    @Override
    public String toString() {
        return "SocketWire[" + host + ":" + port + (route.proxy() == null ? "" : " via " + route.proxy().type()
                + " proxy " + route.proxy().address()) + (closed.get() ? ", closed" : "")
                + tlsInfo().map(info -> ", " + info.protocol() + " " + info.cipherSuite()).orElse(", plaintext") + "]";
    }
}
