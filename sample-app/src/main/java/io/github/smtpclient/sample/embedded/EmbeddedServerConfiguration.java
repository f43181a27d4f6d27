package io.github.smtpclient.sample.embedded;

import java.util.List;

import io.github.smtpclient.boot.autoconfigure.SmtpClientCustomizer;
import io.github.smtpclient.boot.autoconfigure.SmtpConnectionDetails;
import io.github.smtpclient.tls.TlsMode;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Without the {@code relay} profile: starts the {@link EmbeddedSmtpServer} and points the starter's client at it.
 * The server's port, user and password reach the client as {@link SmtpConnectionDetails} (in place of
 * {@code smtp.client.host/port/username/password}); its certificate is trusted by a {@link SmtpClientCustomizer},
 * as the only certificate the client trusts. Certificate validation and host name checks stay on.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!relay")
class EmbeddedServerConfiguration {

    @Bean
    ReceivedMessages receivedMessages(EmbeddedServerProperties properties) {
        return new ReceivedMessages(properties.keep());
    }

    @Bean
    EmbeddedSmtpServer embeddedSmtpServer(EmbeddedServerProperties properties, ReceivedMessages receivedMessages) {
        return EmbeddedSmtpServer.start(properties, receivedMessages);
    }

    @Bean
    SmtpConnectionDetails embeddedServerConnection(EmbeddedSmtpServer server, EmbeddedServerProperties properties) {
        return new EmbeddedServerConnection(server.port(), properties.username(), properties.password());
    }

    @Bean
    SmtpClientCustomizer trustEmbeddedServerCertificate(EmbeddedSmtpServer server) {
        return client -> {
            client.tls().setTrustedCertificates(List.of(server.certificate()));
            client.tls().setUseSystemCertificates(false);
        };
    }

    /** The embedded server as the client sees it: localhost, STARTTLS required, one user. */
    private record EmbeddedServerConnection(int port, String username, String password)
            implements SmtpConnectionDetails {

        @Override
        public String getHost() {
            return "localhost";
        }

        @Override
        public int getPort() {
            return port;
        }

        @Override
        public String getUsername() {
            return username;
        }

        @Override
        public String getPassword() {
            return password;
        }

        @Override
        public TlsMode getTlsMode() {
            return TlsMode.EXPLICIT;
        }

        @Override
        public String toString() {
            return "EmbeddedServerConnection[localhost:" + port + ", user " + username + ", password ****]";
        }
    }
}
