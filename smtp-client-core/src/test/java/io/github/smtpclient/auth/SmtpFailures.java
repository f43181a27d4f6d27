package io.github.smtpclient.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts that a call fails with an {@link SmtpException} of a given code, and returns it for further checks. */
final class SmtpFailures {

    private SmtpFailures() {
    }

    static SmtpException thrownBy(SmtpErrorCode expected, ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(SmtpException.class);
        SmtpException failure = (SmtpException) thrown;
        assertThat(failure.errorCode()).as("error code of: %s", failure.getMessage()).isEqualTo(expected);
        return failure;
    }
}
