package io.github.smtpclient.protocol;

import java.util.Objects;
import java.util.function.BooleanSupplier;

import io.github.smtpclient.DataCommand;
import io.github.smtpclient.RecipientPolicy;
import io.github.smtpclient.RequireTlsPolicy;
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
 * @param dsnRequired     whether a message's DSN parameters must reach the server, unless its envelope says otherwise
 * @param requireTls      whether messages ask for REQUIRETLS (RFC 8689), unless their envelope says otherwise
 * @param tlsVerified     whether the connection is TLS whose certificate was validated and whose host name was
 *                        checked, asked when a message wants REQUIRETLS (the engine cannot see the TLS itself)
 * @param dataCommand     which command carries message data
 * @param window          how far a BDAT batch is pipelined
 */
public record SessionSettings(String domain, StartTlsPolicy startTls, AuthSettings auth, boolean binaryMode,
        int binaryChunkSize, int sendBufferSize, ReplyTimeouts timeouts, RecipientPolicy recipientPolicy,
        boolean dsnRequired, RequireTlsPolicy requireTls, BooleanSupplier tlsVerified,
        DataCommand dataCommand, PipelineWindow window) {

    /**
     * The pipelining window of a BDAT batch.
     *
     * @param messages messages written ahead of their replies, at least 1
     * @param bytes    octets written ahead of their replies (commands, BDAT lines and message data), at least 1
     */
    public record PipelineWindow(int messages, long bytes) {

        /** @throws IllegalArgumentException when a bound is not positive */
        public PipelineWindow {
            if (messages < 1 || bytes < 1) {
                throw new IllegalArgumentException("the pipeline window must be positive, was " + messages
                        + " messages and " + bytes + " bytes");
            }
        }
    }

    /** @throws IllegalArgumentException when a size is not positive */
    public SessionSettings {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(startTls, "startTls");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(recipientPolicy, "recipientPolicy");
        Objects.requireNonNull(requireTls, "requireTls");
        Objects.requireNonNull(tlsVerified, "tlsVerified");
        Objects.requireNonNull(dataCommand, "dataCommand");
        Objects.requireNonNull(window, "window");
        if (binaryChunkSize < 1) {
            throw new IllegalArgumentException("binaryChunkSize must be positive, was " + binaryChunkSize);
        }
        if (sendBufferSize < 1) {
            throw new IllegalArgumentException("sendBufferSize must be positive, was " + sendBufferSize);
        }
    }
}
