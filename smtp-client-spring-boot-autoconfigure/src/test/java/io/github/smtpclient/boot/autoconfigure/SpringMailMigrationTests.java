package io.github.smtpclient.boot.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.github.smtpclient.auth.AuthMechanism;
import io.github.smtpclient.boot.mail.PartialRejection;
import io.github.smtpclient.boot.testing.CapturedLogs;
import io.github.smtpclient.testing.InProcessSmtpServer;
import io.github.smtpclient.testing.TestCertificates;
import io.github.smtpclient.tls.TlsMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * spring-boot-starter-mail's {@code spring.mail.*} keys configure the client when {@code smtp.client.host} is not
 * set: each key becomes its smtp-client setting, the secure defaults win where Boot's were not, and the start-up log
 * has one line per key and the {@code smtp.client.*} keys to move to.
 */
class SpringMailMigrationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SmtpClientAutoConfiguration.class));

    @Test
    void aTypicalStarterMailConfigurationMapsKeyByKeyAndLogsEachWithoutThePassword() {
        try (CapturedLogs logs = CapturedLogs.of(SpringMailMigration.class)) {
            contextRunner.withPropertyValues("spring.mail.host=smtp.example.test", "spring.mail.port=587",
                    "spring.mail.username=app@example.test", "spring.mail.password=s3cret",
                    "spring.mail.properties.mail.smtp.auth=true",
                    "spring.mail.properties.mail.smtp.starttls.enable=true",
                    "spring.mail.properties.mail.smtp.starttls.required=true",
                    "spring.mail.properties.mail.smtp.connectiontimeout=5000",
                    "spring.mail.properties.mail.smtp.timeout=3000",
                    "spring.mail.properties.mail.smtp.writetimeout=5000").run(context -> {
                        SmtpClientProperties properties = context.getBean(SmtpClientProperties.class);
                        assertThat(properties.getHost()).isEqualTo("smtp.example.test");
                        assertThat(properties.getPort()).isEqualTo(587);
                        assertThat(properties.getUsername()).isEqualTo("app@example.test");
                        assertThat(properties.getPassword()).isEqualTo("s3cret");
                        assertThat(properties.getTls().getMode()).isEqualTo(TlsMode.EXPLICIT);
                        assertThat(properties.getSocket().getConnectTimeout()).isEqualTo(Duration.ofSeconds(5));
                        assertThat(properties.getSocket().getTimeout()).isEqualTo(Duration.ofSeconds(5));
                    });
            assertThat(logs.lines()).containsExactly(
                    "INFO spring.mail.host=smtp.example.test -> smtp.client.host=smtp.example.test",
                    "INFO spring.mail.port=587 -> smtp.client.port=587",
                    "INFO spring.mail.username=app@example.test -> smtp.client.username=app@example.test",
                    "INFO spring.mail.password=**** -> smtp.client.password=****",
                    "INFO spring.mail.properties.mail.smtp.starttls.required=true -> smtp.client.tls.mode=explicit:"
                            + " STARTTLS required",
                    "INFO spring.mail.properties.mail.smtp.starttls.enable=true is covered by smtp.client.tls.mode=explicit",
                    "INFO spring.mail.properties.mail.smtp.connectiontimeout=5000 -> smtp.client.socket.connect-timeout=5000ms",
                    "INFO spring.mail.properties.mail.smtp.timeout and writetimeout (the longer; one timeout covers reads"
                            + " and writes)=5000 -> smtp.client.socket.timeout=5000ms",
                    "INFO spring.mail.properties.mail.smtp.auth=true is not needed: the client authenticates whenever"
                            + " smtp.client.username is set, as Jakarta Mail does when a user name and password are given",
                    "INFO The client is configured from spring-boot-starter-mail's spring.mail.* keys. To move to"
                            + " smtp.client.*, replace them with: smtp.client.host=smtp.example.test,"
                            + " smtp.client.port=587, smtp.client.username=app@example.test, smtp.client.password=****,"
                            + " smtp.client.tls.mode=explicit, smtp.client.socket.connect-timeout=5000ms,"
                            + " smtp.client.socket.timeout=5000ms (see docs/MIGRATING.md)");
            assertThat(String.join("\n", logs.lines())).doesNotContain("s3cret");
        }
    }

    @Test
    void withoutTlsSettingsStarttlsIsRequiredAndTheTimeoutsAreFiniteAndTheLogSaysSo() {
        try (CapturedLogs logs = CapturedLogs.of(SpringMailMigration.class)) {
            contextRunner.withPropertyValues("spring.mail.host=smtp.example.test").run(context -> {
                SmtpClientProperties properties = context.getBean(SmtpClientProperties.class);
                assertThat(properties.getTls().getMode()).isEqualTo(TlsMode.EXPLICIT);
                assertThat(properties.getPort()).isEqualTo(25);
                assertThat(properties.getSocket().getTimeout()).isEqualTo(Duration.ofSeconds(60));
            });
            assertThat(logs.lines()).contains(
                    "INFO spring.mail.port is not set: port 25, as Jakarta Mail uses for protocol smtp"
                            + " (smtp.client.port=25)",
                    "WARN No STARTTLS or SSL setting -> smtp.client.tls.mode=explicit: STARTTLS required: the secure"
                            + " default wins over Jakarta Mail's, which sent mail and credentials in plaintext"
                            + " (smtp.client.tls.mode=none asks for that explicitly)",
                    "WARN No connect or read/write timeout was set, so Jakarta Mail would have waited forever: the"
                            + " finite defaults apply (smtp.client.socket.timeout=60s; smtp.client.socket.connect-timeout"
                            + " defaults to it)");
        }
    }

    @Test
    void opportunisticStarttlsBecomesRequiredWithAWarning() {
        try (CapturedLogs logs = CapturedLogs.of(SpringMailMigration.class)) {
            contextRunner.withPropertyValues("spring.mail.host=smtp.example.test",
                    "spring.mail.properties.mail.smtp.starttls.enable=true").run(context -> assertThat(
                            context.getBean(SmtpClientProperties.class).getTls().getMode()).isEqualTo(TlsMode.EXPLICIT));
            assertThat(logs.lines()).anySatisfy(line -> assertThat(line).startsWith("WARN spring.mail.properties"
                    + ".mail.smtp.starttls.enable=true -> smtp.client.tls.mode=explicit").contains("mode=mixed"));
        }
    }

    @Test
    void plaintextExplicitlyAskedForStaysPlaintext() {
        contextRunner.withPropertyValues("spring.mail.host=localhost",
                "spring.mail.properties.mail.smtp.starttls.enable=false").run(context -> assertThat(
                        context.getBean(SmtpClientProperties.class).getTls().getMode()).isEqualTo(TlsMode.NONE));
    }

    @Test
    void smtpsAndSslEnabledMeanImplicitTlsOnJakartaMailsPort() {
        contextRunner.withPropertyValues("spring.mail.host=smtp.example.test", "spring.mail.protocol=smtps")
                .run(context -> {
                    SmtpClientProperties properties = context.getBean(SmtpClientProperties.class);
                    assertThat(properties.getTls().getMode()).isEqualTo(TlsMode.IMPLICIT);
                    assertThat(properties.getPort()).isEqualTo(465);
                });
        contextRunner.withPropertyValues("spring.mail.host=smtp.example.test", "spring.mail.port=465",
                "spring.mail.ssl.enabled=true").run(context -> assertThat(
                        context.getBean(SmtpClientProperties.class).getTls().getMode()).isEqualTo(TlsMode.IMPLICIT));
    }

    @Test
    void theSslBundleMapsAndMustExist() {
        try (CapturedLogs logs = CapturedLogs.of(SpringMailMigration.class)) {
            contextRunner.withPropertyValues("spring.mail.host=smtp.example.test", "spring.mail.ssl.bundle=mail")
                    .run(context -> assertThat(context).getFailure().rootCause()
                            .isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, e -> {
                                assertThat(e.getName()).isEqualTo("smtp.client.tls.ssl-bundle");
                                assertThat(e.getReason()).contains("spring.ssl.bundle.*");
                            }));
            assertThat(logs.lines()).contains("INFO spring.mail.ssl.bundle=mail -> smtp.client.tls.ssl-bundle=mail");
        }
    }

    @Test
    void theCommonJavaMailKeysMapToTheirSettings() {
        contextRunner.withPropertyValues("spring.mail.host=smtp.example.test", "spring.mail.default-encoding=ISO-8859-1",
                "spring.mail.properties.mail.smtp.from=bounces@example.test",
                "spring.mail.properties.mail.smtp.localhost=app.example.test",
                "spring.mail.properties.mail.smtp.sendpartial=true",
                "spring.mail.properties.mail.smtp.auth.mechanisms=PLAIN LOGIN").run(context -> {
                    SmtpClientProperties properties = context.getBean(SmtpClientProperties.class);
                    assertThat(properties.getMailSender().getEnvelopeFrom()).isEqualTo("bounces@example.test");
                    assertThat(properties.getMailSender().getDefaultEncoding()).isEqualTo(StandardCharsets.ISO_8859_1);
                    assertThat(properties.getMailSender().getPartialRejection()).isEqualTo(PartialRejection.WARN);
                    assertThat(properties.getDomain()).isEqualTo("app.example.test");
                    assertThat(properties.getAuth().getMechanisms())
                            .containsExactly(AuthMechanism.PLAIN, AuthMechanism.LOGIN);
                });
    }

    @Test
    void trustingEveryCertificateAndUnknownKeysAreIgnoredWithAWarningSayingWhatToDo() {
        try (CapturedLogs logs = CapturedLogs.of(SpringMailMigration.class)) {
            contextRunner.withPropertyValues("spring.mail.host=smtp.example.test",
                    "spring.mail.properties.mail.smtp.ssl.trust=*", "spring.mail.properties.mail.debug=true",
                    "spring.mail.properties.mail.smtp.timeout=0").run(context -> {
                        SmtpClientProperties properties = context.getBean(SmtpClientProperties.class);
                        assertThat(properties.getTls().isValidateCertificates()).isTrue();
                        assertThat(properties.getSocket().getTimeout()).isEqualTo(Duration.ofSeconds(60));
                    });
            assertThat(logs.lines()).contains(
                    "WARN spring.mail.properties.mail.smtp.ssl.trust=* is ignored: the client keeps validating the"
                            + " server's certificate; trust a private CA with smtp.client.tls.trusted-certificates (or"
                            + " smtp.client.tls.ssl-bundle)",
                    "WARN spring.mail.properties.mail.debug is ignored: it has no smtp-client equivalent"
                            + " (see docs/MIGRATING.md)",
                    "WARN spring.mail.properties.mail.smtp.timeout=0 (no timeout) is ignored: without a timeout a"
                            + " silent server blocks the sender forever, so the finite default applies");
        }
    }

    @Test
    void anSmtpClientSettingOfItsOwnWinsOverItsSpringMailCounterpart() {
        contextRunner.withPropertyValues("spring.mail.host=smtp.example.test",
                "spring.mail.properties.mail.smtp.timeout=3000", "smtp.client.socket.timeout=7s",
                "smtp.client.tls.mode=implicit").run(context -> {
                    SmtpClientProperties properties = context.getBean(SmtpClientProperties.class);
                    assertThat(properties.getHost()).isEqualTo("smtp.example.test");
                    assertThat(properties.getSocket().getTimeout()).isEqualTo(Duration.ofSeconds(7));
                    assertThat(properties.getTls().getMode()).isEqualTo(TlsMode.IMPLICIT);
                });
    }

    @Test
    void whenSmtpClientHostIsSetSpringMailIsIgnoredEntirely() {
        try (CapturedLogs logs = CapturedLogs.of(SpringMailMigration.class)) {
            contextRunner.withPropertyValues("smtp.client.host=smtp.example.test", "spring.mail.host=old.example.test",
                    "spring.mail.port=2525").run(context -> {
                        SmtpClientProperties properties = context.getBean(SmtpClientProperties.class);
                        assertThat(properties.getHost()).isEqualTo("smtp.example.test");
                        assertThat(properties.getPort()).isEqualTo(587);
                    });
            assertThat(logs.lines()).containsExactly("INFO spring.mail.* is ignored because smtp.client.host is set:"
                    + " smtp.client.* alone configures the client; remove the spring.mail.* keys");
        }
    }

    @Test
    void aJndiSessionIsRefusedNamingTheKeyAndWhatToSetInstead() {
        contextRunner.withPropertyValues("spring.mail.jndi-name=java:comp/env/mail/Session").run(context -> assertThat(
                context).getFailure().rootCause().isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class,
                        e -> {
                            assertThat(e.getName()).isEqualTo("spring.mail.jndi-name");
                            assertThat(e.getReason()).contains("cannot use a Jakarta Mail Session from JNDI",
                                    "set smtp.client.host");
                        }));
    }

    @Test
    void aProtocolOtherThanSmtpIsRefused() {
        contextRunner.withPropertyValues("spring.mail.host=mail.example.test", "spring.mail.protocol=imap")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class,
                                e -> assertThat(e.getName()).isEqualTo("spring.mail.protocol")));
    }

    @Test
    void aMigratedConfigurationSendsThroughStarttlsAndAuth(@TempDir Path temp) throws Exception {
        TestCertificates certificates = TestCertificates.forLocalhost();
        Files.writeString(temp.resolve("ca.pem"), certificates.caPem());
        try (InProcessSmtpServer server = InProcessSmtpServer.startRequiringTlsAndAuth(certificates)) {
            contextRunner.withPropertyValues("spring.mail.host=localhost", "spring.mail.port=" + server.port(),
                    "spring.mail.username=" + InProcessSmtpServer.USER,
                    "spring.mail.password=" + InProcessSmtpServer.PASSWORD,
                    "spring.mail.properties.mail.smtp.auth=true",
                    "spring.mail.properties.mail.smtp.starttls.enable=true",
                    "smtp.client.tls.trusted-certificates=file:" + temp.resolve("ca.pem")).run(context -> {
                        SimpleMailMessage message = new SimpleMailMessage();
                        message.setFrom("app@example.test");
                        message.setTo("bob@example.test");
                        message.setText("migrated");
                        context.getBean(JavaMailSender.class).send(message);
                    });
            assertThat(server.received()).extracting(InProcessSmtpServer.Received::to)
                    .isEqualTo(List.of("bob@example.test"));
        }
    }
}
