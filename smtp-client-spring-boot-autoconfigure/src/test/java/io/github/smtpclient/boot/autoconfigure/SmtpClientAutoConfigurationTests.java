package io.github.smtpclient.boot.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.smtpclient.DataCommand;
import io.github.smtpclient.RequireTlsPolicy;
import io.github.smtpclient.SmtpClient;
import io.github.smtpclient.SmtpMailSender;
import io.github.smtpclient.TransferSettings;
import io.github.smtpclient.auth.AuthMechanism;
import io.github.smtpclient.boot.client.SmtpClientFactory;
import io.github.smtpclient.boot.client.SmtpServerProbe;
import io.github.smtpclient.event.CommandEvent;
import io.github.smtpclient.event.SmtpListener;
import io.github.smtpclient.log.LogDetail;
import io.github.smtpclient.log.LogEvent;
import io.github.smtpclient.log.LogFilters;
import io.github.smtpclient.log.LogLevel;
import io.github.smtpclient.net.DnsMode;
import io.github.smtpclient.net.IpVersion;
import io.github.smtpclient.net.ProxyAuthentication;
import io.github.smtpclient.net.ProxyType;
import io.github.smtpclient.testing.TestCertificates;
import io.github.smtpclient.tls.TlsMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class SmtpClientAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SmtpClientAutoConfiguration.class, SslAutoConfiguration.class));

    @TempDir
    Path temp;

    @Test
    void whenHostIsNotSetShouldNotCreateBeans() {
        contextRunner.run(context -> assertThat(context).doesNotHaveBean(SmtpClientFactory.class)
                .doesNotHaveBean(SmtpMailSender.class)
                .doesNotHaveBean(SmtpServerProbe.class));
    }

    @Test
    void whenHostIsSetShouldCreateFactorySenderAndProbe() {
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test").run(context -> {
            assertThat(context).hasSingleBean(SmtpClientFactory.class)
                    .hasSingleBean(SmtpMailSender.class)
                    .hasSingleBean(SmtpServerProbe.class)
                    .hasSingleBean(PropertiesSmtpConnectionDetails.class);
            SmtpClientFactory factory = context.getBean(SmtpClientFactory.class);
            assertThat(factory.host()).isEqualTo("smtp.example.test");
            assertThat(factory.port()).isEqualTo(587);
        });
    }

    @Test
    void whenConnectionDetailsBeanExistsShouldUseItWithoutHostProperty() {
        contextRunner.withUserConfiguration(ConnectionDetailsConfiguration.class)
                .withPropertyValues("smtp.client.host=ignored.example.test", "smtp.client.username=ignored")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(PropertiesSmtpConnectionDetails.class);
                    SmtpClientFactory factory = context.getBean(SmtpClientFactory.class);
                    assertThat(factory.host()).isEqualTo("mail.details.test");
                    assertThat(factory.port()).isEqualTo(1025);
                    try (SmtpClient client = factory.createClient()) {
                        assertThat(client.tls().getMode()).isEqualTo(TlsMode.NONE);
                        assertThat(client.auth().getUsername()).isEqualTo("details-user");
                    }
                });
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SmtpClientAutoConfiguration.class))
                .withUserConfiguration(ConnectionDetailsConfiguration.class)
                .run(context -> assertThat(context).hasSingleBean(SmtpClientFactory.class));
    }

    @Test
    void whenConnectionDetailsLeaveTheTlsModeOpenShouldUseTheProperty() {
        contextRunner.withBean(SmtpConnectionDetails.class, () -> new SmtpConnectionDetails() {
            @Override
            public String getHost() {
                return "mail.details.test";
            }

            @Override
            public int getPort() {
                return 2525;
            }
        }).withPropertyValues("smtp.client.tls.mode=implicit").run(context -> {
            try (SmtpClient client = context.getBean(SmtpClientFactory.class).createClient()) {
                assertThat(client.tls().getMode()).isEqualTo(TlsMode.IMPLICIT);
            }
        });
    }

    @Test
    void whenUserDefinesFactoryOrSenderShouldBackOff() {
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test")
                .withUserConfiguration(UserBeansConfiguration.class)
                .run(context -> {
                    assertThat(context).hasSingleBean(SmtpClientFactory.class).hasSingleBean(SmtpMailSender.class);
                    assertThat(context.getBean(SmtpClientFactory.class).host()).isEqualTo("user.example.test");
                    assertThat(context.getBean(SmtpMailSender.class)).isSameAs(context.getBean("userSender"));
                });
    }

    @Test
    void whenPropertiesAreSetShouldApplyThemToEveryClient() {
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test", "smtp.client.port=465",
                "smtp.client.domain=client.example.test", "smtp.client.username=alice", "smtp.client.password=secret",
                "smtp.client.tls.mode=mixed", "smtp.client.tls.versions=TLSv1.3",
                "smtp.client.tls.cipher-suites=TLS_AES_128_GCM_SHA256", "smtp.client.tls.validate-certificates=false",
                "smtp.client.tls.verify-hostname=false", "smtp.client.tls.use-system-certificates=false",
                "smtp.client.tls.sni-host-name=mx.example.test",
                "smtp.client.auth.mechanisms=scram-sha-256,plain", "smtp.client.auth.force-login=true",
                "smtp.client.auth.allow-plaintext-credentials=true", "smtp.client.auth.allow-loopback-plaintext=false",
                "smtp.client.socket.timeout=7s", "smtp.client.socket.connect-timeout=3s",
                "smtp.client.socket.local-address=127.0.0.1", "smtp.client.socket.local-port=2500",
                "smtp.client.socket.ip-version=ipv6-only", "smtp.client.binary.mode=true",
                "smtp.client.binary.chunk-size=64KB", "smtp.client.remove-bcc=false",
                "smtp.client.send-buffer-size=8KB", "smtp.client.temp-path=" + temp)
                .run(context -> {
                    try (SmtpClient client = context.getBean(SmtpClientFactory.class).createClient()) {
                        assertThat(client.getDomain()).isEqualTo("client.example.test");
                        assertThat(client.tls().getMode()).isEqualTo(TlsMode.MIXED);
                        assertThat(client.tls().getVersions()).containsExactly("TLSv1.3");
                        assertThat(client.tls().getCipherSuites()).containsExactly("TLS_AES_128_GCM_SHA256");
                        assertThat(client.tls().isValidateCertificates()).isFalse();
                        assertThat(client.tls().isVerifyHostname()).isFalse();
                        assertThat(client.tls().isUseSystemCertificates()).isFalse();
                        assertThat(client.tls().getSniHostName()).isEqualTo("mx.example.test");
                        assertThat(client.auth().getUsername()).isEqualTo("alice");
                        assertThat(client.auth().hasPassword()).isTrue();
                        assertThat(client.auth().getMechanisms())
                                .containsExactly(AuthMechanism.SCRAM_SHA_256, AuthMechanism.PLAIN);
                        assertThat(client.auth().isForceLogin()).isTrue();
                        assertThat(client.auth().isAllowPlaintextCredentials()).isTrue();
                        assertThat(client.auth().isAllowLoopbackPlaintext()).isFalse();
                        assertThat(client.socket().getTimeout()).isEqualTo(Duration.ofSeconds(7));
                        assertThat(client.socket().getConnectTimeout()).isEqualTo(Duration.ofSeconds(3));
                        assertThat(client.socket().getLocalAddress().getHostAddress()).isEqualTo("127.0.0.1");
                        assertThat(client.socket().getLocalPort()).isEqualTo(2500);
                        assertThat(client.socket().getIpVersion()).isEqualTo(IpVersion.IPV6_ONLY);
                        assertThat(client.transfer().isBinaryMode()).isTrue();
                        assertThat(client.transfer().getBinaryChunkSize()).isEqualTo(64 * 1024);
                        assertThat(client.transfer().isRemoveBcc()).isFalse();
                        assertThat(client.transfer().getSendBufferSize()).isEqualTo(8 * 1024);
                        assertThat(client.transfer().getTempPath()).isEqualTo(temp);
                    }
                });
    }

    @Test
    void whenMessageExtensionKeysAreSetShouldApplyThemToTheTransfer() {
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test",
                "smtp.client.mt-priority-from-message=true", "smtp.client.dsn-required=true",
                "smtp.client.require-tls=opportunistic").run(context -> {
                    try (SmtpClient client = context.getBean(SmtpClientFactory.class).createClient()) {
                        assertThat(client.transfer().isMtPriorityFromMessage()).isTrue();
                        assertThat(client.transfer().isDsnRequired()).isTrue();
                        assertThat(client.transfer().getRequireTls()).isEqualTo(RequireTlsPolicy.OPPORTUNISTIC);
                    }
                });
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test").run(context -> {
            try (SmtpClient client = context.getBean(SmtpClientFactory.class).createClient()) {
                assertThat(client.transfer().isMtPriorityFromMessage()).isFalse();
                assertThat(client.transfer().isDsnRequired()).isFalse();
                assertThat(client.transfer().getRequireTls()).isEqualTo(RequireTlsPolicy.NONE);
            }
        });
    }

    @Test
    void whenTransferPropertiesAreSetShouldApplyThem() {
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test", "smtp.client.transfer.data-command=data",
                "smtp.client.transfer.pipeline-window-messages=20", "smtp.client.transfer.pipeline-window-bytes=64KB")
                .run(context -> {
                    try (SmtpClient client = context.getBean(SmtpClientFactory.class).createClient()) {
                        assertThat(client.transfer().getDataCommand()).isEqualTo(DataCommand.DATA);
                        assertThat(client.transfer().getPipelineWindowMessages()).isEqualTo(20);
                        assertThat(client.transfer().getPipelineWindowBytes()).isEqualTo(64 * 1024);
                    }
                });
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test").run(context -> {
            try (SmtpClient client = context.getBean(SmtpClientFactory.class).createClient()) {
                TransferSettings defaults = new TransferSettings();
                assertThat(client.transfer().getDataCommand()).isEqualTo(DataCommand.AUTO);
                assertThat(client.transfer().getPipelineWindowMessages())
                        .isEqualTo(defaults.getPipelineWindowMessages());
                assertThat(client.transfer().getPipelineWindowBytes()).isEqualTo(defaults.getPipelineWindowBytes());
            }
        });
    }

    @Test
    void whenNothingButHostIsSetShouldKeepTheSecureDefaults() {
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test").run(context -> {
            try (SmtpClient client = context.getBean(SmtpClientFactory.class).createClient()) {
                assertThat(client.tls().getMode()).isNull();
                assertThat(client.tls().getVersions()).containsExactly("TLSv1.3", "TLSv1.2");
                assertThat(client.tls().isValidateCertificates()).isTrue();
                assertThat(client.tls().isVerifyHostname()).isTrue();
                assertThat(client.auth().isAllowPlaintextCredentials()).isFalse();
                assertThat(client.socket().getTimeout()).isEqualTo(Duration.ofSeconds(60));
                assertThat(client.transfer().isRemoveBcc()).isTrue();
            }
        });
    }

    @Test
    void whenTrustedCertificatesAreSetShouldTrustThem() throws Exception {
        Path pem = Files.writeString(temp.resolve("ca.pem"), TestCertificates.forLocalhost().caPem());
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test",
                "smtp.client.tls.trusted-certificates=file:" + pem).run(context -> {
                    try (SmtpClient client = context.getBean(SmtpClientFactory.class).createClient()) {
                        assertThat(client.tls().getTrustedCertificates()).singleElement()
                                .satisfies(certificate -> assertThat(certificate.getSubjectX500Principal().getName())
                                        .contains("smtp-client test CA"));
                    }
                });
    }

    @Test
    void whenTrustedCertificateIsNotACertificateShouldFailNamingTheProperty() throws Exception {
        Path pem = Files.writeString(temp.resolve("not.pem"), "hello");
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test",
                "smtp.client.tls.trusted-certificates=file:" + pem).run(context -> assertThat(context)
                        .getFailure().rootCause().isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessageContaining("smtp.client.tls.trusted-certificates[0]"));
    }

    @Test
    void whenProxyPropertiesAreSetShouldApplyThemToEveryClient() {
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test", "smtp.client.proxy.type=socks5",
                "smtp.client.proxy.host=proxy.example.test", "smtp.client.proxy.port=1081",
                "smtp.client.proxy.username=proxy-user", "smtp.client.proxy.password=proxy-secret",
                "smtp.client.proxy.ip-version=ipv4-only").run(context -> {
                    try (SmtpClient client = context.getBean(SmtpClientFactory.class).createClient()) {
                        assertThat(client.proxy().getType()).isEqualTo(ProxyType.SOCKS5);
                        assertThat(client.proxy().getHost()).isEqualTo("proxy.example.test");
                        assertThat(client.proxy().getPort()).isEqualTo(1081);
                        assertThat(client.proxy().getUsername()).isEqualTo("proxy-user");
                        assertThat(client.proxy().getPassword()).isEqualTo("proxy-secret");
                        assertThat(client.proxy().getIpVersion()).isEqualTo(IpVersion.IPV4_ONLY);
                    }
                });
    }

    @Test
    void whenNetworkPropertiesAreSetShouldApplyResolverSpeedLimitsAndHttpsProxy() throws Exception {
        Path pem = Files.writeString(temp.resolve("proxy-ca.pem"), TestCertificates.forLocalhost().caPem());
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test",
                "smtp.client.socket.dns.mode=own-then-jvm", "smtp.client.socket.dns.servers=127.0.0.1,::1",
                "smtp.client.socket.dns.port=5353", "smtp.client.socket.dns.query-timeout=2s",
                "smtp.client.socket.dns.total-timeout=7s", "smtp.client.socket.connection-attempt-delay=100ms",
                "smtp.client.socket.incoming-speed-limit=64KB", "smtp.client.socket.outgoing-speed-limit=1MB",
                "smtp.client.proxy.type=https", "smtp.client.proxy.host=proxy.example.test",
                "smtp.client.proxy.authentication=digest", "smtp.client.proxy.request-headers.User-Agent=app/1.0",
                "smtp.client.proxy.tls.trusted-certificates=file:" + pem, "smtp.client.proxy.tls.use-system-trust=false")
                .run(context -> {
                    try (SmtpClient client = context.getBean(SmtpClientFactory.class).createClient()) {
                        assertThat(client.socket().dns().getMode()).isEqualTo(DnsMode.OWN_THEN_JVM);
                        assertThat(client.socket().dns().getServers()).hasSize(2);
                        assertThat(client.socket().dns().getPort()).isEqualTo(5353);
                        assertThat(client.socket().dns().getQueryTimeout()).isEqualTo(Duration.ofSeconds(2));
                        assertThat(client.socket().dns().getTotalTimeout()).isEqualTo(Duration.ofSeconds(7));
                        assertThat(client.socket().getConnectionAttemptDelay()).isEqualTo(Duration.ofMillis(100));
                        assertThat(client.socket().getIncomingSpeedLimit()).isEqualTo(64 * 1024);
                        assertThat(client.socket().getOutgoingSpeedLimit()).isEqualTo(1024 * 1024);
                        assertThat(client.proxy().getType()).isEqualTo(ProxyType.HTTPS);
                        assertThat(client.proxy().effectivePort()).isEqualTo(443);
                        assertThat(client.proxy().getAuthentication()).isEqualTo(ProxyAuthentication.DIGEST);
                        assertThat(client.proxy().getRequestHeaders()).containsEntry("User-Agent", "app/1.0");
                        assertThat(client.proxy().tls().getTrustedCertificates()).hasSize(1);
                        assertThat(client.proxy().tls().isUseSystemCertificates()).isFalse();
                        assertThat(client.tls().getTrustedCertificates()).as("the SMTP server's trust is separate")
                                .isEmpty();
                    }
                });
    }

    @Test
    void whenKerberosProxyPropertiesAreSetShouldApplyThemForNegotiate() {
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test", "smtp.client.proxy.type=http",
                "smtp.client.proxy.host=proxy.example.test", "smtp.client.proxy.authentication=negotiate",
                "smtp.client.proxy.kerberos.principal=smtpuser@EXAMPLE.TEST",
                "smtp.client.proxy.kerberos.keytab=/etc/smtp/smtpuser.keytab",
                "smtp.client.proxy.kerberos.service-name=proxy",
                "smtp.client.proxy.kerberos.service-principal=HTTP/gateway.example.test@EXAMPLE.TEST")
                .run(context -> {
                    try (SmtpClient client = context.getBean(SmtpClientFactory.class).createClient()) {
                        assertThat(client.proxy().getAuthentication()).isEqualTo(ProxyAuthentication.NEGOTIATE);
                        assertThat(client.proxy().kerberos().getPrincipal()).isEqualTo("smtpuser@EXAMPLE.TEST");
                        assertThat(client.proxy().kerberos().getKeytab())
                                .isEqualTo(Path.of("/etc/smtp/smtpuser.keytab"));
                        assertThat(client.proxy().kerberos().getServiceName()).isEqualTo("proxy");
                        assertThat(client.proxy().kerberos().getServicePrincipal())
                                .isEqualTo("HTTP/gateway.example.test@EXAMPLE.TEST");
                        assertThat(client.proxy().kerberos().isConfigured()).isTrue();
                    }
                });
    }

    @Test
    void whenTheKerberosServiceNameIsAFullPrincipalShouldFailNamingTheProperty() {
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test",
                "smtp.client.proxy.kerberos.service-name=HTTP@proxy.example.test")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessageContaining("smtp.client.proxy.kerberos.service-name"));
    }

    @Test
    void whenLogPropertiesAreSetShouldApplyThemToTheProtocolLog() {
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test",
                "smtp.client.log.level=commands-and-replies", "smtp.client.log.details=timestamp,byte-counts",
                "smtp.client.log.max-data-size=4KB", "smtp.client.log.filters.commands=mail,rcpt",
                "smtp.client.log.filters.events=error").run(context -> {
                    try (SmtpClient client = context.getBean(SmtpClientFactory.class).createClient()) {
                        assertThat(client.log().getLevel()).isEqualTo(LogLevel.COMMANDS_AND_REPLIES);
                        assertThat(client.log().getDetails()).containsExactlyInAnyOrder(LogDetail.TIMESTAMP,
                                LogDetail.BYTE_COUNTS);
                        assertThat(client.log().getMaxDataBytes()).isEqualTo(4096);
                        assertThat(client.log().getFilters().commands()).containsExactlyInAnyOrder("MAIL", "RCPT");
                        assertThat(client.log().getFilters().events()).containsExactly(LogEvent.ERROR);
                    }
                });
    }

    @Test
    void whenNothingIsSaidTheLogIsOffAndNamesConnections() {
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test").run(context -> {
            try (SmtpClient client = context.getBean(SmtpClientFactory.class).createClient()) {
                assertThat(client.log().getLevel()).isEqualTo(LogLevel.NONE);
                assertThat(client.log().getDetails()).containsExactly(LogDetail.CONNECTION_ID);
                assertThat(client.log().getFilters()).isEqualTo(LogFilters.ALL);
                assertThat(client.socket().getIpVersion()).isEqualTo(IpVersion.BOTH_IPV6_FIRST);
            }
        });
    }

    @Test
    void whenADnsServerIsNotAnAddressShouldFailNamingTheProperty() {
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test",
                "smtp.client.socket.dns.servers=dns.example.test").run(context -> assertThat(context)
                        .getFailure().rootCause().isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessageContaining("smtp.client.socket.dns.servers"));
    }

    @Test
    void whenARateLimitIsSetTheSenderKeepsIt() {
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test",
                "smtp.client.rate-limit.messages-per-second=-1").run(context -> assertThat(context)
                        .getFailure().rootCause().isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessageContaining("smtp.client.rate-limit").hasMessageContaining("messagesPerSecond"));
    }

    @Test
    void whenNoProxyIsSetShouldConnectDirectly() {
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test").run(context -> {
            try (SmtpClient client = context.getBean(SmtpClientFactory.class).createClient()) {
                assertThat(client.proxy().isEnabled()).isFalse();
            }
        });
    }

    @Test
    void whenProxyPasswordIsInvalidShouldFailNamingThePropertyWithoutShowingIt() {
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test", "smtp.client.proxy.type=http",
                "smtp.client.proxy.host=proxy.example.test", "smtp.client.proxy.password=" + "s".repeat(300))
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessageContaining("smtp.client.proxy.password")
                        .hasMessageNotContaining("sssss"));
    }

    @Test
    void whenTlsVersionIsUnknownShouldFailNamingThePropertyAndTheAllowedValues() {
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test", "smtp.client.tls.versions=SSLv3")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessageContaining("smtp.client.tls.versions")
                        .hasMessageContaining("TLSv1.3, TLSv1.2"));
    }

    @Test
    void whenTlsModeIsUnknownShouldFailToBindTheProperty() {
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test", "smtp.client.tls.mode=always")
                .run(context -> assertThat(context).getFailure()
                        .hasStackTraceContaining("Failed to bind properties under 'smtp.client.tls.mode'"));
    }

    @Test
    void whenPortIsOutOfRangeShouldFailNamingTheProperty() {
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test", "smtp.client.port=0")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("smtp.client.port").hasMessageContaining("between 1 and 65535"));
    }

    @Test
    void whenSocketTimeoutIsZeroShouldFailNamingTheProperty() {
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test", "smtp.client.socket.timeout=0s")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("smtp.client.socket.timeout").hasMessageContaining("mandatory"));
    }

    @Test
    void whenSendBufferSizeIsTooSmallShouldFailNamingTheProperty() {
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test", "smtp.client.send-buffer-size=10B")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("smtp.client.send-buffer-size").hasMessageContaining("512"));
    }

    @Test
    void whenPoolPropertiesAreSetShouldBuildTheSender() {
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test", "smtp.client.pool.max-size=2",
                "smtp.client.pool.max-idle-time=10s", "smtp.client.pool.max-messages-per-connection=50",
                "smtp.client.pool.validate-on-borrow=false", "smtp.client.pool.borrow-timeout=1s",
                "smtp.client.retry.max-attempts=1")
                .run(context -> assertThat(context.getBean(SmtpMailSender.class).stats().active()).isZero());
    }

    @Test
    void whenPoolMinIdleExceedsMaxSizeShouldFailNamingTheProperty() {
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test", "smtp.client.pool.max-size=2",
                "smtp.client.pool.min-idle=3")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("smtp.client.pool.min-idle"));
    }

    @Test
    void whenPoolMaxSizeIsZeroShouldFailNamingTheProperty() {
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test", "smtp.client.pool.max-size=0")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("smtp.client.pool.max-size").hasMessageContaining("1 and 1000"));
    }

    @Test
    void whenRetryMaxAttemptsIsZeroShouldFailNamingTheProperty() {
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test", "smtp.client.retry.max-attempts=0")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("smtp.client.retry").hasMessageContaining("maxAttempts"));
    }

    @Test
    void whenHealthTimeoutIsZeroShouldFailNamingTheProperty() {
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test", "smtp.client.health.timeout=0s")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("smtp.client.health.timeout"));
    }

    @Test
    void whenSslBundleIsSetShouldUseItsSslContext() throws Exception {
        Path pem = Files.writeString(temp.resolve("ca.pem"), TestCertificates.forLocalhost().caPem());
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test", "smtp.client.tls.ssl-bundle=mail",
                "spring.ssl.bundle.pem.mail.truststore.certificate=file:" + pem).run(context -> {
                    try (SmtpClient client = context.getBean(SmtpClientFactory.class).createClient()) {
                        assertThat(client.tls().getSslContext()).isNotNull();
                    }
                });
    }

    @Test
    void whenSslBundleDoesNotExistShouldFailNamingTheProperty() {
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test", "smtp.client.tls.ssl-bundle=missing")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("smtp.client.tls.ssl-bundle").hasMessageContaining("missing"));
    }

    @Test
    void whenTokenSupplierBeanExistsShouldAuthenticateWithItsToken() {
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test", "smtp.client.username=alice",
                "smtp.client.auth.mechanisms=xoauth2")
                .withBean(SmtpOAuth2TokenSupplier.class, () -> () -> "token-1")
                .run(context -> {
                    try (SmtpClient client = context.getBean(SmtpClientFactory.class).createClient()) {
                        assertThat(client.auth().hasOAuthToken()).isTrue();
                        assertThat(client.auth().secretFor(AuthMechanism.XOAUTH2)).isEqualTo("token-1");
                    }
                });
    }

    @Test
    void whenCustomizerBeanExistsShouldRunAfterTheProperties() {
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test", "smtp.client.socket.timeout=7s")
                .withBean(SmtpClientCustomizer.class, () -> client -> client.socket().setTimeout(
                        client.socket().getTimeout().plusSeconds(1)))
                .run(context -> {
                    try (SmtpClient client = context.getBean(SmtpClientFactory.class).createClient()) {
                        assertThat(client.socket().getTimeout()).isEqualTo(Duration.ofSeconds(8));
                    }
                });
    }

    @Test
    void whenListenerBeanExistsShouldReceiveEveryClientsEvents() {
        List<String> commands = new ArrayList<>();
        contextRunner.withPropertyValues("smtp.client.host=smtp.example.test")
                .withBean(SmtpListener.class, () -> new SmtpListener() {
                    @Override
                    public void command(CommandEvent event) {
                        commands.add(event.line());
                    }
                })
                .run(context -> {
                    try (SmtpClient client = context.getBean(SmtpClientFactory.class).createClient()) {
                        client.getListener().command(new CommandEvent("NOOP"));
                    }
                    assertThat(commands).containsExactly("NOOP");
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class ConnectionDetailsConfiguration {

        @Bean
        SmtpConnectionDetails smtpConnectionDetails() {
            return new SmtpConnectionDetails() {
                @Override
                public String getHost() {
                    return "mail.details.test";
                }

                @Override
                public int getPort() {
                    return 1025;
                }

                @Override
                public String getUsername() {
                    return "details-user";
                }

                @Override
                public TlsMode getTlsMode() {
                    return TlsMode.NONE;
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserBeansConfiguration {

        @Bean
        SmtpClientFactory userFactory() {
            return new SmtpClientFactory() {
                @Override
                public String host() {
                    return "user.example.test";
                }

                @Override
                public int port() {
                    return 25;
                }

                @Override
                public void configure(SmtpClient client) {
                }
            };
        }

        @Bean
        SmtpMailSender userSender() {
            return SmtpMailSender.builder("user.example.test", 25).build();
        }
    }
}
