package io.github.smtpclient.boot.testcontainers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.github.smtpclient.SmtpMailSender;
import io.github.smtpclient.boot.autoconfigure.SmtpConnectionDetails;
import io.github.smtpclient.boot.testing.EnabledIfDockerAvailable;
import io.github.smtpclient.message.MailMessage;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** Sends through a Mailpit container found by {@code @ServiceConnection}; skipped where Docker is not available. */
@EnabledIfDockerAvailable
@Testcontainers
@SpringBootTest
class MailpitContainerConnectionDetailsFactoryTests {

    private static final int WEB_PORT = 8025;

    @Container
    @ServiceConnection
    static final GenericContainer<?> mailpit = new GenericContainer<>("axllent/mailpit:v1.27")
            .withExposedPorts(MailpitContainerConnectionDetailsFactory.SMTP_PORT, WEB_PORT);

    @Autowired
    private SmtpConnectionDetails connectionDetails;

    @Autowired
    private SmtpMailSender sender;

    @Test
    void whenAMailpitContainerIsAServiceConnectionShouldSendToIt() throws Exception {
        assertThat(connectionDetails.getPort()).isEqualTo(mailpit.getMappedPort(1025));

        sender.sendMessage(MailMessage.builder().from("app@example.test").to("bob@example.test")
                .subject("Through Mailpit").plainText("Hello").build());

        HttpResponse<String> messages = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://" + mailpit.getHost() + ":" + mailpit.getMappedPort(WEB_PORT) + "/api/v1/messages")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(messages.body()).contains("Through Mailpit");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Application {
    }
}
