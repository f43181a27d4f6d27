package io.github.smtpclient.protocol;

import java.util.Objects;

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
 */
public record SessionSettings(String domain, StartTlsPolicy startTls, AuthSettings auth, boolean binaryMode,
        int binaryChunkSize, int sendBufferSize) {

    public SessionSettings {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(startTls, "startTls");
        Objects.requireNonNull(auth, "auth");
        if (binaryChunkSize < 1) {
            throw new IllegalArgumentException("binaryChunkSize must be positive, was " + binaryChunkSize);
        }
        if (sendBufferSize < 1) {
            throw new IllegalArgumentException("sendBufferSize must be positive, was " + sendBufferSize);
        }
    }
}
