package io.github.smtpclient.auth;

import static io.github.smtpclient.auth.AuthMechanism.CRAM_MD5;
import static io.github.smtpclient.auth.AuthMechanism.LOGIN;
import static io.github.smtpclient.auth.AuthMechanism.OAUTHBEARER;
import static io.github.smtpclient.auth.AuthMechanism.PLAIN;
import static io.github.smtpclient.auth.AuthMechanism.SCRAM_SHA_1;
import static io.github.smtpclient.auth.AuthMechanism.SCRAM_SHA_256;
import static io.github.smtpclient.auth.AuthMechanism.XOAUTH2;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import java.util.List;
import org.junit.jupiter.api.Test;

class MechanismSelectorTests {

    private static final List<String> EVERYTHING =
            List.of("LOGIN", "PLAIN", "XOAUTH2", "OAUTHBEARER", "CRAM-MD5", "SCRAM-SHA-1", "SCRAM-SHA-256");

    private final AuthSettings settings = new AuthSettings();

    MechanismSelectorTests() {
        settings.setUsername("user");
        settings.setPassword("pw");
    }

    @Test
    void defaultOrderIsStrongestFirstAmongOfferedPasswordMechanisms() throws Exception {
        assertThat(MechanismSelector.select(settings, EVERYTHING, false))
                .containsExactly(SCRAM_SHA_256, SCRAM_SHA_1, CRAM_MD5, PLAIN, LOGIN);
        assertThat(MechanismSelector.select(settings, List.of("LOGIN", "PLAIN"), false)).containsExactly(PLAIN, LOGIN);
        assertThat(MechanismSelector.select(settings, List.of("PLAIN", "LOGIN", "CRAM-MD5"), false))
                .containsExactly(CRAM_MD5, PLAIN, LOGIN);
    }

    @Test
    void withAChannelBindingPlusComesFirstAndItsUnboundVariantIsDropped() throws Exception {
        List<String> offered = List.of("PLAIN", "SCRAM-SHA-1", "SCRAM-SHA-256", "SCRAM-SHA-256-PLUS");

        assertThat(MechanismSelector.select(settings, offered, false, true, false))
                .containsExactly(AuthMechanism.SCRAM_SHA_256_PLUS, SCRAM_SHA_1, PLAIN);
        assertThat(MechanismSelector.select(settings, offered, false, false, false))
                .containsExactly(SCRAM_SHA_256, SCRAM_SHA_1, PLAIN);
    }

    @Test
    void externalIsTriedOnlyWhenListedAndACertificateWasPresented() throws Exception {
        List<String> offered = List.of("EXTERNAL", "PLAIN");
        assertThat(MechanismSelector.select(settings, offered, false, false, true)).containsExactly(PLAIN);

        settings.setMechanisms(List.of(AuthMechanism.EXTERNAL, PLAIN));
        assertThat(MechanismSelector.select(settings, offered, false, false, true))
                .containsExactly(AuthMechanism.EXTERNAL, PLAIN);
        assertThat(MechanismSelector.select(settings, offered, false, false, false)).containsExactly(PLAIN);

        settings.setMechanisms(List.of(AuthMechanism.EXTERNAL));
        SmtpException refused = SmtpFailures.thrownBy(SmtpErrorCode.AUTH_NOT_SUPPORTED,
                () -> MechanismSelector.select(settings, offered, false, false, false));
        assertThat(refused).hasMessageContaining("tls().setClientCertificate");
    }

    @Test
    void anExplicitListThatWouldGiveUpTheOfferedBindingIsRefused() {
        settings.setMechanisms(List.of(SCRAM_SHA_256));

        SmtpException refused = SmtpFailures.thrownBy(SmtpErrorCode.AUTH_NOT_SUPPORTED, () -> MechanismSelector
                .select(settings, List.of("SCRAM-SHA-256", "SCRAM-SHA-256-PLUS"), false, true, false));
        assertThat(refused).hasMessageContaining("downgrade").hasMessageContaining("-PLUS");
    }

    @Test
    void onlyPlusMechanismsWithoutABindingIsNamedAsSuch() {
        settings.setMechanisms(List.of(AuthMechanism.SCRAM_SHA_256_PLUS));

        SmtpException refused = SmtpFailures.thrownBy(SmtpErrorCode.AUTH_NOT_SUPPORTED, () -> MechanismSelector
                .select(settings, List.of("SCRAM-SHA-256-PLUS"), false, false, false));
        assertThat(refused).hasMessageContaining("channel binding");
    }

    @Test
    void oauthMechanismsComeFirstByDefaultOnlyWhenATokenIsAvailable() throws Exception {
        assertThat(MechanismSelector.select(settings, EVERYTHING, true))
                .containsExactly(OAUTHBEARER, XOAUTH2, SCRAM_SHA_256, SCRAM_SHA_1, CRAM_MD5, PLAIN, LOGIN);
        assertThat(MechanismSelector.select(settings, List.of("XOAUTH2", "PLAIN"), false)).containsExactly(PLAIN);
    }

    @Test
    void passwordMechanismsAreLeftOutWhenOnlyATokenIsConfigured() throws Exception {
        AuthSettings tokenOnly = new AuthSettings();
        tokenOnly.setUsername("user");
        tokenOnly.setOAuthToken("tok");

        assertThat(MechanismSelector.select(tokenOnly, EVERYTHING, true)).containsExactly(OAUTHBEARER, XOAUTH2);
    }

    @Test
    void explicitOrderIsKeptAndFilteredToWhatTheServerOffers() throws Exception {
        settings.setMechanisms(List.of(LOGIN, XOAUTH2, SCRAM_SHA_1, PLAIN));

        assertThat(MechanismSelector.select(settings, List.of("PLAIN", "LOGIN", "SCRAM-SHA-1", "SCRAM-SHA-256"), false))
                .containsExactly(LOGIN, SCRAM_SHA_1, PLAIN);
    }

    @Test
    void explicitlyListedOAuthMechanismIsKeptWithoutAToken() throws Exception {
        settings.setMechanisms(List.of(XOAUTH2));

        assertThat(MechanismSelector.select(settings, EVERYTHING, false)).containsExactly(XOAUTH2);
    }

    @Test
    void advertisedNamesAreMatchedIgnoringCaseAndUnknownNamesAreIgnored() throws Exception {
        assertThat(MechanismSelector.select(settings, List.of("gssapi", "ntlm", "plain", "Login", "DIGEST-MD5"), false))
                .containsExactly(PLAIN, LOGIN);
    }

    @Test
    void forceLoginWithoutAdvertisedAuthTriesEveryConfiguredMechanismInOrder() throws Exception {
        settings.setForceLogin(true);
        settings.setMechanisms(List.of(LOGIN, PLAIN));

        assertThat(MechanismSelector.select(settings, List.of(), false)).containsExactly(LOGIN, PLAIN);
    }

    @Test
    void forceLoginWithoutAdvertisedAuthUsesTheDefaultOrderWhenNothingIsConfigured() throws Exception {
        settings.setForceLogin(true);

        assertThat(MechanismSelector.select(settings, List.of(), false))
                .containsExactly(SCRAM_SHA_256, SCRAM_SHA_1, CRAM_MD5, PLAIN, LOGIN);
    }

    @Test
    void withoutForceLoginAServerThatDoesNotAdvertiseAuthIsNotSupported() {
        SmtpException failure = SmtpFailures.thrownBy(SmtpErrorCode.AUTH_NOT_SUPPORTED,
                () -> MechanismSelector.select(settings, List.of(), false));
        assertThat(failure).hasMessageContaining("setForceLogin(true)");
    }

    @Test
    void forceLoginDoesNotOverrideAnAdvertisedListWithNothingInCommon() {
        settings.setForceLogin(true);

        SmtpFailures.thrownBy(SmtpErrorCode.AUTH_NOT_SUPPORTED,
                () -> MechanismSelector.select(settings, List.of("GSSAPI"), false));
    }

    @Test
    void noCommonMechanismIsNotSupportedAndTheMessageSaysWhatTheServerOffers() {
        settings.setMechanisms(List.of(SCRAM_SHA_256));

        SmtpException failure = SmtpFailures.thrownBy(SmtpErrorCode.AUTH_NOT_SUPPORTED,
                () -> MechanismSelector.select(settings, List.of("PLAIN", "LOGIN"), false));
        assertThat(failure).hasMessageContaining("[PLAIN LOGIN]").hasMessageContaining("[SCRAM-SHA-256]")
                .hasMessageContaining("setMechanisms");
    }
}
