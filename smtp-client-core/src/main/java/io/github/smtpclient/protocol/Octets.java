package io.github.smtpclient.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the octets of message data that need a decision (line breaks, NUL, and 8-bit octets where they are not
 * allowed) eight at a time: each step reads a {@code long} through a little-endian view of the array and tests all
 * eight octets with a few arithmetic operations (SWAR), so clean runs cost a fraction of a cycle per byte. The
 * lowest flagged octet is exact, because the borrows of the subtraction only move towards higher addresses.
 *
 * <p>A candidate is any octet below {@code 0x0E} (CR, LF and NUL among them; TAB, FF and the other low controls
 * are false alarms the caller skips) and, unless 8-bit data is allowed, any octet from {@code 0x80}. The dot that
 * dot-stuffing doubles is not searched for: it matters only right after a line break, where the caller looks
 * anyway.
 */
public final class Octets {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class,
            ByteOrder.LITTLE_ENDIAN);
    /** CR then LF, read as one little-endian {@code short}. */
    private static final short CRLF = 0x0A0D;
    /**
     * The line length of base64 and quoted-printable bodies (RFC 2045 6.7 and 6.8), which nearly every composer
     * writes, this one's included: such a line is tested with ten straight reads, no loop (about 1.5x the loop's rate).
     */
    private static final int MIME_LINE = 76;
    private static final long HIGH_BITS = 0x8080808080808080L;
    /** Subtracting this from every octet sets the high bit of each octet below 0x0E (and of each from 0x8E). */
    private static final long BELOW_0E = 0x0E0E0E0E0E0E0E0EL;
    private static final int CANDIDATE_LIMIT = 0x0E;

    private Octets() {
    }

    /**
     * The index of the first octet in {@code b[from..end)} that is below {@code 0x0E}, or from {@code 0x80} when
     * {@code eightBit} is false; {@code end} when there is none.
     */
    public static int nextLineBreakOrIllegal(byte[] b, int from, int end, boolean eightBit) {
        int i = from;
        int lastWord = end - Long.BYTES;
        if (eightBit) {
            for (; i <= lastWord; i += Long.BYTES) {
                long word = (long) LONGS.get(b, i);
                long hits = (word - BELOW_0E) & ~word & HIGH_BITS;
                if (hits != 0) {
                    return i + (Long.numberOfTrailingZeros(hits) >>> 3);
                }
            }
            for (; i < end; i++) {
                if ((b[i] & 0xff) < CANDIDATE_LIMIT) {
                    return i;
                }
            }
        } else {
            for (; i <= lastWord; i += Long.BYTES) {
                long word = (long) LONGS.get(b, i);
                long hits = ((word - BELOW_0E) | word) & HIGH_BITS;
                if (hits != 0) {
                    return i + (Long.numberOfTrailingZeros(hits) >>> 3);
                }
            }
            for (; i < end; i++) {
                int c = b[i] & 0xff;
                if (c < CANDIDATE_LIMIT || c >= 0x80) {
                    return i;
                }
            }
        }
        return end;
    }

    /**
     * Where the run of lines from {@code i} ends that need no look at their octets, on the guess that they are as
     * long as the line before (as base64 and quoted-printable lines are): each is {@code length} octets without a
     * candidate and a CRLF, and is followed by more data before {@code end} that, when {@code stopAtDot}, does not
     * start with a dot. Returns {@code i} itself when no line qualifies or {@code length} is below eight, so the
     * caller goes on with {@link #nextLineBreakOrIllegal}; the number of lines passed over is the distance
     * divided by {@code length + 2}.
     */
    public static int endOfEqualLines(byte[] b, int i, int end, int length, boolean eightBit, boolean stopAtDot) {
        if (length < Long.BYTES) {
            return i;
        }
        int lineStart = i;
        int lineEnd = i + length;
        while (end - lineEnd > 2 && (short) SHORTS.get(b, lineEnd) == CRLF
                && !(stopAtDot && b[lineEnd + 2] == '.') && isPlain(b, lineStart, lineEnd, eightBit)) {
            lineStart = lineEnd + 2;
            lineEnd = lineStart + length;
        }
        return lineStart;
    }

    /**
     * Whether {@code b[from..to)}, at least eight octets long, holds no candidate. The words' flags are combined
     * and tested once, the last word overlapping the one before it, so a line costs one branch, not one per word.
     */
    private static boolean isPlain(byte[] b, int from, int to, boolean eightBit) {
        if (to - from == MIME_LINE) {
            long hits = flags(b, from, eightBit) | flags(b, from + 8, eightBit) | flags(b, from + 16, eightBit)
                    | flags(b, from + 24, eightBit) | flags(b, from + 32, eightBit) | flags(b, from + 40, eightBit)
                    | flags(b, from + 48, eightBit) | flags(b, from + 56, eightBit) | flags(b, from + 64, eightBit)
                    | flags(b, from + MIME_LINE - Long.BYTES, eightBit);
            return (hits & HIGH_BITS) == 0;
        }
        int lastWord = to - Long.BYTES;
        long hits = flags(b, lastWord, eightBit);
        for (int i = from; i < lastWord; i += Long.BYTES) {
            hits |= flags(b, i, eightBit);
        }
        return (hits & HIGH_BITS) == 0;
    }

    /** The word at {@code at} with the high bit set in (at least the lowest of) its octets that are candidates. */
    private static long flags(byte[] b, int at, boolean eightBit) {
        long word = (long) LONGS.get(b, at);
        return eightBit ? (word - BELOW_0E) & ~word : (word - BELOW_0E) | word;
    }
}
