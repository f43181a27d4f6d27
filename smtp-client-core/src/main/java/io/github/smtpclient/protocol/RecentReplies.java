package io.github.smtpclient.protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.github.smtpclient.Reply;

/**
 * The one-line replies of a connection seen last, handed out again when the server repeats one: servers answer
 * MAIL, RCPT and DATA with the same text every time, and a batch reads those for every message. A {@link Reply} is a
 * value, so one instance serves every read of the same bytes. A reply whose text changes every time (one naming a
 * queue id) takes one slot at a time, by its hash. Only ASCII text is kept: its characters are its bytes, and a text
 * with others could never be matched. Not thread-safe, like the reader that owns it.
 */
final class RecentReplies {

    /** A power of two. */
    private static final int SLOTS = 16;

    private final Reply[] slots = new Reply[SLOTS];

    /** The reply with {@code code} and the text in {@code buffer[from, to)}, decoded as UTF-8 unless seen last. */
    Reply reply(int code, byte[] buffer, int from, int to) {
        int slot = slot(code, buffer, from, to);
        Reply seen = slots[slot];
        if (seen != null && seen.code() == code && isText(seen.lines().get(0), buffer, from, to)) {
            return seen;
        }
        Reply reply = new Reply(code, List.of(new String(buffer, from, to - from, StandardCharsets.UTF_8)));
        if (isAscii(buffer, from, to)) {
            slots[slot] = reply;
        }
        return reply;
    }

    /** By every byte of the text: MAIL's "2.1.0 Ok" and RCPT's "2.1.5 Ok" share code and length. */
    private static int slot(int code, byte[] buffer, int from, int to) {
        int hash = code;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + buffer[i];
        }
        return (hash ^ hash >>> 16) & (SLOTS - 1);
    }

    /**
     * Whether the bytes are the characters of {@code text}, which is ASCII: a byte of 0x80 or above is negative here
     * and matches no character.
     */
    private static boolean isText(String text, byte[] buffer, int from, int to) {
        if (text.length() != to - from) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) != buffer[from + i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAscii(byte[] buffer, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] < 0) {
                return false;
            }
        }
        return true;
    }
}
