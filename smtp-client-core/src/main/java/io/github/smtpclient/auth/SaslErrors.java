package io.github.smtpclient.auth;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;

/** The exceptions the mechanisms throw, worded alike. */
final class SaslErrors {

    private SaslErrors() {
    }

    static SmtpException malformedChallenge(AuthMechanism mechanism, String problem) {
        return new SmtpException(SmtpErrorCode.PROTOCOL_VIOLATION, "The server's " + mechanism
                + " challenge is malformed: " + problem + ". The server does not implement " + mechanism + " correctly; configure another mechanism"
                + " with auth().setMechanisms(...)");
    }

    static SmtpException tooManyChallenges(AuthMechanism mechanism) {
        return new SmtpException(SmtpErrorCode.AUTH_CHALLENGE_LIMIT, "The server sent more " + mechanism
                + " challenges than the mechanism has steps; authentication was abandoned. Configure another"
                + " mechanism with auth().setMechanisms(...)");
    }

    static SmtpException authFailed(AuthMechanism mechanism, String reason) {
        return new SmtpException(SmtpErrorCode.AUTH_FAILED, mechanism + " authentication failed: " + reason);
    }

    static SmtpException invalidCredential(String setting, String problem) {
        return new SmtpException(SmtpErrorCode.INVALID_ARGUMENT, setting + " " + problem);
    }
}
