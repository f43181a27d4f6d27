package io.github.smtpclient.auth;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * CRAM-MD5 (RFC 2195): answers the server's one challenge with {@code username SP hex(HMAC-MD5(password, challenge))}.
 */
final class CramMd5Mechanism implements SaslMechanism {

    private final String username;
    private final String password;
    private boolean answered;

    CramMd5Mechanism(String username, String password) {
        this.username = username;
        this.password = password;
    }

    @Override
    public AuthMechanism mechanism() {
        return AuthMechanism.CRAM_MD5;
    }

    @Override
    public byte[] initialResponse() {
        return null;
    }

    @Override
    public byte[] evaluateChallenge(byte[] challenge) throws SmtpException {
        if (answered) {
            throw SaslErrors.tooManyChallenges(mechanism());
        }
        if (challenge.length == 0) {
            throw SaslErrors.malformedChallenge(mechanism(), "the challenge is empty");
        }
        answered = true;
        String digest = HexFormat.of().formatHex(hmacMd5(challenge));
        return (username + " " + digest).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] hmacMd5(byte[] challenge) throws SmtpException {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(password.getBytes(StandardCharsets.UTF_8), "HmacMD5"));
            return mac.doFinal(challenge);
        } catch (GeneralSecurityException e) {
            // Java SE does not require HmacMD5, and FIPS-restricted runtimes leave it out
            throw new SmtpException(SmtpErrorCode.AUTH_NOT_SUPPORTED, "CRAM-MD5 needs HmacMD5, which this Java runtime"
                    + " does not provide; configure another mechanism with auth().setMechanisms(...)", e);
        }
    }
}
