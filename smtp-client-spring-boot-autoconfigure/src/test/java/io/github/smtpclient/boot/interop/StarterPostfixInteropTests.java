package io.github.smtpclient.boot.interop;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import io.github.smtpclient.SendResult;
import io.github.smtpclient.SmtpMailSender;
import io.github.smtpclient.interop.DeliveredMessage;
import io.github.smtpclient.interop.EnabledIfPostfixTestbed;
import io.github.smtpclient.interop.PostfixTestbed;
import io.github.smtpclient.message.MailMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mail.MailSender;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new Spring Boot web application with Actuator and the starter, configured with nothing but
 * {@code smtp.client.host/port/username/password}, sends through STARTTLS and AUTH to the real Postfix test bed
 * ({@code scripts/testbed/start.sh}); the messages are read back from Postfix's Maildir, and {@code /actuator/health}
 * and {@code /actuator/metrics/smtp.client.send} are read over HTTP.
 */
@EnabledIfPostfixTestbed
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        // Actuator's own settings, as any application that wants these endpoints over HTTP has them: by default only
        // /actuator/health is exposed, and without details.
        "management.endpoints.web.exposure.include=health,metrics",
        "management.endpoint.health.show-details=always" })
class StarterPostfixInteropTests {

    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(10);

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    @Autowired
    private SmtpMailSender sender;

    @Autowired
    private MailSender springMailSender;

    @DynamicPropertySource
    static void postfix(DynamicPropertyRegistry registry) {
        PostfixTestbed testbed = PostfixTestbed.detect().orElseThrow(
                () -> new IllegalStateException("Postfix test bed not running: start it with scripts/testbed/start.sh"));
        registry.add("smtp.client.host", testbed::host);
        registry.add("smtp.client.port", testbed::starttlsPort);
        registry.add("smtp.client.username", testbed::user);
        registry.add("smtp.client.password", testbed::password);
        // The test bed's certificate is issued by a throwaway CA that no JDK trust store holds. A deployment whose
        // server has a private CA sets exactly this, and certificate validation stays on; against a server with a
        // publicly trusted certificate the four settings above are all there is.
        registry.add("smtp.client.tls.trusted-certificates", () -> "file:" + testbed.caCertificateFile());
    }

    @Test
    void mailSentThroughTheStarterArrivesOverTlsAndShowsInHealthAndMetrics(PostfixTestbed testbed) throws Exception {
        String from = "app@client.example.test";
        String messageId = "<" + UUID.randomUUID() + "@client.example.test>";
        SendResult result = sender.sendMessage(MailMessage.builder()
                .from(from)
                .to(testbed.user())
                .messageId(messageId)
                .subject("Sent by SmtpMailSender")
                .plainText("Hello from the starter.")
                .build());

        String springToken = UUID.randomUUID().toString();
        SimpleMailMessage simple = new SimpleMailMessage();
        simple.setFrom(from);
        simple.setTo(testbed.secondUser());
        simple.setSubject("Sent by MailSender " + springToken);
        simple.setText("Hello from Spring's MailSender.");
        springMailSender.send(simple);

        assertThat(result.acceptedRecipients()).hasSize(1);
        DeliveredMessage delivered = testbed.awaitDelivery(testbed.user(), messageId, DELIVERY_TIMEOUT);
        assertThat(delivered.contentAsString())
                .contains("Message-ID: " + messageId, "Subject: Sent by SmtpMailSender", "Hello from the starter.");
        assertSentOverTlsAsAuthenticatedUser(delivered, testbed.user());

        DeliveredMessage deliveredBySpring = testbed.awaitDelivery(testbed.secondUser(), springToken, DELIVERY_TIMEOUT);
        assertThat(deliveredBySpring.contentAsString())
                .contains("Subject: Sent by MailSender " + springToken, "Hello from Spring's MailSender.");
        assertSentOverTlsAsAuthenticatedUser(deliveredBySpring, testbed.user());

        JsonNode health = get("/actuator/health");
        assertThat(health.path("status").asString()).isEqualTo("UP");
        JsonNode smtp = health.path("components").path("smtp");
        assertThat(smtp.path("status").asString()).isEqualTo("UP");
        assertThat(smtp.path("details").path("host").asString()).isEqualTo(testbed.host());
        assertThat(smtp.path("details").path("port").asInt()).isEqualTo(testbed.starttlsPort());
        assertThat(smtp.path("details").path("tlsVersion").asString()).isIn("TLSv1.2", "TLSv1.3");
        assertThat(smtp.path("details").path("cipherSuite").asString()).startsWith("TLS_");
        assertThat(smtp.path("details").path("capabilities").toString()).contains("AUTH");

        JsonNode sends = get("/actuator/metrics/smtp.client.send?tag=outcome:SUCCESS");
        assertThat(sends.path("measurements").get(0).path("statistic").asString()).isEqualTo("COUNT");
        assertThat(sends.path("measurements").get(0).path("value").asDouble()).isGreaterThanOrEqualTo(2.0);
    }

    /** Postfix's Received field records the TLS session and the SASL login (ESMTPSA = ESMTP + TLS + AUTH). */
    private static void assertSentOverTlsAsAuthenticatedUser(DeliveredMessage delivered, String user) {
        assertThat(delivered.received())
                .contains("using TLSv1.")
                .contains("Authenticated sender: " + user)
                .contains("with ESMTPSA");
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The whole application: the starter's auto-configuration does the rest. */
    @SpringBootApplication
    static class Application {
    }
}
