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
        deadline.start();
        try {
            out.write(b);
        } finally {
            deadline.stop();
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        deadline.start();
        try {
            out.write(b, off, len);
        } finally {
            deadline.stop();
        }
    }

    @Override
    public void flush() throws IOException {
        deadline.start();
        try {
            out.flush();
        } finally {
            deadline.stop();
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
