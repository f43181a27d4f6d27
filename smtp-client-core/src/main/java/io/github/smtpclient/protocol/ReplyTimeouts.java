package io.github.smtpclient.protocol;

import java.time.Duration;
import java.util.Objects;

/**
 * How long each whole reply may take (RFC 5321 4.5.3.2 gives the greeting and the end of the data their own): every
 * bound covers the whole reply, not each read of it.
 *
 * @param reply           any reply to a command
 * @param greeting        the server's greeting
 * @param dataTermination the reply to the end of the message data (the final dot, or the chunks still owed after the
 *                        last BDAT)
 */
public record ReplyTimeouts(Duration reply, Duration greeting, Duration dataTermination) {

    /** @throws IllegalArgumentException when a timeout is not positive */
    public ReplyTimeouts {
        requirePositive(reply, "reply");
        requirePositive(greeting, "greeting");
        requirePositive(dataTermination, "dataTermination");
    }

    /** The same timeout for every reply. */
    public static ReplyTimeouts all(Duration timeout) {
        return new ReplyTimeouts(timeout, timeout, timeout);
    }

    private static void requirePositive(Duration timeout, String name) {
        Objects.requireNonNull(timeout, name);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(name + " timeout must be positive, was " + timeout);
        }
    }
}
