package io.github.smtpclient.tls.revocation;

import java.time.Instant;

/**
 * What one source said about one certificate: a definite status, or none with the reason.
 *
 * @param status     GOOD or REVOKED when the source answered definitely, UNKNOWN otherwise
 * @param detail     a sentence for the log
 * @param revokedAt  when it was revoked, or {@code null}
 * @param reason     the revocation reason, or {@code null}
 * @param nextUpdate until when the answer may be reused, or {@code null}
 */
record SourceAnswer(RevocationAnswer.Status status, String detail, Instant revokedAt, String reason, Instant nextUpdate) {

    static SourceAnswer none(String detail) {
        return new SourceAnswer(RevocationAnswer.Status.UNKNOWN, detail, null, null, null);
    }

    boolean isDefinite() {
        return status != RevocationAnswer.Status.UNKNOWN;
    }
}
