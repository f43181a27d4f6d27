package io.github.smtpclient.tls.revocation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the revocation check found for one certificate.
 *
 * @param status   good, revoked, or unknown when no source gave a definite answer
 * @param source   where the definite answer came from (for example {@code OCSP http://ocsp.example/}), or
 *                 {@code null} when there was none
 * @param revokedAt when the certificate was revoked, or {@code null}
 * @param reason    the revocation reason (for example {@code keyCompromise}), or {@code null}
 * @param attempts  one sentence per source asked, in order, with its outcome
 */
public record RevocationAnswer(Status status, String source, Instant revokedAt, String reason, List<String> attempts) {

    /** A certificate's revocation status. */
    public enum Status {
        /** Not revoked, according to a current, verified answer. */
        GOOD,
        /** Revoked, according to a current, verified answer. */
        REVOKED,
        /** No source gave a definite answer. */
        UNKNOWN
    }

    /** Checks the values. */
    public RevocationAnswer {
        Objects.requireNonNull(status, "status");
        attempts = List.copyOf(attempts);
    }
}
