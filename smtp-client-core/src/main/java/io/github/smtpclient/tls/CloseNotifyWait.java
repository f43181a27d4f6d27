package io.github.smtpclient.tls;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After the client's close_notify, the wait for the server's ({@code tls().closeNotifyWait}, the reference's
 * cssloExpectShutdownMessage): the connection is read, and anything read discarded, until the engine reports the end
 * of the server's side or the wait runs out. Bounded as a whole, not per read, so a server that keeps sending cannot
 * stretch it.
 */
final class CloseNotifyWait {

    private static final Logger LOG = LoggerFactory.getLogger(CloseNotifyWait.class);

    /** One read of decrypted bytes; -1 once the server's close_notify has been received. */
    @FunctionalInterface
    interface Read {
        int read(byte[] buffer) throws IOException;
    }

    private CloseNotifyWait() {
    }

    /**
     * Reads until the server's side ends or {@code wait} runs out, and says which came first.
     *
     * @param timeouts the socket whose read timeout bounds each read
     * @return whether the server's side ended within {@code wait}
     */
    static boolean await(Socket timeouts, Duration wait, Read read) {
        long deadline = System.nanoTime() + wait.toNanos();
        byte[] discard = new byte[4096];
        try {
            for (long left = wait.toNanos(); left > 0; left = deadline - System.nanoTime()) {
                timeouts.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, Duration.ofNanos(left).toMillis())));
                if (read.read(discard) < 0) {
                    return true;
                }
            }
            LOG.debug("the server's close_notify did not arrive within {} ms; closing without it", wait.toMillis());
        } catch (IOException e) {
            LOG.debug("the server's close_notify did not arrive within {} ms ({}); closing without it",
                    wait.toMillis(), e.toString());
        }
        return false;
    }
}
