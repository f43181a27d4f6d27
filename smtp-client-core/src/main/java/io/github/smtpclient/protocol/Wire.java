package io.github.smtpclient.protocol;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The byte pipe the protocol engine talks through. The engine never opens sockets; {@code io.github.smtpclient.net}
 * implements this over a (possibly proxied, possibly TLS) socket, and tests implement it over byte arrays.
 *
 * <p>After {@link #startTls()} returns, {@link #input()} and {@link #output()} return the encrypted streams;
 * the engine must fetch them again.
 */
public interface Wire extends Closeable {

    /** Bytes from the server. Reads time out with {@link java.net.SocketTimeoutException}. */
    InputStream input() throws IOException;

    /** Bytes to the server. The engine buffers and flushes itself; this stream need not buffer. */
    OutputStream output() throws IOException;

    /**
     * Performs the TLS handshake over the current connection (STARTTLS). Certificate and hostname validation
     * happen here, and their failures are thrown as {@link io.github.smtpclient.SmtpException}.
     */
    void startTls() throws IOException;

    /** Whether the connection is currently encrypted (implicit TLS or after {@link #startTls()}). */
    boolean isSecure();

    /** Whether the peer is a loopback address, where credentials may cross without TLS. */
    boolean isLoopback();

    /** Closes the connection at once, without any protocol exchange. Safe to call twice. */
    @Override
    void close() throws IOException;
}
