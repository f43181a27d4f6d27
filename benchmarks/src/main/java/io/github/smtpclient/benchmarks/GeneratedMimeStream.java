package io.github.smtpclient.benchmarks;

import java.io.InputStream;
import java.util.Base64;
import java.util.Random;

/**
 * A message produced on the fly: a head, one base64 block repeated, a tail. Costs almost no CPU and no memory,
 * so a 1 GB attachment measures only what the client holds while sending it.
 */
final class GeneratedMimeStream extends InputStream {

    /** Raw bytes per repeated block: a multiple of 57, so the block is whole 76-character base64 lines. */
    static final int RAW_BLOCK = 57 * 1024;

    private final byte[][] parts;
    private final long[] repeats;
    private int part;
    private long repeat;
    private int position;

    GeneratedMimeStream(byte[] head, byte[] block, long blocks, byte[] tail) {
        this.parts = new byte[][] {head, block, tail};
        this.repeats = new long[] {1, blocks, 1};
    }

    /** Base64 lines (CRLF-terminated) of {@link #RAW_BLOCK} random bytes. */
    static byte[] base64Block() {
        byte[] raw = new byte[RAW_BLOCK];
        new Random(7).nextBytes(raw);
        byte[] encoded = Base64.getMimeEncoder().encode(raw);
        byte[] block = new byte[encoded.length + 2];
        System.arraycopy(encoded, 0, block, 0, encoded.length);
        block[encoded.length] = '\r';
        block[encoded.length + 1] = '\n';
        return block;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        while (part < parts.length && (repeat == repeats[part] || parts[part].length == 0)) {
            part++;
            repeat = 0;
        }
        if (part == parts.length) {
            return -1;
        }
        byte[] current = parts[part];
        int n = Math.min(len, current.length - position);
        System.arraycopy(current, position, b, off, n);
        position += n;
        if (position == current.length) {
            position = 0;
            repeat++;
        }
        return n;
    }
}
