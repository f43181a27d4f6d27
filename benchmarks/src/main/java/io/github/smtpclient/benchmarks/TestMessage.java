package io.github.smtpclient.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Supplier;

/**
 * A message every client sends in the same form: pre-built RFC 5322 bytes (7-bit, CRLF line endings, no line
 * starting with a dot), with the envelope beside them. Small messages are held as bytes; the 1 GB one is only
 * ever produced as a stream.
 *
 * @param sender     envelope sender
 * @param recipients envelope recipients
 * @param size       message size in bytes
 * @param bytes      the message, or null when it is too large to hold
 * @param stream     opens the message as a fresh stream
 */
@SuppressWarnings("ArrayRecordComponent") // never compared or hashed: array identity does not matter
record TestMessage(String sender, List<String> recipients, long size, byte[] bytes, Supplier<InputStream> stream) {

    static TestMessage ofBytes(String sender, List<String> recipients, byte[] bytes) {
        return new TestMessage(sender, recipients, bytes.length, bytes, () -> new ByteArrayInputStream(bytes));
    }

    static TestMessage ofStream(String sender, List<String> recipients, long size, Supplier<InputStream> stream) {
        return new TestMessage(sender, recipients, size, null, stream);
    }

    boolean isStreamed() {
        return bytes == null;
    }

    /** The message bytes; only for held messages. */
    byte[] requireBytes() throws IOException {
        if (bytes == null) {
            throw new IOException("this client cannot send a " + size + "-byte message without holding it");
        }
        return bytes;
    }
}
