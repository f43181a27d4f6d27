package io.github.smtpclient.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.github.smtpclient.SmtpErrorCode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PlainMechanismTests {

    @Test
    void initialResponseIsEmptyAuthzidThenUsernameThenPasswordSeparatedByNul() {
        SaslMechanism plain = new PlainMechanism("tim", "tanstaaftanstaaf");

        assertThat(plain.mechanism()).isEqualTo(AuthMechanism.PLAIN);
        assertThat(plain.initialResponse()).isEqualTo("\0tim\0tanstaaftanstaaf".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void nonAsciiCredentialsAreSentAsUtf8() {
        byte[] response = new PlainMechanism("jörg", "päss").initialResponse();

        assertThat(response).isEqualTo(new byte[] {0, 'j', (byte) 0xC3, (byte) 0xB6, 'r', 'g', 0,
                'p', (byte) 0xC3, (byte) 0xA4, 's', 's'});
    }

    @Test
    void emptyFirstChallengeIsAnsweredWithTheCredentialsWhenNoInitialResponseWasSent() throws Exception {
        SaslMechanism plain = new PlainMechanism("tim", "secret");

        assertThat(plain.evaluateChallenge(new byte[0])).isEqualTo("\0tim\0secret".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void nonEmptyFirstChallengeIsAProtocolViolation() {
        SaslMechanism plain = new PlainMechanism("tim", "secret");

        SmtpFailures.thrownBy(SmtpErrorCode.PROTOCOL_VIOLATION,
                () -> plain.evaluateChallenge("hello".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void challengeAfterTheCredentialsExceedsTheChallengeLimit() {
        SaslMechanism plain = new PlainMechanism("tim", "secret");
        plain.initialResponse();

        SmtpFailures.thrownBy(SmtpErrorCode.AUTH_CHALLENGE_LIMIT, () -> plain.evaluateChallenge(new byte[0]));
    }

    @Test
    void initialResponseCanBeTakenOnlyOnce() {
        SaslMechanism plain = new PlainMechanism("tim", "secret");
        plain.initialResponse();

        assertThatIllegalStateException().isThrownBy(plain::initialResponse);
    }
}
