package io.github.smtpclient.protocol;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;

import io.github.smtpclient.Hint;
import io.github.smtpclient.Setting;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.event.CommandDataEvent;
import io.github.smtpclient.event.SmtpListener;

/**
 * The bottom of the data stack: counts the bytes that cross the wire, shows them to the listener, and turns a
 * failed socket write into an {@link SmtpException} so the engine can tell a lost connection from a failing
 * message source above it.
 */
final class WireDataOutputStream extends FilterOutputStream {

    private final SmtpListener listener;
    private final boolean reportData;
    private long count;

    WireDataOutputStream(OutputStream out, SmtpListener listener) {
        super(out);
        this.listener = listener;
        this.reportData = listener != SmtpListener.NONE;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (SmtpException e) {
            throw e;
        } catch (SocketTimeoutException e) {
            throw new SmtpException(SmtpErrorCode.TIMEOUT, "Sending message data timed out; the server stopped reading", e)
                    .withHint(Hint.raiseIfSlow(Setting.SOCKET_TIMEOUT.mention()));
        } catch (IOException e) {
            throw new SmtpException(SmtpErrorCode.CONNECTION_CLOSED,
                    "The connection failed while sending message data: " + e.getMessage(), e);
        }
        count += len;
        if (reportData) {
            listener.commandData(new CommandDataEvent(ByteBuffer.wrap(b, off, len).asReadOnlyBuffer()));
        }
    }

    /** Data stays in the engine's buffer until the engine flushes; the stacks above must not force it out early. */
    @Override
    public void flush() {
    }

    /** Closing the data stream must not close the connection. */
    @Override
    public void close() {
    }

    long count() {
        return count;
    }
}
