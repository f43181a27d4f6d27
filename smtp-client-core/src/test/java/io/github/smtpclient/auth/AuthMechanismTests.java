package io.github.smtpclient.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AuthMechanismTests {

    @Test
    void saslNamesAreTheRegisteredNames() {
        assertThat(Arrays.stream(AuthMechanism.values()).map(AuthMechanism::saslName))
                .containsExactly("SCRAM-SHA-256-PLUS", "SCRAM-SHA-1-PLUS", "EXTERNAL", "SCRAM-SHA-256", "SCRAM-SHA-1", "CRAM-MD5", "OAUTHBEARER", "XOAUTH2", "PLAIN", "LOGIN");
    }

    @Test
    void fromSaslNameIgnoresCaseAndSurroundingSpace() {
        assertThat(AuthMechanism.fromSaslName("scram-sha-256")).contains(AuthMechanism.SCRAM_SHA_256);
        assertThat(AuthMechanism.fromSaslName(" Cram-Md5 ")).contains(AuthMechanism.CRAM_MD5);
        assertThat(AuthMechanism.fromSaslName("xoauth2")).contains(AuthMechanism.XOAUTH2);
    }

    @Test
    void fromSaslNameIsEmptyForUnknownOrMissingNames() {
        assertThat(AuthMechanism.fromSaslName("GSSAPI")).isEmpty();
        assertThat(AuthMechanism.fromSaslName("SCRAM_SHA_256")).isEmpty();
        assertThat(AuthMechanism.fromSaslName("")).isEmpty();
        assertThat(AuthMechanism.fromSaslName(null)).isEmpty();
    }

    @Test
    void onlyTheOAuthMechanismsUseATokenAndEveryNameRoundTrips() {
        for (AuthMechanism mechanism : AuthMechanism.values()) {
            assertThat(mechanism.usesToken()).as(mechanism.saslName())
                    .isEqualTo(mechanism == AuthMechanism.OAUTHBEARER || mechanism == AuthMechanism.XOAUTH2);
            assertThat(AuthMechanism.fromSaslName(mechanism.saslName())).contains(mechanism);
        }
    }

    @Test
    void challengeResponseMechanismsDoNotSendTheSecretInClear() {
        assertThat(Arrays.stream(AuthMechanism.values()).filter(AuthMechanism::sendsSecretInClear))
                .containsExactlyInAnyOrder(AuthMechanism.PLAIN, AuthMechanism.LOGIN, AuthMechanism.XOAUTH2,
                        AuthMechanism.OAUTHBEARER);
    }

    @Test
    void toStringIsTheSaslName() {
        assertThat(AuthMechanism.SCRAM_SHA_1).hasToString("SCRAM-SHA-1");
    }
}
