package io.github.smtpclient.net;

import java.io.IOException;
import java.io.OutputStream;

/** Runs every write and flush of the wrapped stream under a {@link WriteDeadline}. */
final class DeadlineOutputStream extends OutputStream {

    private final OutputStream out;
    private final WriteDeadline deadline;

    DeadlineOutputStream(OutputStream out, WriteDeadline deadline) {
        this.out = out;
        this.deadline = deadline;
    }

    @Override
    public void write(int b) throws IOException {
        deadline.run(() -> out.write(b));
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        deadline.run(() -> out.write(b, off, len));
    }

    @Override
    public void flush() throws IOException {
        deadline.run(out::flush);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
