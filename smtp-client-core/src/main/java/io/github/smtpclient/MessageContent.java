package io.github.smtpclient;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The bytes of one message as the engine sends them after DATA or BDAT. The engine adds dot-stuffing or chunk
 * framing itself; the content writes plain RFC 5322 bytes and may be asked to write only once.
 */
public interface MessageContent {

    /** What the content may contain, which decides the BODY parameter and whether BDAT is mandatory. */
    enum Encoding {
        /** Only 7-bit US-ASCII lines: no BODY parameter needed. */
        SEVEN_BIT,
        /** May contain 8-bit bytes in lines: declared as BODY=8BITMIME when the server offers it. */
        EIGHT_BIT,
        /** Arbitrary bytes, line structure not guaranteed: needs BDAT and BINARYMIME. */
        BINARY
    }

    /** Writes the whole message. */
    void writeTo(OutputStream out) throws IOException;

    /** The size in bytes when known in advance (used for the SIZE parameter and progress), else -1. */
    long size();

    /** What the bytes may contain, which decides the BODY parameter and whether BDAT is needed. */
    Encoding encoding();

    /** Whether the content itself needs SMTPUTF8 (UTF-8 in header addresses). */
    boolean needsSmtpUtf8();

    /**
     * Whether {@link #writeTo} may be called more than once and writes the same bytes each time. A message whose
     * recipients need several transactions (RFC 9422 RCPTMAX, or a 452 "too many recipients" reply) is sent again
     * for each; content that is not replayable is then sent only to the first transaction's recipients.
     *
     * @return false unless the content says otherwise
     */
    default boolean isReplayable() {
        return false;
    }
}
