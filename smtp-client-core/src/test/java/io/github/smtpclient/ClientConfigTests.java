package io.github.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.smtpclient.auth.AuthMechanism;
import io.github.smtpclient.tls.revocation.OcspHashAlgorithm;
import io.github.smtpclient.tls.validation.ChainTolerance;

/** The reference's class settings by name, through {@link SmtpClient#config(String)}. */
class ClientConfigTests {

    private final SmtpClient client = new SmtpClient();

    @Test
    void settingsAreSetAndReadByName() {
        assertThat(client.config("BinaryMode=true")).isEqualTo("true");
        assertThat(client.transfer().isBinaryMode()).isTrue();
        assertThat(client.config("binarychunksize=4096")).isEqualTo("4096");
        assertThat(client.transfer().getBinaryChunkSize()).isEqualTo(4096);
        client.config("RemoveBCC=false");
        assertThat(client.transfer().isRemoveBcc()).isFalse();
        client.config("ForceLogin=true");
        assertThat(client.auth().isForceLogin()).isTrue();
        client.config("SendBufferSize=8192");
        assertThat(client.config("SendBufferSize")).isEqualTo("8192");
        client.config("TempPath=/var/tmp/smtp");
        assertThat(client.transfer().getTempPath()).isEqualTo(Path.of("/var/tmp/smtp"));
        client.config("Authentications=SCRAM-SHA-256, PLAIN");
        assertThat(client.auth().getMechanisms()).containsExactly(AuthMechanism.SCRAM_SHA_256, AuthMechanism.PLAIN);
        assertThat(client.config("Authentications")).isEqualTo("SCRAM-SHA-256,PLAIN");
        client.config("UseSystemCertificates=false");
        assertThat(client.tls().isUseSystemCertificates()).isFalse();
        assertThat(client.config("IgnoreSystemTrust")).isEqualTo("false");
        client.config("IgnoreSystemTrust=true");
        assertThat(client.tls().isIgnoreSystemTrust()).isTrue();
        assertThat(client.config("UseSystemCertificates")).isEqualTo("false");
    }

    @Test
    void badValuesNameTheSettingAndTheAllowedValues() {
        assertThatThrownBy(() -> client.config("BinaryMode=maybe")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BinaryMode").hasMessageContaining("true or false");
        assertThatThrownBy(() -> client.config("BinaryChunkSize=big")).hasMessageContaining("BinaryChunkSize");
        assertThatThrownBy(() -> client.config("BinaryChunkSize=0")).hasMessageContaining("BinaryChunkSize");
        assertThatThrownBy(() -> client.config("Authentications=PLAIN,NTLM")).hasMessageContaining("NTLM")
                .hasMessageContaining("SCRAM-SHA-256");
    }

    @Test
    void unknownAndInapplicableSettingsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> client.config("NoSuchSetting=1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown setting").hasMessageContaining("BinaryMode");
        for (String name : List.of("LogLevel", "UseMicrosoftCTL", "Cookies", "UseSystemRandom")) {
            assertThatThrownBy(() -> client.config(name + "=1")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(name).hasMessageContaining("no meaning");
        }
    }

    @Test
    void tolerateMinorChainIssuesTakesTrueFalseOrTheNamesOfTolerances() {
        assertThat(client.config("TolerateMinorChainIssues")).isEqualTo("false");
        client.config("TolerateMinorChainIssues=true");
        assertThat(client.tls().getTolerances()).containsExactlyInAnyOrder(ChainTolerance.values());
        client.config("TolerateMinorChainIssues=expired_trusted_root, LEAF_WITHOUT_SERVER_AUTH");
        assertThat(client.tls().getTolerances()).containsExactlyInAnyOrder(ChainTolerance.EXPIRED_TRUSTED_ROOT,
                ChainTolerance.LEAF_WITHOUT_SERVER_AUTH);
        assertThat(client.config("TolerateMinorChainIssues")).isEqualTo("EXPIRED_TRUSTED_ROOT,LEAF_WITHOUT_SERVER_AUTH");
        assertThatThrownBy(() -> client.config("TolerateMinorChainIssues=SOMETIMES"))
                .hasMessageContaining("TolerateMinorChainIssues").hasMessageContaining("EXPIRED_TRUSTED_ROOT");
        client.config("TolerateMinorChainIssues=false");
        assertThat(client.tls().getTolerances()).isEmpty();
    }

    @Test
    void ocspHashAlgorithmChoosesTheCertIdHash() {
        assertThat(client.config("OCSPHashAlgorithm")).isEqualTo("SHA1");
        client.config("OCSPHashAlgorithm=SHA-256");
        assertThat(client.tls().revocation().getOcspHashAlgorithm()).isEqualTo(OcspHashAlgorithm.SHA256);
        assertThatThrownBy(() -> client.config("OCSPHashAlgorithm=MD5")).hasMessageContaining("OCSPHashAlgorithm")
                .hasMessageContaining("SHA512");
    }
}
