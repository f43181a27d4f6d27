package io.github.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Advice names settings through references, so each framework names them its own way. */
class HintTests {

    private static final SettingNames UPPER = reference -> reference.setting().name()
            + (reference.value() == null ? "" : ":" + reference.value());

    @Test
    void theJavaApiNamesASettingAsACallOnTheClient() {
        Hint hint = Hint.of("Use {} or trust it with {}.", Setting.TLS_MODE.to("IMPLICIT"),
                Setting.TLS_TRUSTED_CERTIFICATES.mention());
        assertThat(hint.render(SettingNames.JAVA_API)).isEqualTo("Use client.tls().setMode(TlsMode.IMPLICIT) or trust"
                + " it with client.tls().setTrustedCertificates(...).");
        assertThat(hint.render(UPPER)).isEqualTo("Use TLS_MODE:IMPLICIT or trust it with TLS_TRUSTED_CERTIFICATES.");
    }

    @Test
    void placeholdersAndSettingsMustPairUp() {
        assertThatThrownBy(() -> Hint.of("Use {} and {}.", Setting.TLS_MODE.to("IMPLICIT")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 placeholders for 1 settings");
    }

    @Test
    void theMessageEndsWithTheHintInTheNamesTheClientWasGiven() {
        SmtpException e = new SmtpException(SmtpErrorCode.AUTH_REQUIRES_ENCRYPTION, "Refusing.")
                .withHint(Hint.of("Set {}.", Setting.AUTH_ALLOW_PLAINTEXT_CREDENTIALS.to("true")));
        assertThat(e.getMessage()).isEqualTo("Refusing. Set client.auth().setAllowPlaintextCredentials(true).");
        e.useSettingNames(UPPER);
        assertThat(e.getMessage()).isEqualTo("Refusing. Set AUTH_ALLOW_PLAINTEXT_CREDENTIALS:true.");
        assertThat(e.hint()).isPresent();
        assertThatThrownBy(() -> e.withHint(Hint.of("again"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aClientNamesTheSettingsOfEveryFailureItReports() {
        try (SmtpClient client = new SmtpClient()) {
            client.setSettingNames(UPPER);
            client.tls().setMode(io.github.smtpclient.tls.TlsMode.NONE);
            client.auth().setUsername("alice");
            client.auth().setPassword("secret");
            client.auth().setAllowLoopbackPlaintext(false);
            try (io.github.smtpclient.testing.CountingSmtpServer server =
                    io.github.smtpclient.testing.CountingSmtpServer.start()) {
                assertThatThrownBy(() -> client.connect("localhost", server.port()))
                        .isInstanceOfSatisfying(SmtpException.class, e -> {
                            assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.AUTH_REQUIRES_ENCRYPTION);
                            assertThat(e.getMessage()).contains("TLS_MODE:EXPLICIT", "TLS_MODE:IMPLICIT",
                                    "AUTH_ALLOW_PLAINTEXT_CREDENTIALS:true");
                        });
            }
        }
    }
}
