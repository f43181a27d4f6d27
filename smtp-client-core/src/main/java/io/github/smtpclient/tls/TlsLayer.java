package io.github.smtpclient.tls;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

import javax.net.ssl.SSLSocket;

import io.github.smtpclient.ChannelBinding;

/**
 * TLS established over a connected socket by {@link TlsHandshaker}: the encrypted streams, what was negotiated, and
 * the close that sends close_notify. Whichever engine made it, it looks the same to the network layer.
 */
public interface TlsLayer extends Closeable {

    /** Decrypted bytes from the server. Reads time out as the underlying socket's do. */
    InputStream input() throws IOException;

    /** Bytes to encrypt and send to the server. */
    OutputStream output() throws IOException;

    /** What the handshake negotiated and how the server's certificate was judged. */
    TlsConnectionInfo info();

    /**
     * The channel binding SASL mechanisms such as SCRAM-SHA-256-PLUS sign into their exchange. The Bouncy Castle engine
     * gives {@code tls-exporter} (RFC 9266: 32 bytes exported with the label {@code EXPORTER-Channel-Binding} and an
     * empty context) on TLS 1.3. Everywhere else it is {@code tls-server-end-point} (RFC 5929), the hash of the
     * server's certificate, which every engine and version can give; empty when the certificate's signature defines
     * no hash for it (Ed25519). So TLS 1.2 uses tls-server-end-point: RFC 9266 allows tls-exporter there only with the
     * extended master secret, and servers disagree on whether its context is empty or absent. JSSE (Java 17) also
     * uses tls-server-end-point, because {@code SSLSocket} has no keying material exporter.
     */
    default Optional<ChannelBinding> channelBinding() {
        var chain = info().peerCertificates();
        return chain.isEmpty() ? Optional.empty() : ServerEndPoint.of(chain.get(0));
    }

    /**
     * The TLS socket when the engine works on one (JSSE), so that a second TLS can be layered over this one, as the
     * SMTP connection's TLS is over the TLS to an HTTPS proxy; empty on Bouncy Castle, whose TLS is a pair of streams.
     */
    default Optional<SSLSocket> socket() {
        return Optional.empty();
    }

    /**
     * Sends close_notify and closes the socket beneath; with a positive {@link TlsSettings#getCloseNotifyWait()},
     * waits that long at most for the server's close_notify in between.
     */
    @Override
    void close() throws IOException;

    /**
     * Whether the server's close_notify arrived while {@link #close()} waited for it; false when it did not within
     * {@link TlsSettings#getCloseNotifyWait()}, or was not waited for. On {@link TlsEngine#JSSE} also true when the
     * server closed the TCP connection without one, which SunJSSE takes for a close_notify (unless the JVM runs with
     * {@code -Dcom.sun.net.ssl.requireCloseNotify=true}); Bouncy Castle tells the two apart.
     */
    boolean closeNotifyReceived();
}
