package io.github.smtpclient.auth;

import io.github.smtpclient.SmtpException;
import java.nio.charset.StandardCharsets;

/**
 * LOGIN (draft-murchison-sasl-login): the server prompts twice and the client answers with the username, then the
 * password. The prompts' wording varies between servers ("Username:", "User Name", localised text), so the answers
 * go by position, never by what the prompt says.
 */
final class LoginMechanism implements SaslMechanism {

    private final String username;
    private final String password;
    private int challengesAnswered;

    LoginMechanism(String username, String password) {
        this.username = username;
        this.password = password;
    }

    @Override
    public AuthMechanism mechanism() {
        return AuthMechanism.LOGIN;
    }

    @Override
    public byte[] initialResponse() {
        return null;
    }

    @Override
    public byte[] evaluateChallenge(byte[] challenge) throws SmtpException {
        challengesAnswered++;
        return switch (challengesAnswered) {
            case 1 -> username.getBytes(StandardCharsets.UTF_8);
            case 2 -> password.getBytes(StandardCharsets.UTF_8);
            default -> throw SaslErrors.tooManyChallenges(mechanism());
        };
    }
}
