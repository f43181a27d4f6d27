package io.github.smtpclient.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Hands out its bytes in reads of the given sizes (cycling through them), so tests can split server output at
 * awkward places as a network does. After the bytes it reports end of stream, throws a chosen exception, or fails
 * the test if the reader asks for more than it needed.
 */
final class ChoppedInputStream extends InputStream {

    private final byte[] data;
    private final int[] pieceSizes;
    private int position;
    private int piece;
    private IOException atEnd;
    private boolean failAtEnd;

    private ChoppedInputStream(byte[] data, int... pieceSizes) {
        this.data = data;
        this.pieceSizes = pieceSizes.length == 0 ? new int[] {Integer.MAX_VALUE} : pieceSizes;
    }

    static ChoppedInputStream of(String text, int... pieceSizes) {
        return new ChoppedInputStream(text.getBytes(StandardCharsets.UTF_8), pieceSizes);
    }

    static ChoppedInputStream of(byte[] bytes, int... pieceSizes) {
        return new ChoppedInputStream(bytes.clone(), pieceSizes);
    }

    /** Throws {@code exception} instead of reporting end of stream. */
    ChoppedInputStream thenThrow(IOException exception) {
        this.atEnd = exception;
        return this;
    }

    /** Fails the test if anything reads past the supplied bytes: the reader must not wait for bytes it does not need. */
    ChoppedInputStream failWhenReadPastEnd() {
        this.failAtEnd = true;
        return this;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (position == data.length) {
            if (failAtEnd) {
                throw new AssertionError("read past the end of the supplied bytes");
            }
            if (atEnd != null) {
                throw atEnd;
            }
            return -1;
        }
        int n = Math.min(Math.min(len, nextPieceSize()), data.length - position);
        piece++;
        System.arraycopy(data, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return Math.min(nextPieceSize(), data.length - position);
    }

    private int nextPieceSize() {
        return pieceSizes[piece % pieceSizes.length];
    }
}
