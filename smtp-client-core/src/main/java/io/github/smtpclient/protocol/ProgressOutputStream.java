package io.github.smtpclient.protocol;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.event.ProgressEvent;
import io.github.smtpclient.event.SmtpListener;

/**
 * The top of the data stack: counts the message bytes as the content writes them and reports progress every
 * {@value #STEP} bytes and at the end, giving the listener the chance to cancel.
 */
final class ProgressOutputStream extends FilterOutputStream {

    static final int STEP = 64 * 1024;

    private final SmtpListener listener;
    private final long total;
    private long count;
    private long nextReport = STEP;

    ProgressOutputStream(OutputStream out, SmtpListener listener, long total) {
        super(out);
        this.listener = listener;
        this.total = total;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        advance(1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        advance(len);
    }

    private void advance(int len) throws SmtpException {
        count += len;
        if (count >= nextReport) {
            nextReport = count - count % STEP + STEP;
            report();
        }
    }

    /** Reports the final count. */
    void complete() throws SmtpException {
        report();
    }

    private void report() throws SmtpException {
        ProgressEvent event = new ProgressEvent(count, total);
        listener.progress(event);
        if (event.isCancelled()) {
            throw new SmtpException(SmtpErrorCode.CANCELLED, "The transfer was cancelled by a listener after "
                    + count + " bytes; the connection was closed");
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() {
    }
}
