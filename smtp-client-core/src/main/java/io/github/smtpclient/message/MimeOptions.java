package io.github.smtpclient.message;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

import io.github.smtpclient.text.PrintableText;

/**
 * What the server offers and the client's settings that shape a prepared message. The defaults assume
 * nothing: 7-bit only, no SMTPUTF8, no DSN.
 *
 * @param eightBitMime whether the server offers 8BITMIME, so parts may be sent as {@code 8bit}
 * @param binaryMime   whether the server offers both BINARYMIME and CHUNKING, so parts may be sent as {@code binary}
 * @param smtpUtf8     whether the server offers SMTPUTF8, so addresses may stay in UTF-8
 * @param dsn          whether the server offers DSN; only {@link PreparedMessage#deliveryReceiptUnavailable()}
 *                     depends on it, since the envelope carries every DSN parameter asked for and the engine
 *                     leaves them out for a server without DSN
 * @param domain       the client's domain, the right-hand side of generated Message-IDs
 * @param clock        the clock for the generated Date header
 * @param tempPath     the directory for spool files, when one may be written; empty for the system default
 */
public record MimeOptions(boolean eightBitMime, boolean binaryMime, boolean smtpUtf8, boolean dsn, String domain,
        Clock clock, Optional<Path> tempPath) {

    /** Checks the domain can be the right-hand side of a Message-ID. */
    public MimeOptions {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(tempPath, "tempPath");
        if (!isHostName(domain)) {
            throw new IllegalArgumentException("Invalid domain \"" + PrintableText.excerpt(domain)
                    + "\" for Message-IDs: give a host name such as client.example.com");
        }
    }

    /** Non-blank, without spaces, controls, angle brackets or '@': a loop, since options are made for every send. */
    private static boolean isHostName(String domain) {
        for (int i = 0; i < domain.length(); i++) {
            char c = domain.charAt(i);
            if (c <= ' ' || c == '<' || c == '>' || c == '@') {
                return false;
            }
        }
        return !domain.isEmpty();
    }

    /** 7-bit only, no SMTPUTF8, no DSN, domain {@code localhost}, the system clock, the system temporary directory. */
    @SuppressWarnings("JavaTimeDefaultTimeZone") // the Date header is in the sender's zone, as mail clients write it
    public static MimeOptions defaults() {
        return new MimeOptions(false, false, false, false, "localhost", Clock.systemDefaultZone(), Optional.empty());
    }

    /** These options with 8BITMIME offered or not. */
    public MimeOptions withEightBitMime(boolean offered) {
        return new MimeOptions(offered, binaryMime, smtpUtf8, dsn, domain, clock, tempPath);
    }

    /** These options with BINARYMIME (and CHUNKING) offered or not. */
    public MimeOptions withBinaryMime(boolean offered) {
        return new MimeOptions(eightBitMime, offered, smtpUtf8, dsn, domain, clock, tempPath);
    }

    /** These options with SMTPUTF8 offered or not. */
    public MimeOptions withSmtpUtf8(boolean offered) {
        return new MimeOptions(eightBitMime, binaryMime, offered, dsn, domain, clock, tempPath);
    }

    /** These options with DSN offered or not. */
    public MimeOptions withDsn(boolean offered) {
        return new MimeOptions(eightBitMime, binaryMime, smtpUtf8, offered, domain, clock, tempPath);
    }

    /** These options with another client domain. */
    public MimeOptions withDomain(String domain) {
        return new MimeOptions(eightBitMime, binaryMime, smtpUtf8, dsn, domain, clock, tempPath);
    }

    /** These options with another clock. */
    public MimeOptions withClock(Clock clock) {
        return new MimeOptions(eightBitMime, binaryMime, smtpUtf8, dsn, domain, clock, tempPath);
    }

    /** These options with a directory for spool files (the reference's TempPath). */
    public MimeOptions withTempPath(Path tempPath) {
        return new MimeOptions(eightBitMime, binaryMime, smtpUtf8, dsn, domain, clock, Optional.of(tempPath));
    }
}
