package io.github.smtpclient.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.smtpclient.Reply;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;

/**
 * The retry decision for every error code: only failures before the end of data are retried, never after, and
 * nothing a new connection cannot fix.
 */
class RetryableFailuresTests {

    private static final Set<SmtpErrorCode> LOST_BEFORE_DATA = EnumSet.of(SmtpErrorCode.CONNECT_FAILED,
            SmtpErrorCode.TIMEOUT, SmtpErrorCode.CONNECTION_CLOSED, SmtpErrorCode.SERVICE_UNAVAILABLE,
            SmtpErrorCode.TRANSACTION_LIMIT_REACHED);

    @Test
    void onlyALostSessionOrATemporaryEnvelopeRefusalIsRetried() {
        for (SmtpErrorCode code : SmtpErrorCode.values()) {
            boolean retried = RetryableFailures.isRetryable(new SmtpException(code, "x"));
            assertThat(retried).as(code.name()).isEqualTo(LOST_BEFORE_DATA.contains(code));
        }
        for (SmtpErrorCode code : List.of(SmtpErrorCode.SENDER_REJECTED, SmtpErrorCode.ALL_RECIPIENTS_REJECTED)) {
            assertThat(RetryableFailures.isRetryable(new SmtpException(code, "busy", new Reply(451, List.of("later")))))
                    .as(code + " 451").isTrue();
            assertThat(RetryableFailures.isRetryable(new SmtpException(code, "no", new Reply(550, List.of("never")))))
                    .as(code + " 550").isFalse();
        }
    }

    @Test
    void nothingAfterTheFinalDotIsRetriedEvenWithATemporaryReply() {
        assertThat(RetryableFailures.isRetryable(new SmtpException(SmtpErrorCode.MESSAGE_REJECTED, "421 after the dot",
                new Reply(421, List.of("closing"))))).isFalse();
        assertThat(RetryableFailures.isRetryable(new SmtpException(SmtpErrorCode.MESSAGE_REJECTED, "451 after the dot",
                new Reply(451, List.of("try later"))))).isFalse();
        assertThat(RetryableFailures.isRetryable(new SmtpException(SmtpErrorCode.OUTCOME_UNKNOWN, "lost",
                new SmtpException(SmtpErrorCode.CONNECTION_CLOSED, "closed")))).isFalse();
    }

    @Test
    void aBorrowTimeoutAndAnOpenCircuitAreNotRetried() {
        assertThat(RetryableFailures.isRetryable(new SmtpException(SmtpErrorCode.TIMEOUT, "pool exhausted",
                new TimeoutException("connection pool exhausted")))).isFalse();
        assertThat(RetryableFailures.isRetryable(new SmtpException(SmtpErrorCode.CIRCUIT_OPEN, "open",
                new SmtpException(SmtpErrorCode.CONNECT_FAILED, "refused")))).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = SmtpErrorCode.class, names = {"OUTCOME_UNKNOWN", "MESSAGE_REJECTED", "TLS_MODE_MISMATCH",
        "PROTOCOL_VIOLATION", "STARTTLS_INJECTION", "ILLEGAL_WIRE_VALUE"})
    void failuresAfterTheDataOrThatAnotherTryCannotMendAreNotRetried(SmtpErrorCode code) {
        assertThat(RetryableFailures.isRetryable(new SmtpException(code, "x"))).isFalse();
        assertThat(RetryableFailures.isRetryable(new SmtpException(code, "x", Reply.of(421, "closing")))).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = SmtpErrorCode.class, names = {"ALL_RECIPIENTS_REJECTED", "RECIPIENT_REJECTED"})
    void aRecipientRefusalIsRetriedOnlyWhenTemporary(SmtpErrorCode code) {
        assertThat(RetryableFailures.isRetryable(new SmtpException(code, "x", Reply.of(450, "busy")))).isTrue();
        assertThat(RetryableFailures.isRetryable(new SmtpException(code, "x", Reply.of(552, "too many")))).isTrue();
        assertThat(RetryableFailures.isRetryable(new SmtpException(code, "x", Reply.of(550, "no such user"))))
                .isFalse();
    }
}
