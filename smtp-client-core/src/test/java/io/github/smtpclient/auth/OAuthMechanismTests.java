package io.github.smtpclient.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtpclient.SmtpErrorCode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OAuthMechanismTests {

    private static final byte[] ERROR_CHALLENGE = "{\"status\":\"401\",\"schemes\":\"bearer\",\"scope\":\"https://mail.google.com/\"}"
            .getBytes(StandardCharsets.US_ASCII);

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void xoauth2InitialResponseHasUserAndBearerTokenSeparatedByCtrlA() {
        SaslMechanism xoauth2 = new XOAuth2Mechanism("someuser@example.com", "ya29.vF9dft4qmTc2Nvb3RlckBh");

        assertThat(xoauth2.mechanism()).isEqualTo(AuthMechanism.XOAUTH2);
        assertThat(text(xoauth2.initialResponse()))
                .isEqualTo("user=someuser@example.com\u0001auth=Bearer ya29.vF9dft4qmTc2Nvb3RlckBh\u0001\u0001");
    }

    @Test
    void xoauth2AnswersTheErrorChallengeWithAnEmptyResponseOnce() throws Exception {
        SaslMechanism xoauth2 = new XOAuth2Mechanism("someuser@example.com", "token");
        xoauth2.initialResponse();

        assertThat(xoauth2.evaluateChallenge(ERROR_CHALLENGE)).isEmpty();
        SmtpFailures.thrownBy(SmtpErrorCode.AUTH_CHALLENGE_LIMIT, () -> xoauth2.evaluateChallenge(ERROR_CHALLENGE));
    }

    @Test
    void oauthBearerInitialResponseFollowsRfc7628() {
        SaslMechanism bearer = new OAuthBearerMechanism("user@example.com", "vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg==",
                "server.example.com", 587);

        assertThat(bearer.mechanism()).isEqualTo(AuthMechanism.OAUTHBEARER);
        assertThat(text(bearer.initialResponse())).isEqualTo("n,a=user@example.com,\u0001host=server.example.com\u0001"
                + "port=587\u0001auth=Bearer vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg==\u0001\u0001");
    }

    @Test
    void oauthBearerEscapesCommaAndEqualsInTheUsername() {
        SaslMechanism bearer = new OAuthBearerMechanism("a=b,c", "t", "h", 25);

        assertThat(text(bearer.initialResponse())).startsWith("n,a=a=3Db=2Cc,\u0001");
    }

    @Test
    void oauthBearerLeavesOutAnUnknownHostAndPort() {
        SaslMechanism bearer = new OAuthBearerMechanism("user", "t0ken", null, 0);

        assertThat(text(bearer.initialResponse())).isEqualTo("n,a=user,\u0001auth=Bearer t0ken\u0001\u0001");
    }

    @Test
    void oauthBearerAnswersTheErrorChallengeWithCtrlAOnce() throws Exception {
        SaslMechanism bearer = new OAuthBearerMechanism("user", "token", "h", 25);
        bearer.initialResponse();

        assertThat(bearer.evaluateChallenge(ERROR_CHALLENGE)).containsExactly(0x01);
        SmtpFailures.thrownBy(SmtpErrorCode.AUTH_CHALLENGE_LIMIT, () -> bearer.evaluateChallenge(ERROR_CHALLENGE));
    }
}
