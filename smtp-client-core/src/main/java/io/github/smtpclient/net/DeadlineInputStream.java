package io.github.smtpclient.net;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

import io.github.smtpclient.protocol.ReadDeadline;

/**
 * Bounds every read of the wrapped stream by the time left on a {@link ReadDeadline} while one runs, and by the
 * socket timeout otherwise, by setting the TCP socket's read timeout (SO_TIMEOUT) before the read. The TCP socket's
 * timeout also bounds reads through a TLS layer over it.
 */
final class DeadlineInputStream extends FilterInputStream {

    private final Socket tcp;
    private final ReadDeadline deadline;
    private final int socketTimeoutMillis;
    private int appliedMillis;

    DeadlineInputStream(InputStream in, Socket tcp, ReadDeadline deadline, int socketTimeoutMillis) {
        super(in);
        this.tcp = tcp;
        this.deadline = deadline;
        this.socketTimeoutMillis = socketTimeoutMillis;
        this.appliedMillis = socketTimeoutMillis;
    }

    @Override
    public int read() throws IOException {
        applyTimeout();
        return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        applyTimeout();
        return in.read(b, off, len);
    }

    /** Puts the socket timeout back, for reads that bypass this stream (a TLS handshake). */
    void restoreSocketTimeout() throws IOException {
        apply(socketTimeoutMillis);
    }

    private void applyTimeout() throws IOException {
        int left = deadline.nextReadTimeoutMillis();
        apply(left == 0 ? socketTimeoutMillis : left);
    }

    private void apply(int millis) throws IOException {
        if (millis != appliedMillis) {
            tcp.setSoTimeout(millis);
            appliedMillis = millis;
        }
    }
}
