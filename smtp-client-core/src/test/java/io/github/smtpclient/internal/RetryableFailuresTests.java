package io.github.smtpclient.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.smtpclient.Reply;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;

/** What the pooled sender may send again: nothing after the end of data, nothing a new connection cannot fix. */
class RetryableFailuresTests {

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
