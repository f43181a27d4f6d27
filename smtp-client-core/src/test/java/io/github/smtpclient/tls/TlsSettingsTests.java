package io.github.smtpclient.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.smtpclient.testing.TestCertificates;

class TlsSettingsTests {

    private final TlsSettings settings = new TlsSettings();

    @Test
    void defaultsAreSecure() {
        assertThat(settings.getMode()).isNull();
        assertThat(settings.getVersions()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(settings.getCipherSuites()).isEmpty();
        assertThat(settings.isValidateCertificates()).isTrue();
        assertThat(settings.isVerifyHostname()).isTrue();
        assertThat(settings.isUseSystemCertificates()).isTrue();
        assertThat(settings.isIgnoreSystemTrust()).isFalse();
        assertThat(settings.getTrustedCertificates()).isEmpty();
        assertThat(settings.getKnownCertificates()).isEmpty();
        assertThat(settings.getBlockedCertificates()).isEmpty();
        assertThat(settings.getTolerances()).isEmpty();
        assertThat(settings.getSslContext()).isNull();
        assertThat(settings.getSniHostName()).isNull();
    }

    @Test
    void unsetModeFollowsThePort() {
        assertThat(settings.effectiveMode(465)).isEqualTo(TlsMode.IMPLICIT);
        assertThat(settings.effectiveMode(587)).isEqualTo(TlsMode.EXPLICIT);
        assertThat(settings.effectiveMode(25)).isEqualTo(TlsMode.EXPLICIT);
    }

    @Test
    void configuredModeOverridesThePort() {
        settings.setMode(TlsMode.EXPLICIT);

        assertThat(settings.effectiveMode(465)).isEqualTo(TlsMode.EXPLICIT);
    }

    @Test
    void unknownVersionIsRejectedWithTheAllowedValues() {
        assertThatThrownBy(() -> settings.setVersions(List.of("TLSv1.3", "TLS1.2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tls().versions")
                .hasMessageContaining("'TLS1.2'")
                .hasMessageContaining("TLSv1.3, TLSv1.2, TLSv1.1, TLSv1");
        assertThat(settings.getVersions()).isEqualTo(TlsSettings.DEFAULT_VERSIONS);
    }

    @Test
    void emptyOrNullVersionListIsRejected() {
        assertThatThrownBy(() -> settings.setVersions(List.of())).hasMessageContaining("at least one");
        assertThatThrownBy(() -> settings.setVersions(null)).hasMessageContaining("tls().versions");
        assertThatThrownBy(() -> settings.setVersions(Arrays.asList("TLSv1.3", null)))
                .hasMessageContaining("without null");
    }

    @Test
    void olderVersionsAreEnabledOnlyWhenNamed() {
        settings.setVersions(List.of("TLSv1.2", "TLSv1.1", "TLSv1.2"));

        assertThat(settings.getVersions()).containsExactly("TLSv1.2", "TLSv1.1");
    }

    @Test
    void cipherSuiteNamesAreChecked() {
        settings.setCipherSuites(List.of("TLS_AES_128_GCM_SHA256"));
        assertThat(settings.getCipherSuites()).containsExactly("TLS_AES_128_GCM_SHA256");

        assertThatThrownBy(() -> settings.setCipherSuites(List.of("TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tls().cipherSuites");
    }

    @Test
    void sniHostNameMustBeAHostName() {
        settings.setSniHostName("mail.example.test");
        assertThat(settings.getSniHostName()).isEqualTo("mail.example.test");

        assertThatThrownBy(() -> settings.setSniHostName("mail.example.test."))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tls().sniHostName");
    }

    @Test
    void copyIsIndependent() {
        TestCertificates certificates = TestCertificates.forLocalhost();
        settings.setMode(TlsMode.IMPLICIT);
        settings.setTrustedCertificates(List.of(certificates.caCertificate()));
        settings.setValidateCertificates(false);

        TlsSettings copy = settings.copy();
        settings.setMode(TlsMode.NONE);
        settings.setValidateCertificates(true);

        assertThat(copy.getMode()).isEqualTo(TlsMode.IMPLICIT);
        assertThat(copy.isValidateCertificates()).isFalse();
        assertThat(copy.getTrustedCertificates()).containsExactly(certificates.caCertificate());
    }
}
