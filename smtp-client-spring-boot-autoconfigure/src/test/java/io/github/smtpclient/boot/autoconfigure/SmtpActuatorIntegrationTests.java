package io.github.smtpclient.boot.autoconfigure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.smtpclient.SmtpMailSender;
import io.github.smtpclient.boot.client.MailMessageDefaults;
import io.github.smtpclient.testing.InProcessSmtpServer;
import io.github.smtpclient.testing.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** A web application with Actuator and the starter, read over HTTP after sending through a real server. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "management.endpoints.web.exposure.include=health,smtp,metrics",
        "management.endpoint.health.show-details=always",
        "smtp.client.defaults.from=app@example.test" })
class SmtpActuatorIntegrationTests {

    private static final TestCertificates CERTIFICATES = TestCertificates.forLocalhost();

    private static final InProcessSmtpServer SERVER = InProcessSmtpServer.startRequiringTlsAndAuth(CERTIFICATES);

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    @Autowired
    private SmtpMailSender sender;

    @Autowired
    private MailMessageDefaults defaults;

    @DynamicPropertySource
    static void smtpServer(DynamicPropertyRegistry registry) throws IOException {
        Path ca = Files.createTempFile("smtp-ca", ".pem");
        Files.writeString(ca, CERTIFICATES.caPem());
        ca.toFile().deleteOnExit();
        registry.add("smtp.client.host", () -> "localhost");
        registry.add("smtp.client.port", SERVER::port);
        registry.add("smtp.client.username", () -> InProcessSmtpServer.USER);
        registry.add("smtp.client.password", () -> InProcessSmtpServer.PASSWORD);
        registry.add("smtp.client.tls.trusted-certificates", () -> "file:" + ca);
    }

    @AfterAll
    static void stopServer() {
        SERVER.close();
    }

    @Test
    void healthEndpointAndSendMetricsShowTheServerOverHttp() throws Exception {
        sender.sendMessage(defaults.builder().to("bob@example.test").subject("Hi").plainText("Hello").build());

        JsonNode health = get("/actuator/health");
        assertThat(health.path("components").path("smtp").path("status").asString()).isEqualTo("UP");
        assertThat(health.path("components").path("smtp").path("details").path("tlsVersion").asString())
                .startsWith("TLSv1.");

        JsonNode smtp = get("/actuator/smtp");
        assertThat(smtp.path("host").asString()).isEqualTo("localhost");
        assertThat(smtp.path("up").asBoolean()).isTrue();
        assertThat(smtp.path("capabilities").toString()).contains("AUTH PLAIN LOGIN");
        assertThat(smtp.path("tls").path("serverCertificate").asString()).isEqualTo("CN=localhost");
        assertThat(smtp.path("pool").path("idle").asInt()).isEqualTo(1);
        assertThat(smtp.path("pool").path("circuit").asString()).isEqualTo("CLOSED");
        assertThat(health.path("components").path("smtp").path("details").path("pool").path("circuit").asString())
                .isEqualTo("CLOSED");

        JsonNode metric = get("/actuator/metrics/smtp.client.send");
        assertThat(metric.path("measurements").get(0).path("statistic").asString()).isEqualTo("COUNT");
        assertThat(metric.path("measurements").get(0).path("value").asDouble()).isEqualTo(1.0);
        assertThat(metric.path("availableTags").toString()).contains("SUCCESS");
        assertThat(metric.path("availableTags").toString()).contains("\"attempts\"");
        assertThat(SERVER.received()).hasSize(1);
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Application {
    }
}
