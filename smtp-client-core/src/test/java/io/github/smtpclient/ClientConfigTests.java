package io.github.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.smtpclient.auth.AuthMechanism;
import io.github.smtpclient.log.LogDetail;
import io.github.smtpclient.log.LogLevel;
import io.github.smtpclient.net.DnsMode;
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
    void theDataCommandAndThePipelineWindowAreSetByName() {
        assertThat(client.config("DataCommand")).isEqualTo("AUTO");
        assertThat(client.config("datacommand=data")).isEqualTo("DATA");
        assertThat(client.transfer().getDataCommand()).isEqualTo(DataCommand.DATA);
        client.config("PipelineWindowMessages=20");
        client.config("PipelineWindowBytes=65536");
        assertThat(client.transfer().getPipelineWindowMessages()).isEqualTo(20);
        assertThat(client.transfer().getPipelineWindowBytes()).isEqualTo(65536);
        assertThatThrownBy(() -> client.config("PipelineWindowMessages=0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PipelineWindowMessages");
        assertThatThrownBy(() -> client.config("DataCommand=CHUNKS"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[AUTO, DATA, BDAT]");
        assertThat(client.transfer().getPipelineWindowMessages()).isEqualTo(20);
    }

    @Test
    void theResolverAndTheProtocolLogAreSetByName() {
        assertThat(client.config("UseOwnDNSResolver")).isEqualTo("false");
        client.config("UseOwnDNSResolver=true");
        assertThat(client.socket().dns().getMode()).isEqualTo(DnsMode.OWN);
        client.socket().dns().setMode(DnsMode.OWN_THEN_JVM);
        client.config("UseOwnDNSResolver=yes");
        assertThat(client.socket().dns().getMode()).as("an own resolver with fallback stays so")
                .isEqualTo(DnsMode.OWN_THEN_JVM);
        client.config("UseOwnDNSResolver=false");
        assertThat(client.socket().dns().getMode()).isEqualTo(DnsMode.JVM);

        assertThat(client.config("LogLevel=commands and replies")).isEqualTo("commands-and-replies");
        assertThat(client.log().getLevel()).isEqualTo(LogLevel.COMMANDS_AND_REPLIES);
        assertThat(client.config("LogLevel=4")).isEqualTo("data");
        assertThat(client.config("LogFilters=MAIL,RCPT")).isEqualTo(
                "commands=MAIL,RCPT;events=connection,notification,error,message");
        assertThat(client.log().getFilters().commands()).containsExactlyInAnyOrder("MAIL", "RCPT");
        assertThat(client.config("LogDetails=timestamp,byte-counts")).isEqualTo("timestamp,byte-counts");
        assertThat(client.log().getDetails()).containsExactlyInAnyOrder(LogDetail.TIMESTAMP, LogDetail.BYTE_COUNTS);
        assertThatThrownBy(() -> client.config("LogLevel=loud")).hasMessageContaining("LogLevel must be one of");
        assertThatThrownBy(() -> client.config("LogDetails=colour")).hasMessageContaining("unknown detail 'colour'");
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
        for (String name : List.of("LogFile", "LogRotationMode", "UseMicrosoftCTL", "Cookies", "UseSystemOAEPAndPSS")) {
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

    @Test
    void aValueThatIsEmptyOnceTrimmedIsAnErrorNeverASilentReset() {
        client.transfer().setTempPath(Path.of("/var/tmp/smtp"));
        for (String value : List.of("", "   ", "\0", "\t\r\n", " \u0001 ")) {
            assertThatThrownBy(() -> client.config("TempPath=" + value)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("TempPath needs a value").hasMessageNotContainingAny("\0", "\u0001", "\r");
        }
        assertThatThrownBy(() -> client.config("TempPath=\0")).hasMessageContaining("'\\x00'");
        assertThatThrownBy(() -> client.config("BinaryMode=")).hasMessageContaining("BinaryMode needs a value");
        assertThat(client.transfer().getTempPath()).isEqualTo(Path.of("/var/tmp/smtp"));
    }

    @Test
    void aPathWithANulInsideIsRefusedWithTheNulEscaped() {
        assertThatThrownBy(() -> client.config("TempPath=/tmp/a\0b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TempPath '/tmp/a\\x00b' is not a valid path").hasMessageNotContaining("\0");
    }

    @Test
    void messagesThatEchoABadValueShowItsControlCharactersEscaped() {
        assertThatThrownBy(() -> client.config("BinaryMode=yes\u001b[31m")).hasMessageContaining("yes\\x1B[31m")
                .hasMessageNotContaining("\u001b");
        assertThatThrownBy(() -> client.config("SendBufferSize=1\r\nX")).hasMessageContaining("1\\x0D\\x0AX");
        assertThatThrownBy(() -> client.config("No\u202eSuch=1")).hasMessageContaining("No\\u202ESuch")
                .hasMessageNotContaining("\u202e");
        assertThatThrownBy(() -> client.setDomain("evil\u0007.example")).hasMessageContaining("evil\\x07.example");
    }

    @Test
    void theTlsKnobsOfPartTwoMapOntoTheirTypedSettings() {
        assertThat(client.config("CheckKeyIntegrityBeforeUse")).isEqualTo("true");
        client.config("CheckKeyIntegrityBeforeUse=false");
        assertThat(client.tls().isCheckKeyIntegrityBeforeUse()).isFalse();

        client.config("EnableClientSideSSLFFDHE=false");
        assertThat(client.tls().isFiniteFieldDhe()).isFalse();

        client.config("TLSECCurves=secp384r1, x25519");
        assertThat(client.tls().getNamedGroups()).containsExactly("secp384r1", "x25519");
        assertThat(client.config("TLSECCurves")).isEqualTo("secp384r1,x25519");
        assertThatThrownBy(() -> client.config("TLSECCurves=brainpool")).hasMessageContaining("unknown group 'brainpool'");

        assertThat(client.config("TLSUseExtendedMasterSecret")).isEqualTo("preferred");
        client.config("TLSUseExtendedMasterSecret=required");
        assertThat(client.tls().getExtendedMasterSecret()).isEqualTo(io.github.smtpclient.tls.ExtendedMasterSecret.REQUIRED);
        assertThat(client.config("TLSUseExtendedMasterSecret=false")).isEqualTo("off");
        assertThatThrownBy(() -> client.config("TLSUseExtendedMasterSecret=maybe")).hasMessageContaining("required, preferred or off");

        assertThat(client.config("TLSBaseConfiguration")).isEqualTo("none");
        assertThat(client.config("TLSBaseConfiguration=highly secure")).isEqualTo("highly-secure");
        assertThat(client.tls().getVersions()).containsExactly("TLSv1.3");
        assertThatThrownBy(() -> client.config("TLSBaseConfiguration=paranoid")).hasMessageContaining("compatible, secure or highly-secure");

        assertThat(client.config("UseSystemRandom")).isEqualTo("false");
        assertThat(client.config("UseSystemRandom=true")).isEqualTo("true");
        assertThat(client.tls().getSecureRandom()).isNotNull();
        client.config("UseSystemRandom=false");
        assertThat(client.tls().getSecureRandom()).isNull();
    }

    @Test
    void theRenegotiationAttackPreventionModeMapsOntoSecureRenegotiation() {
        assertThat(client.config("TLSRenegotiationAttackPreventionMode")).isEqualTo("strict");
        assertThat(client.config("TLSRenegotiationAttackPreventionMode=compatible")).isEqualTo("compatible");
        assertThat(client.tls().getSecureRenegotiation()).isEqualTo(io.github.smtpclient.tls.SecureRenegotiation.PREFERRED);
        assertThat(client.config("TLSRenegotiationAttackPreventionMode=Strict")).isEqualTo("strict");
        assertThat(client.tls().getSecureRenegotiation()).isEqualTo(io.github.smtpclient.tls.SecureRenegotiation.REQUIRED);
        assertThat(client.config("TLSRenegotiationAttackPreventionMode=auto")).isEqualTo("compatible");
        assertThatThrownBy(() -> client.config("TLSRenegotiationAttackPreventionMode=lax"))
                .hasMessageContaining("strict or compatible");
    }

    @Test
    void tlsSslOptionsExpectShutdownMessageSetsTheCloseNotifyWaitAndTheOtherFlagsAreRefused() {
        assertThat(client.config("TLSSSLOptions")).isEqualTo("none");
        assertThat(client.config("TLSSSLOptions=cssloExpectShutdownMessage")).isEqualTo("cssloExpectShutdownMessage");
        assertThat(client.tls().getCloseNotifyWait()).isEqualTo(io.github.smtpclient.tls.TlsSettings.EXPECT_SHUTDOWN_WAIT);
        client.tls().setCloseNotifyWait(java.time.Duration.ofSeconds(2));
        client.config("TLSSSLOptions=0x001");
        assertThat(client.tls().getCloseNotifyWait()).as("a wait already set is kept").hasSeconds(2);
        assertThat(client.config("TLSSSLOptions=0")).isEqualTo("none");
        assertThat(client.tls().getCloseNotifyWait()).isZero();
        assertThatThrownBy(() -> client.config("TLSSSLOptions=cssloExpectShutdownMessage|cssloOpenSSLDTLSWorkaround"))
                .hasMessageContaining("DTLS");
        assertThatThrownBy(() -> client.config("TLSSSLOptions=4")).hasMessageContaining("cssloDisableKexLengthAlignment");
        assertThatThrownBy(() -> client.config("TLSSSLOptions=fast")).hasMessageContaining("unknown flag 'fast'");
        assertThat(client.tls().getCloseNotifyWait()).isZero();
    }

    @Test
    void thePreSharedKeySettingsMapOntoTlsPreSharedKeyAndTheKeyIsNeverReadBack() {
        assertThatThrownBy(() -> client.config("TLSPreSharedKey=00112233445566778899aabbccddeeff"))
                .hasMessageContaining("set TLSPreSharedIdentity");
        assertThat(client.config("TLSPreSharedKey")).isEmpty();
        client.config("TLSPreSharedIdentity=device-1");
        assertThat(client.tls().getPreSharedKey()).isNull();
        assertThat(client.config("TLSPreSharedKey=00112233445566778899AABBCCDDEEFF")).isEqualTo("****");
        assertThat(client.tls().getPreSharedKey().identity()).isEqualTo("device-1");
        assertThat(client.tls().getPreSharedKey().key()).hasSize(16).startsWith(0x00, 0x11);
        client.config("TLSPreSharedIdentity=device-2");
        assertThat(client.tls().getPreSharedKey().identity()).isEqualTo("device-2");
        assertThat(client.tls().getPreSharedKey().key()).hasSize(16);
        assertThatThrownBy(() -> client.config("TLSPreSharedKey=not-hex-secret")).hasMessageContaining("hexadecimal")
                .hasMessageNotContaining("not-hex-secret");

        assertThat(client.config("TLSPreSharedKeyCiphersuite")).isEqualTo("AUTO");
        assertThat(client.config("TLSPreSharedKeyCiphersuite=TLS_PSK_WITH_AES_128_GCM_SHA256"))
                .isEqualTo("TLS_PSK_WITH_AES_128_GCM_SHA256");
        assertThat(client.config("TLSPreSharedKeyCiphersuite=auto")).isEqualTo("AUTO");
        assertThatThrownBy(() -> client.config("TLSPreSharedKeyCiphersuite=TLS_AES_128_CCM_9"))
                .hasMessageContaining("not a PSK cipher suite");
    }
}
