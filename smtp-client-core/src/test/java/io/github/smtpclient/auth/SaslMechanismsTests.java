package io.github.smtpclient.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.smtpclient.ChannelBinding;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class SaslMechanismsTests {

    @ParameterizedTest
    @EnumSource(AuthMechanism.class)
    void createsAnExchangeForEveryMechanism(AuthMechanism mechanism) throws Exception {
        ChannelBinding binding = ChannelBinding.of(ChannelBinding.TLS_EXPORTER, new byte[32]);
        SaslMechanism created = SaslMechanisms.create(mechanism, "user", "secret", "mail.example.test", 587, binding);

        assertThat(created.mechanism()).isEqualTo(mechanism);
    }

    @org.junit.jupiter.api.Test
    void externalNeedsNoCredentialsAndSendsTheUserNameAsTheAuthorizationIdentity() throws Exception {
        assertThat(SaslMechanisms.create(AuthMechanism.EXTERNAL, null, null, null, 0).initialResponse()).isEmpty();
        assertThat(new String(SaslMechanisms.create(AuthMechanism.EXTERNAL, "postmaster", null, null, 0)
                .initialResponse(), StandardCharsets.UTF_8)).isEqualTo("postmaster");
    }

    /** Every mechanism that needs a user name: EXTERNAL takes its identity from the client certificate. */
    @ParameterizedTest
    @EnumSource(value = AuthMechanism.class, mode = EnumSource.Mode.EXCLUDE, names = "EXTERNAL")
    void missingUsernameNamesTheSetting(AuthMechanism mechanism) {
        SmtpException failure = SmtpFailures.thrownBy(SmtpErrorCode.INVALID_ARGUMENT,
                () -> SaslMechanisms.create(mechanism, " ", "secret", null, 0));
        assertThat(failure).hasMessageContaining("auth.username").hasMessageContaining("setUsername");
    }

    @ParameterizedTest
    @EnumSource(value = AuthMechanism.class, mode = EnumSource.Mode.EXCLUDE, names = "EXTERNAL")
    void missingSecretNamesTheSettingToFix(AuthMechanism mechanism) {
        SmtpException failure = SmtpFailures.thrownBy(SmtpErrorCode.INVALID_ARGUMENT,
                () -> SaslMechanisms.create(mechanism, "user", null, null, 0));
        assertThat(failure).hasMessageContaining(mechanism.usesToken() ? "setOAuthToken" : "setPassword");
    }

    @Test
    void controlCharacterInTheUsernameIsRejected() {
        SmtpFailures.thrownBy(SmtpErrorCode.INVALID_ARGUMENT,
                () -> SaslMechanisms.create(AuthMechanism.XOAUTH2, "user\u0001auth=Bearer x", "token", null, 0));
    }

    @Test
    void nulInAPlainPasswordIsRejected() {
        SmtpFailures.thrownBy(SmtpErrorCode.INVALID_ARGUMENT,
                () -> SaslMechanisms.create(AuthMechanism.PLAIN, "user", "pass\0word", null, 0));
    }

    @Test
    void tokenWithABearerPrefixIsRejectedWithAHint() {
        SmtpException failure = SmtpFailures.thrownBy(SmtpErrorCode.INVALID_ARGUMENT,
                () -> SaslMechanisms.create(AuthMechanism.OAUTHBEARER, "user", "Bearer abc", null, 0));
        assertThat(failure).hasMessageContaining("without a \"Bearer \" prefix");
    }

    @Test
    void scramPasswordThatSaslPrepProhibitsIsRejectedWithoutRevealingIt() {
        SmtpException failure = SmtpFailures.thrownBy(SmtpErrorCode.INVALID_ARGUMENT,
                () -> SaslMechanisms.create(AuthMechanism.SCRAM_SHA_256, "user", "hunter2\u0007", null, 0));
        assertThat(failure).hasMessageContaining("auth.password").hasMessageNotContaining("hunter2");
    }

    @Test
    void scramPasswordThatIsEmptyAfterSaslPrepIsRejected() {
        SmtpFailures.thrownBy(SmtpErrorCode.INVALID_ARGUMENT,
                () -> SaslMechanisms.create(AuthMechanism.SCRAM_SHA_1, "user", "\u00AD\u200B", null, 0));
    }

    @Test
    void scramUsesTheSaslPreparedUsername() throws Exception {
        SaslMechanism scram = SaslMechanisms.create(AuthMechanism.SCRAM_SHA_256, "\u2168\u00AD", "pencil", null, 0);

        assertThat(new String(scram.initialResponse(), StandardCharsets.UTF_8)).startsWith("n,,n=IX,r=");
    }

    @Test
    void oauthBearerCarriesTheHostAndPort() throws Exception {
        SaslMechanism bearer = SaslMechanisms.create(AuthMechanism.OAUTHBEARER, "user", "t0ken", "mail.example.test", 465);

        assertThat(new String(bearer.initialResponse(), StandardCharsets.UTF_8))
                .contains("\u0001host=mail.example.test\u0001port=465\u0001");
    }

    @Test
    void portOutsideTheTcpRangeIsAProgrammingError() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SaslMechanisms.create(AuthMechanism.PLAIN, "user", "secret", "h", 65536));
    }
}
