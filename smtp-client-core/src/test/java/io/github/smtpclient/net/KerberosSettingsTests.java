package io.github.smtpclient.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import javax.security.auth.Subject;

import org.junit.jupiter.api.Test;

class KerberosSettingsTests {

    private final KerberosSettings kerberos = new KerberosSettings();

    @Test
    void nothingIsConfiguredByDefaultAndTheServiceIsHttpAtTheProxyHost() {
        assertThat(kerberos.isConfigured()).isFalse();
        assertThat(kerberos.serviceFor("proxy.example.test")).isEqualTo("HTTP@proxy.example.test");
    }

    @Test
    void aPrincipalOrASubjectConfiguresIt() {
        kerberos.setPrincipal(" smtpuser@SMTP.TEST ");
        assertThat(kerberos.isConfigured()).isTrue();
        assertThat(kerberos.getPrincipal()).isEqualTo("smtpuser@SMTP.TEST");

        KerberosSettings withSubject = new KerberosSettings();
        withSubject.setSubject(new Subject());
        assertThat(withSubject.isConfigured()).isTrue();
    }

    @Test
    void theServiceNameAndAnOutrightServicePrincipalNameTheProxy() {
        kerberos.setServiceName("proxy");
        assertThat(kerberos.serviceFor("10.0.0.1")).isEqualTo("proxy@10.0.0.1");
        kerberos.setServicePrincipal("HTTP/gateway.example.test@EXAMPLE.TEST");
        assertThat(kerberos.serviceFor("10.0.0.1")).isEqualTo("HTTP/gateway.example.test@EXAMPLE.TEST");
        kerberos.setServicePrincipal(" ");
        assertThat(kerberos.serviceFor("10.0.0.1")).isEqualTo("proxy@10.0.0.1");
    }

    @Test
    void badNamesAreRejectedNamingTheSetting() {
        assertThatThrownBy(() -> kerberos.setServiceName("HTTP@host"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("proxy().kerberos().serviceName");
        assertThatThrownBy(() -> kerberos.setServiceName(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("proxy().kerberos().serviceName");
        assertThatThrownBy(() -> kerberos.setPrincipal("smtp user"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("proxy().kerberos().principal");
        assertThatThrownBy(() -> kerberos.setServicePrincipal("HTTP/x\r\nInjected: y"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("proxy().kerberos().servicePrincipal");
    }

    @Test
    void aCopyIsIndependentAndSharesTheSubject() {
        Subject subject = new Subject();
        kerberos.setSubject(subject);
        kerberos.setKeytab(Path.of("/etc/smtp.keytab"));
        KerberosSettings copy = kerberos.copy();
        kerberos.setKeytab(null);

        assertThat(copy.getKeytab()).isEqualTo(Path.of("/etc/smtp.keytab"));
        assertThat(copy.getSubject()).isSameAs(subject);
    }

    @Test
    void theProxySettingsCopyTheKerberosSettingsAndNameThemWithoutThePassword() {
        ProxySettings proxy = new ProxySettings();
        proxy.kerberos().setPrincipal("smtpuser@SMTP.TEST");
        proxy.setPassword("kerberos-secret");
        ProxySettings copy = proxy.copy();
        proxy.kerberos().setPrincipal(null);

        assertThat(copy.kerberos().getPrincipal()).isEqualTo("smtpuser@SMTP.TEST");
        assertThat(copy.toString()).contains("kerberos=KerberosSettings[principal=smtpuser@SMTP.TEST")
                .doesNotContain("kerberos-secret");
    }
}
