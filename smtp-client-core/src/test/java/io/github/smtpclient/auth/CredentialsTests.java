package io.github.smtpclient.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

class CredentialsTests {

    @Test
    void equalAccountsAreEqualAndADifferentSecretIsAnotherIdentity() {
        assertThat(Credentials.password("alice", "one")).isEqualTo(Credentials.password("alice", "one"))
                .hasSameHashCodeAs(Credentials.password("alice", "one"))
                .isNotEqualTo(Credentials.password("alice", "two"))
                .isNotEqualTo(Credentials.password("bob", "one"));
        Supplier<String> tokens = () -> "token";
        assertThat(Credentials.oauth("alice", tokens)).isEqualTo(Credentials.oauth("alice", tokens))
                .isNotEqualTo(Credentials.oauth("alice", () -> "token"))
                .isNotEqualTo(Credentials.password("alice", "token"));
    }

    @Test
    void applyingThemReplacesTheAccountAndClearsTheOtherKindOfSecret() throws Exception {
        AuthSettings configured = new AuthSettings();
        configured.setUsername("dave");
        configured.setPassword("dave-secret");
        configured.setOAuthTokenSupplier(() -> "dave-token");
        configured.setMechanisms(List.of(AuthMechanism.PLAIN));

        Credentials.password("alice", "alice-secret").applyTo(configured);
        assertThat(configured.getUsername()).isEqualTo("alice");
        assertThat(configured.secretFor(AuthMechanism.PLAIN)).isEqualTo("alice-secret");
        assertThat(configured.hasOAuthToken()).as("dave's token must never be sent as alice's").isFalse();
        assertThat(configured.getMechanisms()).containsExactly(AuthMechanism.PLAIN);

        Credentials.oauth("bob", () -> "bob-token").applyTo(configured);
        assertThat(configured.getUsername()).isEqualTo("bob");
        assertThat(configured.hasPassword()).isFalse();
        assertThat(configured.secretFor(AuthMechanism.XOAUTH2)).isEqualTo("bob-token");
    }

    @Test
    void badValuesAreRefusedNamingTheSettingAndSecretsAreMasked() {
        assertThatThrownBy(() -> Credentials.password("alice\n", "x")).hasMessageContaining("auth.username");
        assertThatThrownBy(() -> Credentials.password("alice", "x\r\n")).hasMessageContaining("auth.password");
        assertThatThrownBy(() -> Credentials.oauth(" ", () -> "t")).hasMessageContaining("auth.username");
        assertThatThrownBy(() -> Credentials.password("alice", null)).hasMessageContaining("password");
        assertThat(Credentials.password("alice", "alice-secret")).hasToString("Credentials[username=alice, password=****]");
        assertThat(Credentials.oauth("bob", () -> "bob-token").toString()).doesNotContain("bob-token");
    }
}
