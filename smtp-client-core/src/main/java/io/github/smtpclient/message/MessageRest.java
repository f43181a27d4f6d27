package io.github.smtpclient.message;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;

/**
 * What follows a raw message's header block: bytes already in memory (the message's own array, or the surplus of the
 * last block read) and, for a message read from a stream, the unread rest of that stream. Held bytes are written from
 * their array, never copied through a buffer.
 */
final class MessageRest {

    private final byte[] buffer;
    private final int from;
    private final int to;
    private final InputStream unread;

    private MessageRest(byte[] buffer, int from, int to, InputStream unread) {
        this.buffer = buffer;
        this.from = from;
        this.to = to;
        this.unread = unread;
    }

    /** The rest of a message held in memory: {@code buffer[from..to)}, not copied. */
    static MessageRest held(byte[] buffer, int from, int to) {
        return new MessageRest(buffer, from, to, null);
    }

    /** {@code buffer[from..to)}, already read, then the unread rest of {@code source}. */
    static MessageRest streamed(byte[] buffer, int from, int to, InputStream source) {
        return new MessageRest(buffer, from, to, source);
    }

    /** Whether it is all in memory, so it can be read again. */
    boolean isHeld() {
        return unread == null;
    }

    InputStream open() {
        InputStream held = new ByteArrayInputStream(buffer, from, to - from);
        return unread == null ? held : new SequenceInputStream(held, unread);
    }

    /** Writes it all to {@code out}; returns the number of bytes. */
    long writeTo(OutputStream out) throws IOException {
        out.write(buffer, from, to - from);
        return to - from + (unread == null ? 0 : unread.transferTo(out));
    }

    /** Closes the unread source, if any. */
    void close() throws IOException {
        if (unread != null) {
            unread.close();
        }
    }
}
