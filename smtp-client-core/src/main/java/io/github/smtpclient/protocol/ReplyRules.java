package io.github.smtpclient.protocol;

import io.github.smtpclient.Reply;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;

/**
 * Which reply codes may answer which command (RFC 5321 4.3.2), applied by {@link Conversation} to every reply so that
 * no caller can take a reply the RFC does not allow for success. A refusal (4yz, 5yz) is always allowed; what it
 * means is the caller's to judge. An unknown 2yz counts as success where a 2yz is expected. Beyond that:
 * <ul>
 * <li>221 (closing) answers only QUIT: anywhere else the server is ending the session, so the connection is closed
 *     and the failure is {@link SmtpErrorCode#SERVICE_UNAVAILABLE}, as for 421.</li>
 * <li>220 is only the greeting and the go-ahead for STARTTLS; anywhere else it is a protocol violation.</li>
 * <li>DATA is answered 354, AUTH 334 or 235, STARTTLS 220, the greeting 220; EHLO, HELO, MAIL, RCPT, the end of the
 *     data, BDAT, RSET and NOOP a 2yz. Any other 2yz or 3yz is a protocol violation.</li>
 * </ul>
 * Every violation leaves the session in an unknown state, so the connection is closed.
 */
final class ReplyRules {

    /** What a command may be answered with, besides a refusal. */
    enum Expected {
        /** The greeting: 220. */
        GREETING,
        /** STARTTLS: 220, then the handshake. */
        TLS_GO_AHEAD,
        /** DATA: 354, then the message. */
        DATA_GO_AHEAD,
        /** AUTH and each response to a challenge: 334 (another challenge) or 235. */
        AUTH,
        /** Everything else but QUIT: a 2yz. */
        COMPLETION,
        /** QUIT: whatever the server says, the session ends. */
        ANY
    }

    private ReplyRules() {
    }

    /** What the command shown as {@code shown} (as the listener sees it; "" for the greeting) may be answered with. */
    static Expected expectedFor(String shown) {
        if (shown == null || shown.isEmpty()) {
            return Expected.GREETING;
        }
        // Called for every reply: look at the verb in place rather than cut it out.
        switch (shown.charAt(0)) {
            case 'D':
                return isVerb(shown, "DATA") ? Expected.DATA_GO_AHEAD : Expected.COMPLETION;
            case 'S':
                return isVerb(shown, "STARTTLS") ? Expected.TLS_GO_AHEAD : Expected.COMPLETION;
            case 'A':
                return isVerb(shown, "AUTH") ? Expected.AUTH : Expected.COMPLETION;
            case '*':
                return isVerb(shown, Conversation.MASK) ? Expected.AUTH : Expected.COMPLETION;
            case 'Q':
                return isVerb(shown, "QUIT") ? Expected.ANY : Expected.COMPLETION;
            default:
                return Expected.COMPLETION;
        }
    }

    private static boolean isVerb(String shown, String verb) {
        return shown.startsWith(verb) && (shown.length() == verb.length() || shown.charAt(verb.length()) == ' ');
    }

    /**
     * The failure {@code reply} to the command shown as {@code shown} (which may be answered as {@code expected})
     * means whatever the caller would make of it, or null when it is allowed.
     */
    static SmtpException check(String shown, Expected expected, Reply reply) {
        int code = reply.code();
        if (expected == Expected.ANY || code >= 400) {
            return null;
        }
        if (code == 221) {
            return new SmtpException(SmtpErrorCode.SERVICE_UNAVAILABLE, "The server ended the session (221) in answer"
                    + " to " + describe(shown) + "; the connection was closed. Connect again", reply);
        }
        boolean allowed = switch (expected) {
            case GREETING, TLS_GO_AHEAD -> code == 220;
            case DATA_GO_AHEAD -> code == 354;
            case AUTH -> code == 334 || code == 235;
            case COMPLETION -> code / 100 == 2 && code != 220;
            case ANY -> true;
        };
        if (allowed) {
            return null;
        }
        String why = code == 220 ? "220 only greets (and answers STARTTLS)" : "RFC 5321 allows " + allowedText(expected)
                + " there";
        String what = expected == Expected.GREETING ? "The server greeted with " + code
                : "The server answered " + describe(shown) + " with " + code;
        return new SmtpException(SmtpErrorCode.PROTOCOL_VIOLATION, what + ", but " + why
                + "; the connection was closed because the session's state is unknown", reply);
    }

    /** The command for messages, without arguments (which may be addresses or secrets). */
    static String describe(String shown) {
        if (shown == null || shown.isEmpty()) {
            return "the greeting";
        }
        return switch (verb(shown)) {
            case "." -> "the end of the data";
            case Conversation.MASK -> "an AUTH response";
            default -> verb(shown);
        };
    }

    private static String verb(String shown) {
        int space = shown.indexOf(' ');
        String first = space < 0 ? shown : shown.substring(0, space);
        int colon = first.indexOf(':');
        return colon < 0 ? first : first.substring(0, colon);
    }

    private static String allowedText(Expected expected) {
        return switch (expected) {
            case GREETING -> "only 220 as a positive greeting";
            case TLS_GO_AHEAD -> "only 220 as the go-ahead for STARTTLS";
            case DATA_GO_AHEAD -> "only 354 as the go-ahead for DATA";
            case AUTH -> "only 334 or 235 in an AUTH exchange";
            case COMPLETION, ANY -> "only a 2yz as success";
        };
    }
}
