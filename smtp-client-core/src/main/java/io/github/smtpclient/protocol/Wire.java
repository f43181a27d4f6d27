package io.github.smtpclient.protocol;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;

import io.github.smtpclient.ChannelBinding;

/**
 * The byte pipe the protocol engine talks through. The engine never opens sockets; {@code io.github.smtpclient.net}
 * implements this over a (possibly proxied, possibly TLS) socket, and tests implement it over byte arrays.
 *
 * <p>After {@link #startTls()} returns, {@link #input()} and {@link #output()} return the encrypted streams;
 * the engine must fetch them again.
 */
public interface Wire extends Closeable {

    /**
     * Bytes from the server. Each read is bounded by the time left on {@link #readDeadline()} while it runs, else by
     * the wire's own read timeout, and times out with {@link java.net.SocketTimeoutException}.
     */
    InputStream input() throws IOException;

    /** The deadline that bounds the reads from {@link #input()}; the same object for the life of the wire. */
    ReadDeadline readDeadline();

    /**
     * How many bytes the server has sent that have not been read from {@link #input()} yet, as far as can be told
     * without blocking: what {@code input()} could return at once and, under TLS, bytes received but not yet
     * decrypted (which may turn out to be TLS housekeeping, such as session tickets, rather than data).
     */
    int unreadBytes() throws IOException;

    /**
     * Sends a TLS ClientHello over this unencrypted connection and reports whether the server answers with a TLS
     * record within {@code timeout}, which proves that the port expects TLS from the first byte. The connection cannot
     * carry SMTP afterwards; the engine closes it.
     */
    boolean answersTlsHandshake(Duration timeout) throws IOException;

    /** Bytes to the server. The engine buffers and flushes itself; this stream need not buffer. */
    OutputStream output() throws IOException;

    /**
     * Performs the TLS handshake over the current connection (STARTTLS). Certificate and hostname validation
     * happen here, and their failures are thrown as {@link io.github.smtpclient.SmtpException}. The whole handshake
     * is bounded by the wire's timeout, however slowly the server sends its part.
     */
    void startTls() throws IOException;

    /** Whether the connection is currently encrypted (implicit TLS or after {@link #startTls()}). */
    boolean isSecure();

    /**
     * The channel binding of the current TLS (RFC 5056), for SASL mechanisms that sign it into their exchange; empty
     * while the connection is unencrypted or when its TLS gives none.
     */
    default Optional<ChannelBinding> channelBinding() {
        return Optional.empty();
    }

    /** Whether the client presented a certificate in the current TLS handshake, which SASL EXTERNAL relies on. */
    default boolean clientCertificatePresented() {
        return false;
    }

    /**
     * Whether the server asked for a client certificate in the TLS handshake and the client sent none; a server that
     * requires one may then complete the handshake and refuse the session in SMTP (Postfix: 421).
     */
    default boolean clientCertificateWithheld() {
        return false;
    }

    /** Whether the peer is a loopback address, where credentials may cross without TLS. */
    boolean isLoopback();

    /** Closes the connection at once, without any protocol exchange. Safe to call twice. */
    @Override
    void close() throws IOException;
}
