package io.github.smtpclient.boot.health;

import java.util.concurrent.atomic.AtomicInteger;

import io.github.smtpclient.boot.autoconfigure.SmtpClientAutoConfiguration;
import io.github.smtpclient.boot.autoconfigure.SmtpClientHealthContributorAutoConfiguration;
import io.github.smtpclient.testing.InProcessSmtpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With credentials configured, the auto-configured health indicator logs in, so a wrong password or a mistyped
 * user shows DOWN with AUTH_FAILED before the first send fails; the result is cached, so a health endpoint polled
 * often does not try the wrong password once per poll (which could lock the account).
 */
class SmtpHealthCredentialsTests {

    private static final AtomicInteger LOGINS = new AtomicInteger();

    private static InProcessSmtpServer server;

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SmtpClientAutoConfiguration.class,
                    SmtpClientHealthContributorAutoConfiguration.class))
            .withPropertyValues("smtp.client.host=localhost", "smtp.client.tls.mode=none",
                    "smtp.client.username=" + InProcessSmtpServer.USER);

    @BeforeAll
    static void startServer() {
        server = InProcessSmtpServer.start(null, builder -> builder.requireAuth(true)
                .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((user, password, context) -> {
                    LOGINS.incrementAndGet();
                    if (!InProcessSmtpServer.USER.equals(user) || !InProcessSmtpServer.PASSWORD.equals(password)) {
                        throw new LoginFailedException("bad credentials");
                    }
                })));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void aWrongPasswordIsDownWithAuthFailedNamingTheProperties() {
        contextRunner.withPropertyValues("smtp.client.port=" + server.port(), "smtp.client.password=typo")
                .run(context -> {
                    int before = LOGINS.get();
                    SmtpHealthIndicator indicator = context.getBean(SmtpHealthIndicator.class);

                    Health health = indicator.health();

                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(health.getDetails().get("error")).asString().startsWith("AUTH_FAILED: ")
                            .contains("smtp.client.username", "smtp.client.password");
                    for (int i = 0; i < 5; i++) {
                        assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
                    }
                    assertThat(LOGINS.get() - before).as("login attempts for six health checks").isEqualTo(1);
                });
    }

    @Test
    void theRightPasswordIsUpAfterLoggingIn() {
        contextRunner.withPropertyValues("smtp.client.port=" + server.port(),
                "smtp.client.password=" + InProcessSmtpServer.PASSWORD).run(context -> {
                    int before = LOGINS.get();
                    assertThat(context.getBean(SmtpHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
                    assertThat(LOGINS.get() - before).isEqualTo(1);
                });
    }
}
