package io.github.smtpclient.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * Frames message data as BDAT chunks (RFC 3030 CHUNKING): each chunk goes out as {@code BDAT <n>\r\n} followed by
 * exactly {@code n} bytes, and {@link #finish()} sends the rest as {@code BDAT <n> LAST} ({@code n} may be 0).
 * It only frames: no dot-stuffing, because the length prefix, not a terminator, delimits the data. Line endings are
 * not its business either: unless the body is BINARYMIME, the {@link MessageDataOutputStream} gate in front of it
 * has normalised and checked the bytes exactly as on the DATA path.
 *
 * <p>Chunks are {@code chunkSize} bytes (the reference's BinaryChunkSize). Small writes are gathered in a buffer that
 * starts at {@value #INITIAL_CAPACITY} bytes and doubles up to a chunk, so a batch of small messages does not allocate
 * a whole chunk (1 MiB by default) for each; a write of at least a whole chunk while the buffer is empty goes straight
 * through without a copy.
 * Command lines go through the {@link CommandWriter} and chunk bytes through its {@link CommandWriter#rawOutput()},
 * so they share one send buffer. Nothing is flushed here: after each chunk the {@link ChunkListener} runs, and
 * the engine decides there whether to flush and read the chunk's reply or to keep pipelining.
 *
 * <p>{@link #close()} neither sends the LAST chunk nor closes the connection: a message whose copying failed must
 * be abandoned, never completed by accident. Not thread-safe.
 */
final class BdatChunkOutputStream extends OutputStream {

    /** Told about every chunk after its command and bytes have been written (not necessarily flushed). */
    @FunctionalInterface
    interface ChunkListener {

        /**
         * Called after each chunk.
         *
         * @param size the chunk's length in bytes
         * @param last whether this was the {@code BDAT ... LAST} chunk
         */
        void chunkWritten(int size, boolean last) throws IOException;
    }

    /** What the buffer starts at: room for a typical transactional message. */
    static final int INITIAL_CAPACITY = 8 * 1024;

    private final CommandWriter writer;
    private final ChunkListener listener;
    private final int chunkSize;
    private byte[] chunk;
    private int filled;
    private long messageBytes;
    private boolean finished;
    private boolean closed;

    BdatChunkOutputStream(CommandWriter writer, int chunkSize, ChunkListener listener) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("BDAT chunk size must be positive, was " + chunkSize);
        }
        this.writer = Objects.requireNonNull(writer, "writer");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.chunkSize = chunkSize;
        this.chunk = new byte[Math.min(chunkSize, INITIAL_CAPACITY)];
    }

    @Override
    public void write(int b) throws IOException {
        ensureWritable();
        ensureCapacity(filled + 1);
        chunk[filled++] = (byte) b;
        messageBytes++;
        if (filled == chunkSize) {
            sendBufferedChunk();
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureWritable();
        int end = off + len;
        while (off < end) {
            int n;
            if (filled == 0 && end - off >= chunkSize) {
                n = chunkSize;
                sendChunk(b, off, n, false);
            } else {
                n = Math.min(end - off, chunkSize - filled);
                ensureCapacity(filled + n);
                System.arraycopy(b, off, chunk, filled, n);
                filled += n;
                if (filled == chunkSize) {
                    sendBufferedChunk();
                }
            }
            off += n;
            messageBytes += n;
        }
    }

    /** Sends the buffered remainder, possibly empty, as the LAST chunk. Does not flush. */
    void finish() throws IOException {
        ensureWritable();
        finished = true;
        int n = filled;
        filled = 0;
        sendChunk(chunk, 0, n, true);
    }

    /** Message bytes accepted so far, without the BDAT command lines. */
    long messageBytes() {
        return messageBytes;
    }

    /** Marks this stream unusable without sending the LAST chunk and without closing the connection. */
    @Override
    public void close() {
        closed = true;
    }

    private void sendBufferedChunk() throws IOException {
        filled = 0;
        sendChunk(chunk, 0, chunkSize, false);
    }

    /** Grows the buffer, at least doubling it and never beyond a chunk, to hold {@code needed} bytes. */
    private void ensureCapacity(int needed) {
        if (needed > chunk.length) {
            chunk = Arrays.copyOf(chunk, Math.min(chunkSize, Math.max(needed, 2 * chunk.length)));
        }
    }

    private void sendChunk(byte[] b, int off, int len, boolean last) throws IOException {
        writer.writeCommand(last ? "BDAT " + len + " LAST" : "BDAT " + len, false);
        writer.rawOutput().write(b, off, len);
        listener.chunkWritten(len, last);
    }

    private void ensureWritable() {
        if (finished) {
            throw new IllegalStateException("the BDAT data is already finished");
        }
        if (closed) {
            throw new IllegalStateException("the BDAT data stream is closed");
        }
    }
}
