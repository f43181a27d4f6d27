package io.github.smtpclient.message.dkim;

import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * The body of a message, canonicalized as it streams (RFC 6376 3.4.3 and 3.4.4) into SHA-256: nothing of the body is
 * held but the count of empty lines not yet known to be trailing and, with relaxed, whether whitespace is pending.
 * Not thread-safe.
 */
final class BodyHasher extends OutputStream {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte SP = ' ';
    private static final byte TAB = '\t';
    private static final byte[] CRLF = {CR, LF};
    private static final byte[] SP_ONLY = {SP};

    private final boolean relaxed;
    private final MessageDigest digest;
    private final byte[] single = new byte[1];
    /** Canonical bytes gathered for the digest: relaxed text hashes a word at a time, which costs per call. */
    private final byte[] pending = new byte[8192];
    private int pendingLength;
    /** Line breaks seen but not yet hashed: they are dropped if only empty lines follow to the end. */
    private long pendingLineBreaks;
    /** A CR was seen and its LF may follow in the next write. */
    private boolean crPending;
    /** Relaxed: whitespace seen in the line and not yet hashed (one SP if more of the line follows). */
    private boolean wspPending;
    /** Canonical bytes hashed so far: the {@code l=} value. */
    private long length;

    BodyHasher(DkimCanonicalization canonicalization) {
        this.relaxed = canonicalization == DkimCanonicalization.RELAXED;
        this.digest = sha256();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK lacks SHA-256", e);
        }
    }

    @Override
    public void write(int b) {
        single[0] = (byte) b;
        write(single, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        int end = off + len;
        int i = off;
        if (crPending && i < end) {
            crPending = false;
            if (b[i] == LF) {
                lineBreak();
                i++;
            } else {
                ordinary(new byte[] {CR}, 0, 1);
            }
        }
        int runStart = i;
        while (i < end) {
            byte c = b[i];
            if (c == CR) {
                hashRun(b, runStart, i);
                if (i + 1 == end) {
                    crPending = true;
                    return;
                }
                if (b[i + 1] == LF) {
                    lineBreak();
                    i += 2;
                } else {
                    // A bare CR (only in BINARYMIME bodies): ordinary data.
                    ordinary(b, i, 1);
                    i++;
                }
                runStart = i;
            } else if (relaxed && (c == SP || c == TAB)) {
                hashRun(b, runStart, i);
                wspPending = true;
                i++;
                runStart = i;
            } else {
                i++;
            }
        }
        hashRun(b, runStart, end);
    }

    /** Bytes with no CR and (relaxed) no whitespace: releases what is pending, then hashes them. */
    private void hashRun(byte[] b, int from, int to) {
        if (to > from) {
            ordinary(b, from, to - from);
        }
    }

    private void ordinary(byte[] b, int off, int len) {
        for (; pendingLineBreaks > 0; pendingLineBreaks--) {
            update(CRLF, 0, 2);
        }
        if (wspPending) {
            update(SP_ONLY, 0, 1);
            wspPending = false;
        }
        update(b, off, len);
    }

    private void lineBreak() {
        // Relaxed: whitespace at the end of a line is ignored.
        wspPending = false;
        pendingLineBreaks++;
    }

    private void update(byte[] b, int off, int len) {
        length += len;
        if (len > pending.length - pendingLength) {
            digest.update(pending, 0, pendingLength);
            pendingLength = 0;
            if (len > pending.length) {
                digest.update(b, off, len);
                return;
            }
        }
        System.arraycopy(b, off, pending, pendingLength, len);
        pendingLength += len;
    }

    /**
     * Ends the body and returns its hash: simple ends it with exactly one CRLF (an empty body is one CRLF), relaxed
     * with one CRLF unless it is empty.
     */
    byte[] finish() {
        if (crPending) {
            crPending = false;
            ordinary(new byte[] {CR}, 0, 1);
        }
        if (wspPending) {
            // Whitespace ends a last line that has no line break: kept as one SP, as dkimpy does (the client's data
            // always ends with CRLF, so only a BINARYMIME body gets here).
            ordinary(CRLF, 0, 0);
        }
        if (!relaxed || length > 0) {
            update(CRLF, 0, 2);
        }
        pendingLineBreaks = 0;
        digest.update(pending, 0, pendingLength);
        pendingLength = 0;
        return digest.digest();
    }

    /** The number of canonical body bytes hashed, once {@link #finish()} ran: the {@code l=} value. */
    long length() {
        return length;
    }
}
