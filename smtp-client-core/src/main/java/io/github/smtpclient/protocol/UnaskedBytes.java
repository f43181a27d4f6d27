package io.github.smtpclient.protocol;

import java.io.IOException;
import java.time.Duration;

import io.github.smtpclient.Reply;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;

/**
 * Looks for bytes the server sent while it owed no reply, for the in-step rule of {@link Conversation}: bytes the
 * reader already holds, and bytes that have arrived on the connection since. Under TLS those may still be encrypted,
 * so they are read (decrypted) with a very short wait: TLS housekeeping such as a session ticket yields no data and
 * counts as nothing.
 */
final class UnaskedBytes {

    /** How long a look waits for bytes already received to turn into data. */
    private static final Duration WAIT = Duration.ofMillis(1);

    private final Wire wire;
    private final ReplyReader reader;

    UnaskedBytes(Wire wire, ReplyReader reader) {
        this.wire = wire;
        this.reader = reader;
    }

    /** What was found: a 421 (the server closing, which RFC 5321 3.8 allows at any time), or other bytes. */
    record Found(Reply closing, String preview) {
    }

    /**
     * Whatever the server sent unasked, or null when it sent nothing.
     *
     * @param closingAllowed whether a 421 is recognised as the server closing (else it counts as any other bytes)
     */
    Found look(boolean closingAllowed) throws IOException {
        if (reader.bufferedBytes() == 0 && !(wire.unreadBytes() > 0 && reader.readWaiting(WAIT))) {
            return null;
        }
        if (closingAllowed && reader.bufferedStartsWith421()) {
            return new Found(closingReply(), null);
        }
        return new Found(null, reader.bufferedPreview());
    }

    /** The 421 the buffer starts with, parsed when it is complete. */
    private Reply closingReply() {
        try {
            return reader.read(WAIT, "the check for unexpected bytes");
        } catch (SmtpException incomplete) {
            return Reply.of(421, "");
        }
    }

    /** The failure for bytes that are no 421: a violation, or STARTTLS_INJECTION after the go-ahead for TLS. */
    static SmtpException failure(SmtpErrorCode code, String answered, String preview) {
        if (code == SmtpErrorCode.STARTTLS_INJECTION) {
            return new SmtpException(code, "The server sent data after its STARTTLS reply and before the TLS"
                    + " handshake (\"" + preview + "\"). This is a response-injection attack (or a broken server); the"
                    + " connection was closed");
        }
        return new SmtpException(code, "The server sent more than the replies it owed: after its reply to "
                + answered + " came \"" + preview + "\". A reply out of step with its command may be forged"
                + " (response injection), so the connection was closed");
    }
}
