package io.github.smtpclient.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtpclient.SmtpErrorCode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CramMd5MechanismTests {

    private static final byte[] RFC_2195_CHALLENGE =
            "<1896.697170952@postoffice.reston.mci.net>".getBytes(StandardCharsets.US_ASCII);

    @Test
    void answersTheRfc2195Example() throws Exception {
        SaslMechanism cram = new CramMd5Mechanism("tim", "tanstaaftanstaaf");

        assertThat(cram.mechanism()).isEqualTo(AuthMechanism.CRAM_MD5);
        assertThat(cram.initialResponse()).isNull();
        assertThat(new String(cram.evaluateChallenge(RFC_2195_CHALLENGE), StandardCharsets.US_ASCII))
                .isEqualTo("tim b913a602c7eda7a495b4e6e7334d3890");
    }

    @Test
    void emptyChallengeIsAProtocolViolation() {
        SaslMechanism cram = new CramMd5Mechanism("tim", "tanstaaftanstaaf");

        SmtpFailures.thrownBy(SmtpErrorCode.PROTOCOL_VIOLATION, () -> cram.evaluateChallenge(new byte[0]));
    }

    @Test
    void secondChallengeExceedsTheChallengeLimit() throws Exception {
        SaslMechanism cram = new CramMd5Mechanism("tim", "tanstaaftanstaaf");
        cram.evaluateChallenge(RFC_2195_CHALLENGE);

        SmtpFailures.thrownBy(SmtpErrorCode.AUTH_CHALLENGE_LIMIT, () -> cram.evaluateChallenge(RFC_2195_CHALLENGE));
    }
}
