package io.github.smtpclient.outbox.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Version 7 UUIDs (RFC 9562): 48 bits of Unix milliseconds, then random bits. Ids made later sort later, so the
 * primary-key index grows at its end instead of everywhere.
 */
final class TimeOrderedIds {

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    TimeOrderedIds(Clock clock) {
        this.clock = clock;
    }

    UUID next() {
        long millis = clock.millis();
        long randomHigh = random.nextLong();
        long randomLow = random.nextLong();
        long most = (millis << 16) | 0x7000L | (randomHigh & 0x0FFFL);
        long least = (randomLow & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least);
    }
}
