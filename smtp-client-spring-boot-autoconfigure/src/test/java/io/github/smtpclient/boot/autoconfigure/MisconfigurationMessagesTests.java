package io.github.smtpclient.boot.autoconfigure;

import io.github.smtpclient.boot.testing.StartupFailure;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user sees when start-up fails because of a mistake in the configuration: a real application is started
 * (all auto-configuration, Boot's failure analysis) and the report it logs is checked for the property it names,
 * the fix it suggests, and the absence of a stack trace.
 */
class MisconfigurationMessagesTests {

    @Test
    void withoutAHostTheReportNamesBothHostPropertiesInsteadOfAMissingBean() {
        StartupFailure failure = StartupFailure.of(NeedsMail.class);
        assertThat(failure.text()).contains("APPLICATION FAILED TO START",
                "A JavaMailSender bean could not be found because no SMTP server is configured: neither"
                        + " 'smtp.client.host' nor 'spring.mail.host' is set",
                "Set 'smtp.client.host' to the SMTP server")
                .doesNotContain("\tat ");
    }

    @Test
    void aMistypedHostKeyIsNamedWhenItIsWhyThereIsNoHost() {
        StartupFailure failure = StartupFailure.of(NeedsMail.class, "smtp.client.hots=smtp.example.test");
        assertThat(failure.text()).contains("neither 'smtp.client.host' nor 'spring.mail.host' is set",
                "'smtp.client.hots'", "did you mean 'smtp.client.host'?").doesNotContain("\tat ");
    }

    @Test
    void anEmptyHostFailsInOneParagraph() {
        StartupFailure failure = StartupFailure.of(NeedsMail.class, "smtp.client.host=");
        assertThat(failure.text()).contains("Invalid value '' for configuration property 'smtp.client.host'",
                "The SMTP server's host name is empty. Set 'smtp.client.host' to it, such as 'smtp.example.com'")
                .doesNotContain("\tat ");
        assertThat(failure.text().lines().count()).isLessThan(20);
    }

    @Test
    void aMistypedKeyFailsStartUpNamingItAndTheNearestProperty() {
        StartupFailure failure = StartupFailure.of(NeedsMail.class, "smtp.client.host=smtp.example.test",
                "smtp.client.usernmae=alice", "smtp.client.tls.trusted-certificate=classpath:ca.pem");
        assertThat(failure.text()).contains("These keys are not smtp-client properties, so the client would ignore"
                + " them:", "'smtp.client.usernmae'", "did you mean 'smtp.client.username'?",
                "'smtp.client.tls.trusted-certificate'", "did you mean 'smtp.client.tls.trusted-certificates'?",
                "docs/STARTER.md").doesNotContain("\tat ");
    }

    @Test
    void aJndiSessionFromSpringMailIsRefusedNamingTheKey() {
        StartupFailure failure = StartupFailure.of(NeedsMail.class, "spring.mail.jndi-name=java:comp/env/mail/Session");
        assertThat(failure.text()).contains("for configuration property 'spring.mail.jndi-name'",
                "cannot use a Jakarta Mail Session from JNDI", "set smtp.client.host").doesNotContain("\tat ");
    }

    /** An application with one bean that sends mail, as most have. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class NeedsMail {

        NeedsMail(JavaMailSender mailSender) {
        }
    }
}
