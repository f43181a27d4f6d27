package io.github.smtpclient.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.smtpclient.SmtpErrorCode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LoginMechanismTests {

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void waitsForTheServerThenSendsUsernameThenPassword() throws Exception {
        SaslMechanism login = new LoginMechanism("alice", "wonderland");

        assertThat(login.mechanism()).isEqualTo(AuthMechanism.LOGIN);
        assertThat(login.initialResponse()).isNull();
        assertThat(login.evaluateChallenge(ascii("Username:"))).isEqualTo(ascii("alice"));
        assertThat(login.evaluateChallenge(ascii("Password:"))).isEqualTo(ascii("wonderland"));
    }

    @Test
    void answersByPositionWhateverThePromptsSay() throws Exception {
        SaslMechanism login = new LoginMechanism("alice", "wonderland");

        assertThat(login.evaluateChallenge(ascii("Password:"))).isEqualTo(ascii("alice"));
        assertThat(login.evaluateChallenge(ascii("Benutzername"))).isEqualTo(ascii("wonderland"));
    }

    @Test
    void thirdChallengeExceedsTheChallengeLimit() throws Exception {
        SaslMechanism login = new LoginMechanism("alice", "wonderland");
        login.evaluateChallenge(ascii("Username:"));
        login.evaluateChallenge(ascii("Password:"));

        SmtpFailures.thrownBy(SmtpErrorCode.AUTH_CHALLENGE_LIMIT, () -> login.evaluateChallenge(ascii("Password:")));
    }

    @Test
    void completesWithoutMutualAuthentication() throws Exception {
        SaslMechanism login = new LoginMechanism("alice", "wonderland");
        login.evaluateChallenge(ascii("Username:"));
        login.evaluateChallenge(ascii("Password:"));

        assertThatCode(login::verifyComplete).doesNotThrowAnyException();
    }
}
