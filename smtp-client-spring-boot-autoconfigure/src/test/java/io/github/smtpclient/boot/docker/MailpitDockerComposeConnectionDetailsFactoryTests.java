package io.github.smtpclient.boot.docker;

import java.util.List;
import java.util.Map;

import io.github.smtpclient.boot.autoconfigure.SmtpConnectionDetails;
import io.github.smtpclient.tls.TlsMode;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactory;
import org.springframework.boot.docker.compose.core.ConnectionPorts;
import org.springframework.boot.docker.compose.core.ImageReference;
import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionSource;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * The Docker Compose connection-details factory on its own, given running services as spring-boot-docker-compose
 * describes them (no Docker engine needed).
 */
class MailpitDockerComposeConnectionDetailsFactoryTests {

    private final MailpitDockerComposeConnectionDetailsFactory factory = new MailpitDockerComposeConnectionDetailsFactory();

    @Test
    void aMailpitServiceIsReachedOnTheHostPortMappedToItsSmtpPortInPlaintext() {
        SmtpConnectionDetails details = factory.getConnectionDetails(source("axllent/mailpit:v1.27", Map.of()));
        assertThat(details.getHost()).isEqualTo("127.0.0.1");
        assertThat(details.getPort()).isEqualTo(54025);
        assertThat(details.getTlsMode()).isEqualTo(TlsMode.NONE);
        assertThat(details.getUsername()).isNull();
        assertThat(details.getPassword()).isNull();
    }

    @Test
    void mailpitsLoginAndTlsSettingsAreFollowed() {
        SmtpConnectionDetails details = factory.getConnectionDetails(source("axllent/mailpit",
                Map.of("MP_SMTP_AUTH", "app:s3cret other:x", "MP_SMTP_REQUIRE_STARTTLS", "true")));
        assertThat(details.getUsername()).isEqualTo("app");
        assertThat(details.getPassword()).isEqualTo("s3cret");
        assertThat(details.getTlsMode()).isEqualTo(TlsMode.EXPLICIT);
        assertThat(factory.getConnectionDetails(source("axllent/mailpit", Map.of("MP_SMTP_REQUIRE_TLS", "true")))
                .getTlsMode()).isEqualTo(TlsMode.IMPLICIT);
    }

    @Test
    void otherImagesAreNotMailpit() {
        assertThat(factory.getConnectionDetails(source("postgres:17", Map.of()))).isNull();
    }

    @Test
    void theFactoryIsRegisteredForServiceConnections() {
        assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(ConnectionDetailsFactory.class,
                SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> { })))
                .hasAtLeastOneElementOfType(MailpitDockerComposeConnectionDetailsFactory.class);
    }

    private static DockerComposeConnectionSource source(String image, Map<String, String> env) {
        ConnectionPorts ports = mock(ConnectionPorts.class);
        given(ports.get(MailpitDockerComposeConnectionDetailsFactory.SMTP_PORT)).willReturn(54025);
        given(ports.getAll()).willReturn(List.of(54025, 54080));
        RunningService service = mock(RunningService.class);
        given(service.name()).willReturn("mailpit");
        given(service.image()).willReturn(ImageReference.of(image));
        given(service.host()).willReturn("127.0.0.1");
        given(service.ports()).willReturn(ports);
        given(service.env()).willReturn(env);
        given(service.labels()).willReturn(Map.of());
        DockerComposeConnectionSource source = mock(DockerComposeConnectionSource.class);
        given(source.getRunningService()).willReturn(service);
        return source;
    }
}
