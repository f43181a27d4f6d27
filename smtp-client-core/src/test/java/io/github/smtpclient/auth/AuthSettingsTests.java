package io.github.smtpclient.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AuthSettingsTests {

    private final AuthSettings settings = new AuthSettings();

    @Test
    void defaultsAreSecure() {
        assertThat(settings.getUsername()).isNull();
        assertThat(settings.hasPassword()).isFalse();
        assertThat(settings.hasOAuthToken()).isFalse();
        assertThat(settings.getMechanisms()).isEmpty();
        assertThat(settings.isForceLogin()).isFalse();
        assertThat(settings.isAllowPlaintextCredentials()).isFalse();
        assertThat(settings.isAllowLoopbackPlaintext()).isTrue();
    }

    @Test
    void toStringMasksPasswordAndToken() {
        settings.setUsername("alice");
        settings.setPassword("hunter2");
        settings.setOAuthToken("ya29.secret-token");

        assertThat(settings.toString()).contains("username=alice", "password=****", "oauthToken=****")
                .doesNotContain("hunter2", "ya29");
    }

    @Test
    void toStringSaysWhenNoSecretIsSet() {
        assertThat(settings.toString()).contains("password=none", "oauthToken=none");
    }

    @Test
    void blankOrMultiLineUsernameIsRejectedNamingTheSetting() {
        assertThatIllegalArgumentException().isThrownBy(() -> settings.setUsername("  ")).withMessageContaining("auth.username");
        assertThatIllegalArgumentException().isThrownBy(() -> settings.setUsername("alice\n"))
                .withMessageContaining("auth.username");
    }

    @Test
    void emptyPasswordOrOneWithALineEndingIsRejectedWithoutQuotingIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> settings.setPassword("")).withMessageContaining("auth.password");
        assertThatIllegalArgumentException().isThrownBy(() -> settings.setPassword("hunter2\r\n"))
                .withMessageContaining("auth.password").withMessageNotContaining("hunter2");
    }

    @Test
    void tokenWithSpacesOrEmptyIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> settings.setOAuthToken("Bearer abc"))
                .withMessageContaining("auth.oauthToken");
        assertThatIllegalArgumentException().isThrownBy(() -> settings.setOAuthToken(""));
    }

    @Test
    void nullClearsCredentials() {
        settings.setUsername("alice");
        settings.setPassword("pw");
        settings.setOAuthToken("tok");

        settings.setUsername(null);
        settings.setPassword(null);
        settings.setOAuthToken(null);

        assertThat(settings.getUsername()).isNull();
        assertThat(settings.hasPassword()).isFalse();
        assertThat(settings.hasOAuthToken()).isFalse();
    }

    @Test
    void mechanismsRejectNullAndDuplicates() {
        assertThatIllegalArgumentException().isThrownBy(() -> settings.setMechanisms(null))
                .withMessageContaining("auth.mechanisms");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> settings.setMechanisms(List.of(AuthMechanism.PLAIN, AuthMechanism.LOGIN, AuthMechanism.PLAIN)))
                .withMessageContaining("PLAIN twice");
        List<AuthMechanism> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatIllegalArgumentException().isThrownBy(() -> settings.setMechanisms(withNull));
    }

    @Test
    void mechanismsAreCopied() {
        List<AuthMechanism> mechanisms = new ArrayList<>(List.of(AuthMechanism.PLAIN));
        settings.setMechanisms(mechanisms);
        mechanisms.add(AuthMechanism.LOGIN);

        assertThat(settings.getMechanisms()).containsExactly(AuthMechanism.PLAIN);
    }

    @Test
    void copyIsIndependentOfTheOriginal() throws Exception {
        settings.setUsername("alice");
        settings.setPassword("pw");
        settings.setMechanisms(List.of(AuthMechanism.LOGIN));
        settings.setForceLogin(true);
        settings.setAllowPlaintextCredentials(true);
        settings.setAllowLoopbackPlaintext(false);

        AuthSettings copy = settings.copy();
        settings.setUsername("bob");
        settings.setPassword("other");
        settings.setMechanisms(List.of());
        settings.setForceLogin(false);

        assertThat(copy.getUsername()).isEqualTo("alice");
        assertThat(copy.secretFor(AuthMechanism.PLAIN)).isEqualTo("pw");
        assertThat(copy.getMechanisms()).containsExactly(AuthMechanism.LOGIN);
        assertThat(copy.isForceLogin()).isTrue();
        assertThat(copy.isAllowPlaintextCredentials()).isTrue();
        assertThat(copy.isAllowLoopbackPlaintext()).isFalse();
    }

    @Test
    void passwordMechanismsUseThePasswordAndOAuthMechanismsTheToken() throws Exception {
        settings.setPassword("pw");
        settings.setOAuthToken("tok");

        assertThat(settings.secretFor(AuthMechanism.SCRAM_SHA_256)).isEqualTo("pw");
        assertThat(settings.secretFor(AuthMechanism.XOAUTH2)).isEqualTo("tok");
        assertThat(settings.secretFor(AuthMechanism.OAUTHBEARER)).isEqualTo("tok");
    }

    @Test
    void passwordServesAsTokenWhenNoTokenIsSet() throws Exception {
        settings.setPassword("access-token-in-password");

        assertThat(settings.secretFor(AuthMechanism.XOAUTH2)).isEqualTo("access-token-in-password");
    }

    @Test
    void tokenSupplierIsAskedAtEachAuthentication() throws Exception {
        AtomicInteger refreshes = new AtomicInteger();
        settings.setOAuthTokenSupplier(() -> "token-" + refreshes.incrementAndGet());

        assertThat(settings.secretFor(AuthMechanism.OAUTHBEARER)).isEqualTo("token-1");
        assertThat(settings.secretFor(AuthMechanism.OAUTHBEARER)).isEqualTo("token-2");
    }

    @Test
    void failingOrEmptyTokenSupplierFailsAuthentication() {
        settings.setOAuthTokenSupplier(() -> {
            throw new IllegalStateException("refresh endpoint down");
        });
        SmtpException failure = SmtpFailures.thrownBy(SmtpErrorCode.AUTH_FAILED, () -> settings.secretFor(AuthMechanism.XOAUTH2));
        assertThat(failure).hasRootCauseMessage("refresh endpoint down");

        settings.setOAuthTokenSupplier(() -> null);
        SmtpFailures.thrownBy(SmtpErrorCode.AUTH_FAILED, () -> settings.secretFor(AuthMechanism.XOAUTH2));
    }

    @Test
    void unencryptedCredentialsAreAllowedOnlyToLoopbackByDefault() {
        assertThat(settings.permitsUnencrypted(true)).isTrue();
        assertThat(settings.permitsUnencrypted(false)).isFalse();
    }

    @Test
    void loopbackExemptionCanBeRemoved() {
        settings.setAllowLoopbackPlaintext(false);

        assertThat(settings.permitsUnencrypted(true)).isFalse();
    }

    @Test
    void plaintextCredentialsCanBeAllowedEverywhere() {
        settings.setAllowLoopbackPlaintext(false);
        settings.setAllowPlaintextCredentials(true);

        assertThat(settings.permitsUnencrypted(false)).isTrue();
        assertThat(settings.permitsUnencrypted(true)).isTrue();
    }
}
