package io.github.smtpclient;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The server's answer to VRFY or EXPN (RFC 5321 sections 3.5 and 4.1.1.6-7), as data: the reply, what it means,
 * and the mailboxes it names.
 *
 * @param reply     the reply as received
 * @param status    what the reply code means
 * @param mailboxes the mailboxes named on the reply's lines ({@code Name <user@example.com>} or
 *                  {@code user@example.com}) for 250 and 251, and the forward-path of a 551; empty otherwise. A line
 *                  whose mailbox holds a space or a control character yields none (the reply keeps every line)
 */
public record VerifyResult(Reply reply, Status status, List<Mailbox> mailboxes) {

    /** What a VRFY or EXPN reply code means. */
    public enum Status {
        /** 250: the mailbox exists (VRFY), or these are the list's members (EXPN). */
        VERIFIED,
        /** 251: the user is not local, the server will forward to the mailbox given. */
        WILL_FORWARD,
        /** 252: the server cannot or will not verify, but would accept a message for it (RCPT may tell). */
        CANNOT_VERIFY,
        /** 550: no such mailbox (or list), or the server refuses to say. */
        NOT_FOUND,
        /** 551: the user is not local; the reply names where to try. */
        NOT_LOCAL,
        /** 553: the name is ambiguous (several mailboxes match) or not allowed. */
        AMBIGUOUS,
        /** 500, 502 or 504: the server does not implement the command (or this use of it). */
        NOT_SUPPORTED,
        /** 4xx: a temporary failure; try later. */
        TEMPORARY_FAILURE,
        /** Any other refusal, for example 530 (authentication required) or 554. */
        REFUSED;

        static Status of(int code) {
            return switch (code) {
                case 250 -> VERIFIED;
                case 251 -> WILL_FORWARD;
                case 252 -> CANNOT_VERIFY;
                case 550 -> NOT_FOUND;
                case 551 -> NOT_LOCAL;
                case 553 -> AMBIGUOUS;
                case 500, 502, 504 -> NOT_SUPPORTED;
                default -> code / 100 == 4 ? TEMPORARY_FAILURE : code / 100 == 2 ? VERIFIED : REFUSED;
            };
        }
    }

    /**
     * One mailbox named in the reply.
     *
     * @param displayName the name before the angle brackets, when there is one
     * @param address     the address, without angle brackets
     */
    public record Mailbox(Optional<String> displayName, String address) {
        /** Checks the address is given. */
        public Mailbox {
            Objects.requireNonNull(displayName, "displayName");
            Objects.requireNonNull(address, "address");
        }
    }

    /** Copies the mailboxes. */
    public VerifyResult {
        Objects.requireNonNull(reply, "reply");
        Objects.requireNonNull(status, "status");
        mailboxes = List.copyOf(mailboxes);
    }

    /** Reads a VRFY or EXPN reply. */
    static VerifyResult of(Reply reply) {
        Status status = Status.of(reply.code());
        List<Mailbox> mailboxes = new ArrayList<>();
        if (status == Status.VERIFIED || status == Status.WILL_FORWARD || status == Status.NOT_LOCAL) {
            for (String line : reply.lines()) {
                mailbox(line, status == Status.VERIFIED).ifPresent(mailboxes::add);
            }
        }
        return new VerifyResult(reply, status, mailboxes);
    }

    /** Whether the server confirmed the mailbox (250) or will forward to it (251). */
    public boolean isVerified() {
        return status == Status.VERIFIED || status == Status.WILL_FORWARD;
    }

    /** The reply code. */
    public int code() {
        return reply.code();
    }

    /**
     * The mailbox on one line: the last {@code <...>}, with the text before it (after any enhanced status code) as
     * the name; without angle brackets, and only where {@code bare} is allowed, a last word holding an {@code @}.
     */
    private static Optional<Mailbox> mailbox(String line, boolean bare) {
        String text = line.strip();
        Optional<EnhancedStatusCode> enhanced = EnhancedStatusCode.parsePrefix(text);
        if (enhanced.isPresent()) {
            int space = text.indexOf(' ');
            text = space < 0 ? "" : text.substring(space + 1).strip();
        }
        int open = text.lastIndexOf('<');
        int close = open < 0 ? -1 : text.indexOf('>', open);
        if (close > open + 1) {
            String address = text.substring(open + 1, close);
            String name = text.substring(0, open).strip();
            return plain(address) ? Optional.of(new Mailbox(name.isEmpty() || !printable(name) ? Optional.empty()
                    : Optional.of(name), address)) : Optional.empty();
        }
        if (!bare || open >= 0) {
            return Optional.empty();
        }
        String word = text.substring(text.lastIndexOf(' ') + 1);
        return word.indexOf('@') > 0 && plain(word) ? Optional.of(new Mailbox(Optional.empty(), word)) : Optional.empty();
    }

    private static boolean plain(String address) {
        return !address.isEmpty() && address.chars().allMatch(c -> c > ' ' && c != 0x7f && c != '<' && c != '>');
    }

    private static boolean printable(String text) {
        return text.chars().allMatch(c -> c >= ' ' && c != 0x7f);
    }
}
