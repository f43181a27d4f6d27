package io.github.smtpclient.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ScramMechanismTests {

    // RFC 5802 section 5
    private static final String SHA1_NONCE = "fyko+d2lbbFgONRv9qkxdawL";
    private static final String SHA1_SERVER_FIRST = "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096";
    private static final String SHA1_CLIENT_FINAL =
            "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=";
    private static final String SHA1_SERVER_FINAL = "v=rmF9pqV8S7suAoZWja4dJRkFsKQ=";

    // RFC 7677 section 3
    private static final String SHA256_NONCE = "rOprNGfwEbeRWgbNEkqO";
    private static final String SHA256_SERVER_FIRST =
            "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    private static final String SHA256_CLIENT_FINAL = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
            + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    private static final String SHA256_SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static ScramMechanism sha1() {
        return new ScramMechanism(AuthMechanism.SCRAM_SHA_1, "user", "pencil", SHA1_NONCE);
    }

    /** An RFC 5802 exchange that has reached the server's final message. */
    private static ScramMechanism sha1AwaitingServerFinal() throws Exception {
        ScramMechanism scram = sha1();
        scram.initialResponse();
        scram.evaluateChallenge(bytes(SHA1_SERVER_FIRST));
        return scram;
    }

    @Test
    void plusSendsTheBindingTypeAndSignsItsData() throws Exception {
        byte[] data = new byte[32];
        java.util.Arrays.fill(data, (byte) 0x5a);
        ScramMechanism scram = new ScramMechanism(AuthMechanism.SCRAM_SHA_256_PLUS, "user", "pencil", SHA256_NONCE,
                io.github.smtpclient.ChannelBinding.of("tls-exporter", data));

        assertThat(text(scram.initialResponse())).isEqualTo("p=tls-exporter,,n=user,r=" + SHA256_NONCE);
        String clientFinal = text(scram.evaluateChallenge(bytes(SHA256_SERVER_FIRST)));
        String channelBinding = clientFinal.substring(2, clientFinal.indexOf(','));
        byte[] expected = new byte[16 + 32];
        System.arraycopy(bytes("p=tls-exporter,,"), 0, expected, 0, 16);
        System.arraycopy(data, 0, expected, 16, 32);
        assertThat(java.util.Base64.getDecoder().decode(channelBinding)).isEqualTo(expected);
        // The binding is part of the AuthMessage, so the proof differs from the unbound exchange's.
        assertThat(clientFinal).isNotEqualTo(SHA256_CLIENT_FINAL);
    }

    @Test
    void unboundScramOnAConnectionWithABindingSaysYes() throws Exception {
        ScramMechanism scram = new ScramMechanism(AuthMechanism.SCRAM_SHA_256, "user", "pencil", SHA256_NONCE,
                io.github.smtpclient.ChannelBinding.of("tls-exporter", new byte[32]));

        assertThat(text(scram.initialResponse())).isEqualTo("y,,n=user,r=" + SHA256_NONCE);
        assertThat(text(scram.evaluateChallenge(bytes(SHA256_SERVER_FIRST)))).startsWith("c=eSws,");
    }

    @Test
    void reproducesTheRfc5802ScramSha1Exchange() throws Exception {
        ScramMechanism scram = sha1();

        assertThat(scram.mechanism()).isEqualTo(AuthMechanism.SCRAM_SHA_1);
        assertThat(text(scram.initialResponse())).isEqualTo("n,,n=user,r=" + SHA1_NONCE);
        assertThat(text(scram.evaluateChallenge(bytes(SHA1_SERVER_FIRST)))).isEqualTo(SHA1_CLIENT_FINAL);
        assertThat(scram.evaluateChallenge(bytes(SHA1_SERVER_FINAL))).isEmpty();
        assertThatCode(scram::verifyComplete).doesNotThrowAnyException();
    }

    @Test
    void reproducesTheRfc7677ScramSha256Exchange() throws Exception {
        ScramMechanism scram = new ScramMechanism(AuthMechanism.SCRAM_SHA_256, "user", "pencil", SHA256_NONCE);

        assertThat(scram.mechanism()).isEqualTo(AuthMechanism.SCRAM_SHA_256);
        assertThat(text(scram.initialResponse())).isEqualTo("n,,n=user,r=" + SHA256_NONCE);
        assertThat(text(scram.evaluateChallenge(bytes(SHA256_SERVER_FIRST)))).isEqualTo(SHA256_CLIENT_FINAL);
        assertThat(scram.evaluateChallenge(bytes(SHA256_SERVER_FINAL))).isEmpty();
        assertThatCode(scram::verifyComplete).doesNotThrowAnyException();
    }

    @Test
    void clientFirstMessageAnswersAnEmptyFirstChallenge() throws Exception {
        assertThat(text(sha1().evaluateChallenge(new byte[0]))).isEqualTo("n,,n=user,r=" + SHA1_NONCE);
    }

    @Test
    void usernameEscapesEqualsAndComma() {
        ScramMechanism scram = new ScramMechanism(AuthMechanism.SCRAM_SHA_256, "a=b,c", "pencil", "nonce");

        assertThat(text(scram.initialResponse())).isEqualTo("n,,n=a=3Db=2Cc,r=nonce");
    }

    @Test
    void wrongServerSignatureFailsAuthentication() throws Exception {
        ScramMechanism scram = sha1AwaitingServerFinal();

        SmtpException failure = SmtpFailures.thrownBy(SmtpErrorCode.AUTH_FAILED,
                () -> scram.evaluateChallenge(bytes("v=AAF9pqV8S7suAoZWja4dJRkFsKQ=")));
        assertThat(failure).hasMessageContaining("impostor");
    }

    @Test
    void successWithoutServerSignatureFailsMutualAuthentication() throws Exception {
        ScramMechanism scram = sha1AwaitingServerFinal();

        SmtpFailures.thrownBy(SmtpErrorCode.AUTH_FAILED, scram::verifyComplete);
    }

    @Test
    void successAfterAWrongServerSignatureStillFails() throws Exception {
        ScramMechanism scram = sha1AwaitingServerFinal();
        SmtpFailures.thrownBy(SmtpErrorCode.AUTH_FAILED, () -> scram.evaluateChallenge(bytes("v=AAAA")));

        SmtpFailures.thrownBy(SmtpErrorCode.AUTH_FAILED, scram::verifyComplete);
    }

    @Test
    void serverNonceThatDoesNotExtendTheClientNonceIsRejected() {
        ScramMechanism scram = sha1();
        scram.initialResponse();

        SmtpFailures.thrownBy(SmtpErrorCode.AUTH_FAILED,
                () -> scram.evaluateChallenge(bytes("r=someoneElsesNonce3rfcNHYJY,s=QSXCR+Q6sek8bf92,i=4096")));
    }

    @Test
    void serverNonceEqualToTheClientNonceIsRejected() {
        ScramMechanism scram = sha1();
        scram.initialResponse();

        SmtpFailures.thrownBy(SmtpErrorCode.AUTH_FAILED,
                () -> scram.evaluateChallenge(bytes("r=" + SHA1_NONCE + ",s=QSXCR+Q6sek8bf92,i=4096")));
    }

    @Test
    void serverErrorInTheFinalMessageFailsAuthenticationAndIsReported() throws Exception {
        ScramMechanism scram = sha1AwaitingServerFinal();

        SmtpException failure = SmtpFailures.thrownBy(SmtpErrorCode.AUTH_FAILED,
                () -> scram.evaluateChallenge(bytes("e=invalid-proof")));
        assertThat(failure).hasMessageContaining("invalid-proof");
    }

    @Test
    void serverErrorInsteadOfTheFirstMessageFailsAuthentication() {
        ScramMechanism scram = sha1();
        scram.initialResponse();

        SmtpFailures.thrownBy(SmtpErrorCode.AUTH_FAILED, () -> scram.evaluateChallenge(bytes("e=unknown-user")));
    }

    @Test
    void mandatoryExtensionIsNotSupported() {
        ScramMechanism scram = sha1();
        scram.initialResponse();

        SmtpFailures.thrownBy(SmtpErrorCode.AUTH_NOT_SUPPORTED,
                () -> scram.evaluateChallenge(bytes("m=ext," + SHA1_SERVER_FIRST)));
    }

    @Test
    void iterationCountsBelowOneOrAbsurdlyHighAreRejected() {
        for (String count : new String[] {"0", "-1", "10000001", "99999999999", "", "4k", "\u0664\u0660\u0669\u0666"}) {
            ScramMechanism scram = sha1();
            scram.initialResponse();
            String serverFirst = "r=" + SHA1_NONCE + "srv,s=QSXCR+Q6sek8bf92,i=" + count;

            SmtpFailures.thrownBy(SmtpErrorCode.PROTOCOL_VIOLATION, () -> scram.evaluateChallenge(bytes(serverFirst)));
        }
    }

    @Test
    void iterationCountOfOneIsAccepted() throws Exception {
        ScramMechanism scram = sha1();
        scram.initialResponse();

        assertThat(text(scram.evaluateChallenge(bytes("r=" + SHA1_NONCE + "srv,s=QSXCR+Q6sek8bf92,i=1"))))
                .startsWith("c=biws,r=" + SHA1_NONCE + "srv,p=");
    }

    @Test
    void malformedServerFirstMessagesAreProtocolViolations() {
        String[] malformed = {
            "",
            "r=" + SHA1_NONCE + "srv,s=QSXCR+Q6sek8bf92",
            "s=QSXCR+Q6sek8bf92,r=" + SHA1_NONCE + "srv,i=4096",
            "r=" + SHA1_NONCE + "srv,s=not*base64,i=4096",
            "r=" + SHA1_NONCE + "srv,s=,i=4096",
            "r=" + SHA1_NONCE + "s\u00e9rv,s=QSXCR+Q6sek8bf92,i=4096",
        };
        for (String serverFirst : malformed) {
            ScramMechanism scram = sha1();
            scram.initialResponse();

            SmtpFailures.thrownBy(SmtpErrorCode.PROTOCOL_VIOLATION, () -> scram.evaluateChallenge(bytes(serverFirst)));
        }
    }

    @Test
    void invalidUtf8ChallengeIsAProtocolViolation() {
        ScramMechanism scram = sha1();
        scram.initialResponse();

        SmtpFailures.thrownBy(SmtpErrorCode.PROTOCOL_VIOLATION,
                () -> scram.evaluateChallenge(new byte[] {'r', '=', (byte) 0xC3, (byte) 0x28}));
    }

    @Test
    void extensionsAfterTheIterationCountAreIgnored() throws Exception {
        ScramMechanism scram = sha1();
        scram.initialResponse();

        assertThat(text(scram.evaluateChallenge(bytes("r=" + SHA1_NONCE + "srv,s=QSXCR+Q6sek8bf92,i=1,x=future"))))
                .startsWith("c=biws,r=" + SHA1_NONCE + "srv,p=");
    }

    @Test
    void challengeAfterTheServerFinalMessageExceedsTheChallengeLimit() throws Exception {
        ScramMechanism scram = sha1AwaitingServerFinal();
        scram.evaluateChallenge(bytes(SHA1_SERVER_FINAL));

        SmtpFailures.thrownBy(SmtpErrorCode.AUTH_CHALLENGE_LIMIT, () -> scram.evaluateChallenge(bytes(SHA1_SERVER_FINAL)));
    }

    @Test
    void randomNoncesArePrintableWithoutCommasAndDiffer() {
        String first = ScramMechanism.randomNonce();
        String second = ScramMechanism.randomNonce();

        assertThat(first).hasSize(32).matches("[\\x21-\\x2B\\x2D-\\x7E]+");
        assertThat(second).isNotEqualTo(first);
    }
}
