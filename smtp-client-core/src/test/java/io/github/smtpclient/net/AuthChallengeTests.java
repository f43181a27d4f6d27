package io.github.smtpclient.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class AuthChallengeTests {

    @Test
    void severalChallengesInOneHeaderAreSplitAtTheRightCommas() {
        List<AuthChallenge> challenges = AuthChallenge.parse(List.of("Basic realm=\"a, b\", Digest realm=\"r\","
                + " nonce=\"x\\\"y\", qop=\"auth,auth-int\", stale=false, NTLM, Negotiate abc=="));

        assertThat(challenges).extracting(AuthChallenge::scheme).containsExactly("Basic", "Digest", "NTLM", "Negotiate");
        assertThat(challenges.get(0).parameter("realm")).isEqualTo("a, b");
        assertThat(challenges.get(1).parameter("NONCE")).isEqualTo("x\"y");
        assertThat(challenges.get(1).parameter("qop")).isEqualTo("auth,auth-int");
        assertThat(challenges.get(1).parameter("stale")).isEqualTo("false");
        assertThat(challenges.get(2).token68()).isNull();
        assertThat(challenges.get(3).token68()).isEqualTo("abc==");
    }

    @Test
    void anNtlmChallengeCarriesItsMessageAsToken68() {
        List<AuthChallenge> challenges = AuthChallenge.parse(List.of("NTLM TlRMTVNTUAACAAAACQAJAK6qqqoGgggA",
                "Basic realm=\"squid\""));

        assertThat(challenges).hasSize(2);
        assertThat(challenges.get(0).is("ntlm")).isTrue();
        assertThat(challenges.get(0).token68()).isEqualTo("TlRMTVNTUAACAAAACQAJAK6qqqoGgggA");
        assertThat(challenges.get(1).parameter("realm")).isEqualTo("squid");
    }

    @Test
    void garbageYieldsWhatCameBeforeIt() {
        assertThat(AuthChallenge.parse(List.of("Digest realm=\"unterminated"))).extracting(AuthChallenge::scheme)
                .containsExactly("Digest");
        assertThat(AuthChallenge.parse(List.of("", " , "))).isEmpty();
    }
}
