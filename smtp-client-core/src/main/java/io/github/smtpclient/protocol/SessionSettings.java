package io.github.smtpclient.protocol;

import java.util.Objects;

import io.github.smtpclient.RecipientPolicy;
import io.github.smtpclient.auth.AuthSettings;

/**
 * Everything the engine needs to know to open a session and run transactions, fixed for one connection.
 *
 * @param domain          the name sent in EHLO/HELO
 * @param startTls        what to do about STARTTLS
 * @param auth            credentials and mechanism choice (a copy; never mutated by the engine)
 * @param binaryMode      use BDAT (and BINARYMIME when the content is binary) when the server offers CHUNKING
 * @param binaryChunkSize BDAT chunk size in bytes
 * @param sendBufferSize  size of the buffer commands and data are written through
 * @param timeouts        how long each whole reply may take
 * @param recipientPolicy what a send does when some recipients are refused, unless its envelope says otherwise
 */
public record SessionSettings(String domain, StartTlsPolicy startTls, AuthSettings auth, boolean binaryMode,
        int binaryChunkSize, int sendBufferSize, ReplyTimeouts timeouts, RecipientPolicy recipientPolicy) {

    /** @throws IllegalArgumentException when a size is not positive */
    public SessionSettings {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(startTls, "startTls");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(recipientPolicy, "recipientPolicy");
        if (binaryChunkSize < 1) {
            throw new IllegalArgumentException("binaryChunkSize must be positive, was " + binaryChunkSize);
        }
        if (sendBufferSize < 1) {
            throw new IllegalArgumentException("sendBufferSize must be positive, was " + sendBufferSize);
        }
    }
}
