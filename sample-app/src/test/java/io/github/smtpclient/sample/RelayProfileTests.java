package io.github.smtpclient.sample;

import io.github.smtpclient.boot.autoconfigure.SmtpConnectionDetails;
import io.github.smtpclient.sample.embedded.EmbeddedSmtpServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/** The relay profile takes the server from the environment and starts no server of its own. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "SMTP_HOST=smtp.example.test", "SMTP_PORT=2587", "SMTP_USERNAME=alice@example.test",
        "SMTP_PASSWORD=wonderland" })
@ActiveProfiles("relay")
class RelayProfileTests {

    @Autowired
    private ApplicationContext context;

    @Test
    void clientIsPointedAtTheServerFromTheEnvironmentAndNoEmbeddedServerStarts() {
        SmtpConnectionDetails connection = context.getBean(SmtpConnectionDetails.class);

        assertThat(context.getBeansOfType(EmbeddedSmtpServer.class)).isEmpty();
        assertThat(connection.getHost()).isEqualTo("smtp.example.test");
        assertThat(connection.getPort()).isEqualTo(2587);
        assertThat(connection.getUsername()).isEqualTo("alice@example.test");
    }
}
